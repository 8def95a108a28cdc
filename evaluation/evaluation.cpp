#include "evaluation/evaluation.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string_view>

#include <boost/json.hpp>

namespace json = boost::json;

namespace evaluation {
namespace {

// ---- reading a question set -------------------------------------------------------------

[[noreturn]] void bad(const std::string& where, const std::string& what) {
  throw std::invalid_argument(where + ": " + what);
}

std::vector<std::string> strings(const json::value& value, const std::string& where) {
  if (!value.is_array()) bad(where, "must be an array of strings");
  std::vector<std::string> out;
  for (const auto& item : value.as_array()) {
    if (!item.is_string()) bad(where, "must be an array of strings");
    out.emplace_back(item.as_string());
  }
  return out;
}

void check_expect(const json::object& expect, const std::string& where) {
  if (const auto* salary = expect.if_contains("salary")) {
    const auto* pair = salary->if_array();
    if (!pair || pair->size() != 2 || !pair->at(0).is_number() || !pair->at(1).is_number())
      bad(where + ".salary", "must be [min_lpa, max_lpa]");
  }
  if (const auto* roles = expect.if_contains("roles"); roles && !roles->is_array())
    bad(where + ".roles", "must be an array");
  // Only shape-checked here; check_answer reads them.
  if (const auto* tools = expect.if_contains("tools")) strings(*tools, where + ".tools");
  if (const auto* mentions = expect.if_contains("mentions")) strings(*mentions, where + ".mentions");
}

Question parse_question(const json::value& value, const std::string& where) {
  const auto* object = value.if_object();
  if (!object) bad(where, "must be an object");
  Question question;
  const auto* text = object->if_contains("text");
  if (!text || !text->is_string()) bad(where, "\"text\" must be a string");
  question.text = text->as_string();
  const auto* intent = object->if_contains("intent");
  if (!intent || !intent->is_string()) bad(where, "\"intent\" must be a string");
  question.intent = intent->as_string();
  if (const auto* alt = object->if_contains("alt")) question.alt = strings(*alt, where + ".alt");
  // score.py skips the entity check for a null or empty "entities".
  if (const auto* entities = object->if_contains("entities"); entities && !entities->is_null()) {
    if (!entities->is_object()) bad(where + ".entities", "must be an object");
    question.entities = entities->as_object();
  }
  if (const auto* expect = object->if_contains("expect")) {
    if (!expect->is_object()) bad(where + ".expect", "must be an object");
    question.expect = expect->as_object();
    check_expect(question.expect, where + ".expect");
  }
  return question;
}

// ---- Python's view of JSON values, as score.py sees them --------------------------------

// Python truthiness: null, false, 0, "", [] and {} are false.
bool truthy(const json::value* value) {
  if (!value) return false;
  switch (value->kind()) {
    case json::kind::null: return false;
    case json::kind::bool_: return value->get_bool();
    case json::kind::int64: return value->get_int64() != 0;
    case json::kind::uint64: return value->get_uint64() != 0;
    case json::kind::double_: return value->get_double() != 0;
    case json::kind::string: return !value->get_string().empty();
    case json::kind::array: return !value->get_array().empty();
    case json::kind::object: return !value->get_object().empty();
  }
  return false;
}

// isinstance(v, (int, float)): bool is an int in Python.
std::optional<double> python_number(const json::value& value) {
  if (value.is_bool()) return value.get_bool() ? 1.0 : 0.0;
  if (value.is_number()) return value.to_number<double>();
  return std::nullopt;
}

// Equality of json.dumps(v, sort_keys=True), which score.py's as_set() compares: kinds
// matter (3 is not 3.0, true is not 1), key order does not.
bool same_dump(const json::value& a, const json::value& b) {
  const bool a_int = a.is_int64() || a.is_uint64(), b_int = b.is_int64() || b.is_uint64();
  if (a_int || b_int) {
    if (!a_int || !b_int) return false;
    // int64 and uint64 are both Python ints; a negative one cannot equal a uint64.
    if (a.is_int64() && b.is_int64()) return a.get_int64() == b.get_int64();
    if (a.is_int64() ? a.get_int64() < 0 : b.get_int64() < 0) return false;
    return a.to_number<std::uint64_t>() == b.to_number<std::uint64_t>();
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case json::kind::double_: {
      const double x = a.get_double(), y = b.get_double();
      if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
      return x == y && std::signbit(x) == std::signbit(y);  // "-0.0" is not "0.0"
    }
    case json::kind::array: {
      const auto &x = a.get_array(), &y = b.get_array();
      return std::equal(x.begin(), x.end(), y.begin(), y.end(), same_dump);
    }
    case json::kind::object: {
      const auto &x = a.get_object(), &y = b.get_object();
      if (x.size() != y.size()) return false;
      return std::all_of(x.begin(), x.end(), [&](const json::key_value_pair& item) {
        const auto* other = y.if_contains(item.key());
        return other && same_dump(item.value(), *other);
      });
    }
    default:
      return a == b;  // null, bool, string
  }
}

// Python's ==, which set membership uses in score.py's roles check: numbers (and bools)
// compare by value.
bool python_equal(const json::value& a, const json::value& b) {
  const auto x = python_number(a), y = python_number(b);
  if (x || y) return x && y && *x == *y;
  return same_dump(a, b);
}

// One value, or each element of a list (score.py's as_set).
std::vector<const json::value*> elements(const json::value& value) {
  std::vector<const json::value*> out;
  if (const auto* array = value.if_array())
    for (const auto& item : *array) out.push_back(&item);
  else
    out.push_back(&value);
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

// Python's repr() of a float: the shortest round-trip digits, in fixed notation for
// exponents -5 < e < 16 (always with a fractional part), else as 1.5e+16.
std::string python_float(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
  char buffer[64];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::scientific).ptr;
  const std::string_view scientific(buffer, end - buffer);  // "-1.25e+02"
  const auto e = scientific.find('e');
  int exponent = 0;
  std::from_chars(scientific.data() + e + 1 + (scientific[e + 1] == '+'), end, exponent);
  const bool negative = scientific.front() == '-';
  std::string digits(scientific.substr(negative, e - negative));
  std::erase(digits, '.');

  std::string out = negative ? "-" : "";
  const auto whole = static_cast<std::size_t>(exponent + 1);  // digits before the point
  if (exponent < -4 || exponent >= 16) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char suffix[8];
    std::snprintf(suffix, sizeof suffix, "e%+03d", exponent);
    out += suffix;
  } else if (exponent < 0) {
    out += "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  } else if (digits.size() <= whole) {
    out += digits + std::string(whole - digits.size(), '0') + ".0";
  } else {
    out += digits.substr(0, whole) + "." + digits.substr(whole);
  }
  return out;
}

std::string python_string(std::string_view text) {
  // Python prefers single quotes, and takes double ones when that avoids escaping.
  const char quote = text.find('\'') != std::string_view::npos && text.find('"') == std::string_view::npos ? '"' : '\'';
  std::string out(1, quote);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\\' || c == quote) {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\x%02x", byte);
      out += escape;
    } else {
      out += c;
    }
  }
  return out + quote;
}

