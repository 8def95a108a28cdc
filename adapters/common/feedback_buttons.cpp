#include "adapters/common/feedback_buttons.hpp"

#include "bot/answer_id.hpp"

namespace adapters {

std::string_view feedback_notice(std::optional<bot::FeedbackOutcome> outcome) {
  if (!outcome) return "Feedback is not being recorded on this server just now; nothing was recorded.";
  switch (*outcome) {
    case bot::FeedbackOutcome::recorded:
      return "Thanks — noted.";
    case bot::FeedbackOutcome::unknown_answer:
      // The recorder remembers only the latest answers (--learning-recent-answers).
      return "That answer is too old to rate now; ask again and rate the new answer.";
    case bot::FeedbackOutcome::dropped:
      break;
  }
  return "Your rating could not be recorded just now; please try again in a minute.";
}

std::string_view record_feedback(bot::LearningRecorder* learning, std::string_view answer_id, bool helpful) {
  if (!bot::is_answer_id(answer_id)) return kUnreadableFeedback;
  if (!learning) return feedback_notice(std::nullopt);
  return feedback_notice(learning->feedback(answer_id, helpful, ""));
}

}  // namespace adapters
