// An answer object as a Slack message: mrkdwn `text` (the notification and fallback) and
// Block Kit `blocks` (the text in sections, the comparison as fields, sources as context).
#pragma once

#include <boost/json/object.hpp>

#include "bot/answer.hpp"

namespace adapters::slack {

// Block Kit's limits (api.slack.com/reference/block-kit/blocks).
inline constexpr std::size_t kMaxBlocks = 50;
inline constexpr std::size_t kMaxSectionText = 3000;
inline constexpr std::size_t kMaxSectionFields = 10;
inline constexpr std::size_t kMaxContextElements = 10;

// {"text": …, "blocks": […]}, every field within Slack's limits; add channel/thread_ts (for
// chat.postMessage) or response_type (for a slash command response) before sending.
boost::json::object build_message(const bot::Answer& answer);

}  // namespace adapters::slack
