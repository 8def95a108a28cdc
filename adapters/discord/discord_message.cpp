#include "adapters/discord/discord_message.hpp"

#include <boost/json.hpp>

#include "adapters/common/answer_parts.hpp"
#include "adapters/common/feedback_buttons.hpp"

namespace adapters::discord {
namespace {

constexpr std::string_view kEllipsis = "…";
constexpr std::string_view kUp = "up:";
constexpr std::string_view kDown = "down:";

// Component types and button styles (discord.com/developers/docs/interactions/message-components).
constexpr std::int64_t kActionRow = 1;
constexpr std::int64_t kButton = 2;
constexpr std::int64_t kSecondaryStyle = 2;

boost::json::object button(std::string_view direction, std::string_view emoji, std::string_view label,
                           const std::string& answer_id) {
  std::string custom_id(kFeedbackPrefix);
  custom_id.append(direction).append(answer_id);
  return {{"type", kButton},
          {"style", kSecondaryStyle},
          {"label", label},
          {"emoji", {{"name", emoji}}},
          {"custom_id", std::move(custom_id)}};
}
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

std::optional<FeedbackClick> parse_feedback_custom_id(std::string_view custom_id) {
  if (!custom_id.starts_with(kFeedbackPrefix)) return std::nullopt;
  custom_id.remove_prefix(kFeedbackPrefix.size());
  const bool helpful = custom_id.starts_with(kUp);
  if (!helpful && !custom_id.starts_with(kDown)) return std::nullopt;
  custom_id.remove_prefix(helpful ? kUp.size() : kDown.size());
  if (custom_id.empty()) return std::nullopt;
  return FeedbackClick{std::string(custom_id), helpful};
}

boost::json::object build_response_data(const bot::Answer& answer, FeedbackButtons buttons) {
  boost::json::object data;
  data["content"] = fit_text(answer.text, kMaxContent);
  data["allowed_mentions"] = {{"parse", boost::json::array{}}};
  // An answer_id (34 characters) leaves the custom_id far inside its limit; a longer id would
  // make Discord refuse the whole answer, so it gets no buttons.
  if (buttons == FeedbackButtons::on && !answer.answer_id.empty() &&
      kFeedbackPrefix.size() + kDown.size() + answer.answer_id.size() <= kMaxCustomId) {
    boost::json::array row_buttons{button(kUp, kHelpfulEmoji, kHelpfulLabel, answer.answer_id),
                                   button(kDown, kNotHelpfulEmoji, kNotHelpfulLabel, answer.answer_id)};
    boost::json::object row{{"type", kActionRow}, {"components", std::move(row_buttons)}};
    data["components"] = boost::json::array{std::move(row)};
  }

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
