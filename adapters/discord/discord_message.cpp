#include "adapters/discord/discord_message.hpp"

#include <boost/json.hpp>

#include "adapters/common/answer_parts.hpp"

namespace adapters::discord {
namespace {

constexpr std::string_view kEllipsis = "…";
constexpr std::string_view kFence = "```";

std::size_t utf16_units(unsigned char lead) {
  // A four-byte UTF-8 sequence is outside the BMP: a surrogate pair in UTF-16.
  return (lead & 0xF8) == 0xF0 ? 2 : 1;
}

// The longest prefix of `text` (whole characters) that is at most `limit` long.
std::string_view prefix_within(std::string_view text, std::size_t limit) {
  std::size_t length = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) == 0x80) continue;
    length += utf16_units(byte);
    if (length > limit) return text.substr(0, i);
  }
  return text;
}

std::size_t count_fences(std::string_view text) {
  std::size_t count = 0;
  for (auto at = text.find(kFence); at != std::string_view::npos; at = text.find(kFence, at + kFence.size())) ++count;
  return count;
}

}  // namespace

std::size_t discord_length(std::string_view utf8) {
  std::size_t length = 0;
  for (char c : utf8)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) length += utf16_units(static_cast<unsigned char>(c));
  return length;
}

std::string fit_text(std::string_view text, std::size_t limit) {
  if (discord_length(text) <= limit) return std::string(text);
  // Room for the ellipsis and, if needed, a closing fence on its own line.
  const std::size_t reserve = discord_length(kEllipsis) + 1 + kFence.size();
  if (limit <= reserve) return std::string(prefix_within(text, limit));
  auto kept = prefix_within(text, limit - reserve);
  if (const auto newline = kept.rfind('\n'); newline != std::string_view::npos && newline > kept.size() / 2)
    kept = kept.substr(0, newline);
  else if (const auto space = kept.rfind(' '); space != std::string_view::npos && space > kept.size() / 2)
    kept = kept.substr(0, space);
  std::string fitted(kept);
  fitted += kEllipsis;
  if (count_fences(kept) % 2 == 1) fitted.append("\n").append(kFence);
  return fitted;
}

boost::json::object build_response_data(const bot::Answer& answer) {
  boost::json::object data;
  data["content"] = fit_text(answer.text, kMaxContent);
  data["allowed_mentions"] = {{"parse", boost::json::array{}}};

  const auto rows = comparison_ranges(answer.data);
  const auto sources = source_labels(answer);
  if (rows.empty() && sources.empty()) return data;
  boost::json::object embed;
  std::size_t total = 0;
  std::string footer;
  if (!sources.empty()) {
    for (const auto& source : sources) footer += (footer.empty() ? "Sources: " : "; ") + source;
    footer = fit_text(footer, kMaxFooter);
    total += discord_length(footer);
    embed["footer"] = {{"text", footer}};
  }
  if (!rows.empty()) {
    const std::string title = "Salary comparison";
    total += discord_length(title);
    embed["title"] = title;
    boost::json::array fields;
    for (const auto& row : rows) {
      auto name = fit_text(row.label, kMaxFieldName);
      auto value = fit_text(row.band(), kMaxFieldValue);
      const auto size = discord_length(name) + discord_length(value);
      if (fields.size() == kMaxEmbedFields || total + size > kMaxEmbedTotal) break;
      total += size;
      fields.push_back({{"name", std::move(name)}, {"value", std::move(value)}, {"inline", true}});
    }
    embed["fields"] = std::move(fields);
  }
  data["embeds"] = boost::json::array{std::move(embed)};
  return data;
}

}  // namespace adapters::discord
