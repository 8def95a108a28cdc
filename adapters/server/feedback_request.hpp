// The body of a feedback message, the same over WebSocket and POST /v1/feedback:
// {"answer_id": "...", "helpful": true|false, "comment": "optional, at most 1000 bytes"}.
#pragma once

#include <string>

#include <boost/json/object.hpp>
#include <boost/system/result.hpp>

namespace adapters::server {

struct FeedbackRequest {
  std::string answer_id;
  bool helpful = false;
  std::string comment;  // empty when absent
};

// The request, or why it is not one (a message for the client): answer_id missing or not an
// answer id, helpful not a boolean, comment not a string or longer than 1000 bytes.
boost::system::result<FeedbackRequest, std::string> parse_feedback(const boost::json::object& message);

}  // namespace adapters::server
