// What the Slack and Discord answers' 👍/👎 buttons share: their labels, and what the person who
// clicked one is told afterwards. Each adapter lays the buttons out in its platform's way
// (Block Kit actions, message components), only while learning is on and only on an answer
// with an answer_id, and records a click with record_feedback().
#pragma once

#include <optional>
#include <string_view>

#include "bot/learning_recorder.hpp"

namespace adapters {

inline constexpr std::string_view kHelpfulLabel = "Helpful";
inline constexpr std::string_view kNotHelpfulLabel = "Not helpful";
inline constexpr std::string_view kHelpfulEmoji = "👍";
inline constexpr std::string_view kNotHelpfulEmoji = "👎";

// What the person is told after a click: thanks, or why it was not recorded. `outcome` is empty
// when learning is off (the buttons are from before it was turned off).
std::string_view feedback_notice(std::optional<bot::FeedbackOutcome> outcome);
// Said for a click that names no answer (a button this bot did not make, or a damaged one).
inline constexpr std::string_view kUnreadableFeedback =
    "That button does not name an answer of mine; nothing was recorded.";

// Records a click on a button of `answer_id` with `learning` (may be null: learning off), and
// returns what to tell the person (kUnreadableFeedback for an id of the wrong form). May wait
// for the learning store (Redis): call it where waiting is allowed.
std::string_view record_feedback(bot::LearningRecorder* learning, std::string_view answer_id, bool helpful);

}  // namespace adapters
