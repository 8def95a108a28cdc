#include "bot/answer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/json.hpp>

namespace bot {
namespace {

namespace json = boost::json;

// Beyond ±2^53 a double no longer holds every whole number, and a figure that large is no count.
constexpr double kLargestExactWhole = 9007199254740992.0;

double to_three_decimals(double value) { return std::round(value * 1000.0) / 1000.0; }

void store_whole_numbers_as_integers(json::value& value);

void store_whole_numbers_as_integers(json::object& object) {
  for (auto& member : object) store_whole_numbers_as_integers(member.value());
}

void store_whole_numbers_as_integers(json::value& value) {
  switch (value.kind()) {
    case json::kind::double_:
      if (const double number = value.get_double();
          std::trunc(number) == number && std::abs(number) <= kLargestExactWhole)
        value = static_cast<std::int64_t>(number);
      break;
    case json::kind::array:
      for (auto& item : value.get_array()) store_whole_numbers_as_integers(item);
      break;
    case json::kind::object:
      store_whole_numbers_as_integers(value.get_object());
      break;
    default:
      break;
  }
}

// Whether any of the 8 bytes at `at` is a control character, a quote or a backslash: the exact
// "has a byte below n" and "has a zero byte" word tests (bytes of 0x80 and above never count).
bool needs_escape(const char* at) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  std::uint64_t word;
  std::memcpy(&word, at, sizeof word);
  const auto has_zero = [&](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  const std::uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighs;
  return below_space | has_zero(word ^ (kOnes * '"')) | has_zero(word ^ (kOnes * '\\'));
}

// RFC 8259 §7: the quote, the backslash and the control characters are escaped.
constexpr auto kEscaped = [] {
  std::array<bool, 256> escaped{};
  for (int c = 0; c < 0x20; ++c) escaped[c] = true;
  escaped['"'] = escaped['\\'] = true;
  return escaped;
}();

bool is_plain(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) { return kEscaped[static_cast<unsigned char>(c)]; });
}

// A string short enough to be quoted in a buffer on the stack: keys and most values.
constexpr std::size_t kShort = 64;


template <class Number>
void append_number(std::string& out, Number number) {
  char text[32];
  // Without a format, to_chars writes the shortest text that reads back as the same number,
  // plain where that is shorter (0.773, 6.5, 1e+21); JSON has no NaN or infinity.
  if constexpr (std::is_floating_point_v<Number>) {
    if (!std::isfinite(number)) {
      out += "null";
      return;
    }
  }
  const auto written = std::to_chars(text, text + sizeof text, number);
  out.append(text, written.ptr);
}

void append_value(std::string& out, const json::value& value);

void append_object(std::string& out, const json::object& object) {
  out += '{';
  bool first = true;
  for (const auto& member : object) {
    const bool comma = !std::exchange(first, false);
    // `,"key":` in one append: keys are short names with nothing to escape.
    if (const std::string_view key = member.key(); key.size() <= kShort && is_plain(key)) {
      char piece[kShort + 4];
      std::size_t size = 0;
      if (comma) piece[size++] = ',';
      piece[size++] = '"';
      std::memcpy(piece + size, key.data(), key.size());
      size += key.size();
      piece[size++] = '"';
      piece[size++] = ':';
      out.append(piece, size);
    } else {
      if (comma) out += ',';
      append_json_string(out, key);
      out += ':';
    }
    append_value(out, member.value());
  }
  out += '}';
}

void append_value(std::string& out, const json::value& value) {
  switch (value.kind()) {
    case json::kind::null:
      out += "null";
      break;
    case json::kind::bool_:
      out += value.get_bool() ? "true" : "false";
      break;
    case json::kind::int64:
      append_number(out, value.get_int64());
      break;
    case json::kind::uint64:
      append_number(out, value.get_uint64());
      break;
    case json::kind::double_:
      append_number(out, value.get_double());
      break;
    case json::kind::string:
      append_json_string(out, value.get_string());
      break;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value.get_array()) {
        if (!std::exchange(first, false)) out += ',';
        append_value(out, item);
      }
      out += ']';
      break;
    }
    case json::kind::object:
      append_object(out, value.get_object());
      break;
  }
}

}  // namespace

// Everything but the quote, the backslash and the control characters,
// UTF-8 included, is copied as it is (as Boost.JSON does), a run of plain characters at a time.
void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Most strings of an answer are short keys and values with nothing to escape: one append each,
  // quotes included.
  if (text.size() <= kShort && is_plain(text)) {
    char quoted[kShort + 2];
    quoted[0] = '"';
    std::memcpy(quoted + 1, text.data(), text.size());
    quoted[text.size() + 1] = '"';
    out.append(quoted, text.size() + 2);
    return;
  }
  out += '"';
  const char* plain = text.data();
  const char* const end = text.data() + text.size();
  for (const char* at = plain; at != end; ++at) {
    // Eight bytes at a time past runs that need no escape (most of an answer's text).
    while (end - at >= 8 && !needs_escape(at)) at += 8;
    if (at == end) break;
    const auto c = static_cast<unsigned char>(*at);
    if (!kEscaped[c]) continue;
    out.append(plain, static_cast<std::size_t>(at - plain));
    plain = at + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default: {
        const char escape[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
        out.append(escape, sizeof escape);
      }
    }
  }
  out.append(plain, static_cast<std::size_t>(end - plain));
  out += '"';
}

boost::json::object to_json(Answer answer, boost::json::object head) {
  boost::json::object object = std::move(head);
  object.reserve(object.size() + 7);
  object.emplace("intent",
                 boost::json::object{{"name", answer.intent}, {"confidence", to_three_decimals(answer.confidence)}});
  store_whole_numbers_as_integers(answer.entities);
  object.emplace("entities", std::move(answer.entities));
  object.emplace("text", answer.text);
  store_whole_numbers_as_integers(answer.data);
  object.emplace("data", std::move(answer.data));
  boost::json::array sources;
  sources.reserve(answer.sources.size());
  for (const auto& source : answer.sources)
    sources.push_back(boost::json::object{{"doc", source.doc}, {"section", source.section}, {"snippet", source.snippet}});
  object.emplace("sources", std::move(sources));
  boost::json::array suggestions;
  suggestions.reserve(answer.suggestions.size());
  for (const auto& suggestion : answer.suggestions) suggestions.emplace_back(suggestion);
  object.emplace("suggestions", std::move(suggestions));
  if (!answer.answer_id.empty()) object.emplace("answer_id", std::move(answer.answer_id));
  return object;
}

std::string serialize(const boost::json::object& object) {
  std::string out;
  out.reserve(4096);  // an answer object is a few hundred bytes to a few kilobytes: one allocation
  append_object(out, object);
  return out;
}

std::string serialize(const boost::json::value& value) {
  std::string out;
  append_value(out, value);
  return out;
}

}  // namespace bot