const json::object& object_or_empty(const json::value* value) {
  static const json::object empty;
  return value && value->is_object() ? value->get_object() : empty;
}

// score.py's `x or -1` on a salary bound: absent, null and 0 all become -1.
std::optional<double> bound(const json::object& salary, std::string_view key) {
  const auto* value = salary.if_contains(key);
  if (!truthy(value)) return -1.0;
  return python_number(*value);
}

}  // namespace

Session parse_session(const json::value& line) {
  const auto* object = line.if_object();
  if (!object) bad("line", "must be a JSON object");
  Session session;
  if (const auto* turns = object->if_contains("turns")) {
    if (!turns->is_array()) bad("turns", "must be an array of questions");
    session.dialog = true;
    for (std::size_t i = 0; i < turns->get_array().size(); ++i)
      session.questions.push_back(parse_question(turns->get_array()[i], "turns[" + std::to_string(i) + "]"));
  } else {
    session.questions.push_back(parse_question(line, "question"));
  }
  return session;
}

std::optional<std::string> check_entities(const json::object& want, const json::value& got) {
  const auto& answered = object_or_empty(&got);
  for (const auto& [key, value] : want) {
    const std::string name(key);
    const auto* have = answered.if_contains(key);
    if (!have) return "entity " + name + " missing";
    const auto mismatch = "entity " + name + ": want " + python_str(value) + ", got " + python_str(*have);
    if (value.is_number()) {
      const auto* first = have->is_array() && !have->get_array().empty() ? &have->get_array()[0] : have;
      const auto number = python_number(*first);
      if (!number || std::abs(*number - value.to_number<double>()) > 1e-6) return mismatch;
    } else {
      const auto haves = elements(*have);
      for (const auto* wanted : elements(value))
        if (std::none_of(haves.begin(), haves.end(), [&](const json::value* h) { return same_dump(*wanted, *h); }))
          return mismatch;
    }
  }
  return std::nullopt;
}

