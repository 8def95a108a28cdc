#include "adapters/slack/slack_message.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "adapters/common/answer_parts.hpp"
#include "adapters/common/feedback_buttons.hpp"
#include "adapters/slack/mrkdwn.hpp"

namespace adapters::slack {
namespace {

// The longest prefix of `text` of at most `limit` bytes that does not split a UTF-8 character.
std::string_view utf8_prefix(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

// Chunks of at most `limit` bytes, cut after a newline where one is near.
std::vector<std::string> split_text(std::string_view text, std::size_t limit) {
  std::vector<std::string> chunks;
  while (!text.empty()) {
    auto chunk = utf8_prefix(text, limit);
    if (chunk.size() < text.size()) {
      if (const auto newline = chunk.rfind('\n'); newline != std::string_view::npos && newline > limit / 2)
        chunk = chunk.substr(0, newline + 1);
    }
    chunks.emplace_back(chunk);
    text.remove_prefix(chunk.size());
  }
  return chunks;
}

boost::json::object mrkdwn_text(std::string text) { return {{"type", "mrkdwn"}, {"text", std::move(text)}}; }

boost::json::object button(std::string_view action_id, std::string_view emoji, std::string_view label,
                           const std::string& answer_id) {
  std::string text(emoji);
  text.append(" ").append(label);
  return {{"type", "button"},
          {"action_id", action_id},
          {"text", {{"type", "plain_text"}, {"text", std::move(text)}, {"emoji", true}}},
          {"value", answer_id}};
}

}  // namespace

boost::json::object build_message(const bot::Answer& answer, FeedbackButtons buttons) {
  const std::string text = to_mrkdwn(answer.text);
  const auto rows = comparison_ranges(answer.data);
  boost::json::array blocks;
  const bool feedback = buttons == FeedbackButtons::on && !answer.answer_id.empty();
  // Leave room for the comparison, the sources and the feedback blocks after the text.
  const std::size_t text_blocks = kMaxBlocks - 3;
  for (auto& chunk : split_text(text, kMaxSectionText)) {
    if (blocks.size() == text_blocks) break;
    blocks.push_back({{"type", "section"}, {"text", mrkdwn_text(std::move(chunk))}});
  }
  if (!rows.empty()) {
    boost::json::array fields;
    for (const auto& row : rows) {
      if (fields.size() == kMaxSectionFields) break;
      fields.push_back(mrkdwn_text("*" + escape_mrkdwn(row.label) + "*\n" + escape_mrkdwn(row.band())));
    }
    blocks.push_back({{"type", "section"}, {"fields", std::move(fields)}});
  }
  if (const auto sources = source_labels(answer); !sources.empty()) {
    boost::json::array elements;
    for (const auto& source : sources) {
      if (elements.size() == kMaxContextElements) break;
      elements.push_back(mrkdwn_text(":page_facing_up: " + escape_mrkdwn(utf8_prefix(source, 300))));
    }
    blocks.push_back({{"type", "context"}, {"elements", std::move(elements)}});
  }
  if (feedback) {
    boost::json::array elements{button(kHelpfulAction, kHelpfulEmoji, kHelpfulLabel, answer.answer_id),
                                button(kNotHelpfulAction, kNotHelpfulEmoji, kNotHelpfulLabel, answer.answer_id)};
    blocks.push_back(boost::json::object{{"type", "actions"}, {"elements", std::move(elements)}});
  }
  // Slack truncates `text` beyond 40,000 characters; keep well inside it.
  return {{"text", std::string(utf8_prefix(text, 38000))}, {"blocks", std::move(blocks)}};
}

}  // namespace adapters::slack
