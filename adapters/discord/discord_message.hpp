// An answer object as the data of a Discord interaction response (type 4), fitted to
// Discord's limits: content ≤ 2000 characters, one embed holding the comparison as fields and
// the sources in its footer, the 👍/👎 feedback buttons in an action row, and no mentions
// allowed, so an answer never pings anyone.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "bot/answer.hpp"

namespace adapters::discord {

// Discord's message limits (discord.com/developers/docs/resources/message).
inline constexpr std::size_t kMaxContent = 2000;
inline constexpr std::size_t kMaxEmbedTitle = 256;
inline constexpr std::size_t kMaxEmbedFields = 25;
inline constexpr std::size_t kMaxFieldName = 256;
inline constexpr std::size_t kMaxFieldValue = 1024;
inline constexpr std::size_t kMaxFooter = 2048;
inline constexpr std::size_t kMaxEmbedTotal = 6000;

// Length as Discord counts it: UTF-16 code units, as JavaScript's String.length.
std::size_t discord_length(std::string_view utf8);

// `text` unchanged when it fits in `limit`; otherwise cut at a line (or else word) boundary,
// with an open ``` block closed and "…" appended, never splitting a UTF-8 character.
std::string fit_text(std::string_view text, std::size_t limit);

// A feedback button's custom_id is kFeedbackPrefix + "up:" or "down:" + the answer_id.
inline constexpr std::string_view kFeedbackPrefix = "feedback:";
inline constexpr std::size_t kMaxCustomId = 100;

enum class FeedbackButtons { off, on };

// {"content", "embeds" (when there is a comparison or a source), "components" (with
// FeedbackButtons::on, learning on, and an answer_id: one action row of the two feedback
// buttons), "allowed_mentions": {"parse": []}}.
boost::json::object build_response_data(const bot::Answer& answer, FeedbackButtons buttons = FeedbackButtons::off);

// What a feedback button's custom_id says.
struct FeedbackClick {
  std::string answer_id;
  bool helpful = false;
};
// The click a custom_id stands for; empty when it is not a feedback button's.
std::optional<FeedbackClick> parse_feedback_custom_id(std::string_view custom_id);

}  // namespace adapters::discord