std::optional<std::string> check_answer(const json::object& expect, const json::object& answer) {
  const auto* text_value = answer.if_contains("text");
  const std::string text = text_value && text_value->is_string() ? lower(text_value->get_string()) : "";
  const auto& data = object_or_empty(answer.if_contains("data"));

  if (const auto* salary = expect.if_contains("salary")) {
    const double lo = salary->at(0).to_number<double>(), hi = salary->at(1).to_number<double>();
    const auto& band = object_or_empty(data.if_contains("salary"));
    const auto min = bound(band, "min_lpa"), max = bound(band, "max_lpa");
    if (!min || !max || std::abs(*min - lo) > 0.01 || std::abs(*max - hi) > 0.01) {
      const auto shown = [&](std::string_view key) {
        const auto* value = band.if_contains(key);
        return value ? python_str(*value) : "None";
      };
      return "salary: want " + python_str(salary->at(0)) + "-" + python_str(salary->at(1)) + ", got " +
             shown("min_lpa") + "-" + shown("max_lpa");
    }
  }
  if (const auto* roles = expect.if_contains("roles")) {
    std::vector<json::value> compared;
    if (const auto* comparison = data.if_contains("comparison"); comparison && comparison->is_array())
      for (const auto& row : comparison->get_array())
        if (const auto* item = row.if_object())
          compared.push_back(item->contains("role") ? item->at("role") : json::value());
    json::array missing;
    for (const auto& role : roles->as_array())
      if (std::none_of(compared.begin(), compared.end(), [&](const json::value& c) { return python_equal(role, c); }))
        missing.push_back(role);
    if (!missing.empty()) return "comparison lacks " + python_repr(missing);
  }
  if (const auto* tools = expect.if_contains("tools")) {
    std::vector<std::string> listed;
    if (const auto* data_tools = data.if_contains("tools"); data_tools && data_tools->is_array())
      for (const auto& tool : data_tools->get_array()) listed.push_back(lower(python_str(tool)));
    json::array missing;
    for (const auto& tool : tools->as_array())
      if (std::find(listed.begin(), listed.end(), lower(tool.as_string())) == listed.end()) missing.push_back(tool);
    if (!missing.empty()) return "tools lack " + python_repr(missing);
  }
  if (const auto* mentions = expect.if_contains("mentions")) {
    for (const auto& mention : mentions->as_array()) {
      const std::string_view word = mention.as_string();
      if (text.find(lower(word)) == std::string::npos) return "text does not mention " + python_string(word);
    }
  }
  if (truthy(expect.if_contains("no_salary"))) {
    if (truthy(data.if_contains("salary")) || truthy(data.if_contains("comparison")) ||
        text.find("lpa") != std::string::npos)
      return "gives a salary where it should not";
  }
  return std::nullopt;
}

std::optional<std::string> Outcome::miss() const {
  if (!why && !entity_error && !answer_error) return std::nullopt;
  std::string reason = why ? *why : answer_error ? *answer_error : *entity_error;
  if (entity_error && (why || answer_error)) reason += " [" + *entity_error + "]";
  return reason;
}

Outcome judge(const Question& question, const json::object& answer) {
  Outcome outcome;
  const auto& intent = object_or_empty(answer.if_contains("intent"));
  const auto* name = intent.if_contains("name");
  outcome.got = name ? python_str(*name) : "None";
  if (name && name->is_string()) {
    const std::string_view got = name->get_string();
    outcome.intent_right =
        got == question.intent || std::find(question.alt.begin(), question.alt.end(), got) != question.alt.end();
  }
  if (!outcome.intent_right) outcome.why = "intent " + outcome.got + ", want " + question.intent;
  if (const auto* error = answer.if_contains("error")) outcome.why = "error: " + python_str(*error);
  if (!question.entities.empty()) {
    static const json::value none;
    const auto* entities = answer.if_contains("entities");
    outcome.entity_error = check_entities(question.entities, entities ? *entities : none);
  }
  outcome.answer_error = outcome.intent_right ? check_answer(question.expect, answer) : outcome.why;
  if (const auto* confidence = intent.if_contains("confidence"); confidence && confidence->is_number())
    outcome.confidence = confidence->to_number<double>();
  if (const auto* data = answer.if_contains("data"); data && data->is_object())
    outcome.clarified = data->get_object().contains("clarify");
  return outcome;
}

void Confusion::add(const std::string& want, const std::string& got, int count) { cells_[{want, got}] += count; }

int Confusion::count(const std::string& want, const std::string& got) const {
  const auto cell = cells_.find({want, got});
  return cell == cells_.end() ? 0 : cell->second;
}

