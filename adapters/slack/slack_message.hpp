// An answer object as a Slack message: mrkdwn `text` (the notification and fallback) and
// Block Kit `blocks` (the text in sections, the comparison as fields, sources as context, and
// the 👍/👎 feedback buttons as actions).
#pragma once

#include <string_view>

#include <boost/json/object.hpp>

#include "bot/answer.hpp"

namespace adapters::slack {

// Block Kit's limits (api.slack.com/reference/block-kit/blocks).
inline constexpr std::size_t kMaxBlocks = 50;
inline constexpr std::size_t kMaxSectionText = 3000;
inline constexpr std::size_t kMaxSectionFields = 10;
inline constexpr std::size_t kMaxContextElements = 10;

// The action_ids of the feedback buttons; each button's value is the answer's answer_id.
inline constexpr std::string_view kHelpfulAction = "feedback_helpful";
inline constexpr std::string_view kNotHelpfulAction = "feedback_not_helpful";

enum class FeedbackButtons { off, on };

// {"text": …, "blocks": […]}, every field within Slack's limits; add channel/thread_ts (for
// chat.postMessage) or response_type (for a slash command response) before sending. With
// FeedbackButtons::on (learning is on) and an answer_id, the last block is an actions block
// with the two feedback buttons.
boost::json::object build_message(const bot::Answer& answer, FeedbackButtons buttons = FeedbackButtons::off);

}  // namespace adapters::slack
