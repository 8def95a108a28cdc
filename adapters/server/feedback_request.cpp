#include "adapters/server/feedback_request.hpp"

#include "bot/answer_id.hpp"
#include "bot/learning_record.hpp"

namespace adapters::server {

boost::system::result<FeedbackRequest, std::string> parse_feedback(const boost::json::object& message) {
  const auto refuse = [](std::string why) {
    return boost::system::result<FeedbackRequest, std::string>(boost::system::in_place_error, std::move(why));
  };
  const auto* answer_id = message.if_contains("answer_id");
  if (!answer_id || !answer_id->is_string() || !bot::is_answer_id(answer_id->get_string()))
    return refuse("feedback needs \"answer_id\", the answer_id of an answer");
  const auto* helpful = message.if_contains("helpful");
  if (!helpful || !helpful->is_bool()) return refuse("feedback needs \"helpful\": true or false");
  FeedbackRequest request{std::string(answer_id->get_string()), helpful->get_bool(), {}};
  if (const auto* comment = message.if_contains("comment"); comment && !comment->is_null()) {
    if (!comment->is_string()) return refuse("\"comment\" must be a string");
    if (comment->get_string().size() > bot::kMaxFeedbackCommentBytes)
      return refuse("\"comment\" is longer than " + std::to_string(bot::kMaxFeedbackCommentBytes) + " bytes");
    request.comment = comment->get_string();
  }
  return request;
}

}  // namespace adapters::server