std::vector<std::string> Confusion::labels() const {
  std::vector<std::string> out;
  for (const auto& [cell, count] : cells_) {
    out.push_back(cell.first);
    out.push_back(cell.second);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<IntentScore> per_intent(const Confusion& confusion) {
  std::vector<IntentScore> scores;
  for (const auto& label : confusion.labels()) {
    int wanted = 0, predicted = 0;
    for (const auto& [cell, count] : confusion.cells()) {
      if (cell.first == label) wanted += count;
      if (cell.second == label) predicted += count;
    }
    const int right = confusion.count(label, label);
    IntentScore score{label};
    score.support = wanted;
    score.precision = predicted ? static_cast<double>(right) / predicted : 0.0;
    score.recall = wanted ? static_cast<double>(right) / wanted : 0.0;
    const double sum = score.precision + score.recall;
    score.f1 = sum > 0 ? 2 * score.precision * score.recall / sum : 0.0;
    scores.push_back(score);
  }
  return scores;
}

IntentScore macro_average(const std::vector<IntentScore>& scores) {
  IntentScore average{"macro avg"};
  for (const auto& score : scores) {
    average.precision += score.precision;
    average.recall += score.recall;
    average.f1 += score.f1;
    average.support += score.support;
  }
  if (!scores.empty()) {
    const auto n = static_cast<double>(scores.size());
    average.precision /= n;
    average.recall /= n;
    average.f1 /= n;
  }
  return average;
}

IntentScore weighted_average(const std::vector<IntentScore>& scores) {
  IntentScore average{"weighted avg"};
  for (const auto& score : scores) {
    average.precision += score.precision * score.support;
    average.recall += score.recall * score.support;
    average.f1 += score.f1 * score.support;
    average.support += score.support;
  }
  if (average.support > 0) {
    average.precision /= average.support;
    average.recall /= average.support;
    average.f1 /= average.support;
  }
  return average;
}

std::vector<ConfusedPair> most_confused(const Confusion& confusion, std::size_t limit) {
  std::vector<ConfusedPair> pairs;
  for (const auto& [cell, count] : confusion.cells())
    if (cell.first != cell.second && count > 0) pairs.push_back({cell.first, cell.second, count});
  // The map is ordered by (want, got) already, so a stable sort by count keeps that as the tie-break.
  std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
  if (pairs.size() > limit) pairs.resize(limit);
  return pairs;
}

std::size_t bucket_of(double confidence) {
  if (confidence < 0.5) return 0;
  return std::min<std::size_t>(kConfidenceBuckets - 1, 1 + static_cast<std::size_t>((confidence - 0.5) * 10 + 1e-9));
}

std::string bucket_label(std::size_t bucket) {
  if (bucket == 0) return "<0.5";
  if (bucket == kConfidenceBuckets - 1) return "0.9–1.0";
  const int tenths = static_cast<int>(bucket) + 4;
  return "0." + std::to_string(tenths) + "–0." + std::to_string(tenths + 1);
}

void Report::add(const Question& question, const Outcome& outcome, bool in_dialog) {
  clarifications += outcome.clarified;
  if (!in_dialog) {
    auto& bucket = calibration[bucket_of(outcome.confidence)];
    ++bucket.total;
    bucket.right += outcome.passed();
  }
  if (in_dialog) {
    ++turns.total;
    turns.right += outcome.passed();
  } else {
    ++intents.total;
    intents.right += outcome.intent_right;
    ++answers.total;
    answers.right += outcome.passed();
    if (!question.entities.empty()) {
      ++entities.total;
      entities.right += !outcome.entity_error;
    }
    confusion.add(question.intent, outcome.intent_right ? question.intent : outcome.got);
  }
  if (auto why = outcome.miss()) misses.push_back({question.text, std::move(*why), in_dialog});
}

std::vector<std::string> unmet(const Report& report, const Thresholds& thresholds) {
  std::vector<std::string> out;
  const auto check = [&](const char* what, const Count& count, double minimum) {
    if (count.rate() >= minimum) return;
    char line[128];
    std::snprintf(line, sizeof line, "%s %.1f%% < %.1f%%", what, 100 * count.rate(), 100 * minimum);
    out.emplace_back(line);
  };
  check("intent accuracy", report.intents, thresholds.intent);
  check("answers right", report.answers, thresholds.answer);
  check("dialog turns right", report.turns, thresholds.turns);
  return out;
}

std::string python_repr(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null: return "None";
    case json::kind::bool_: return value.get_bool() ? "True" : "False";
    case json::kind::int64: return std::to_string(value.get_int64());
    case json::kind::uint64: return std::to_string(value.get_uint64());
    case json::kind::double_: return python_float(value.get_double());
    case json::kind::string: return python_string(value.get_string());
    case json::kind::array: {
      std::string out = "[";
      for (const auto& item : value.get_array()) out += (out.size() > 1 ? ", " : "") + python_repr(item);
      return out + "]";
    }
    case json::kind::object: {
      std::string out = "{";
      for (const auto& [key, item] : value.get_object())
        out += (out.size() > 1 ? ", " : "") + python_string(key) + ": " + python_repr(item);
      return out + "}";
    }
  }
  return {};
}

std::string python_str(const json::value& value) {
  return value.is_string() ? std::string(value.get_string()) : python_repr(value);
}

}  // namespace evaluation
