// Where the terminal client's answers come from: the engine in process, or a server.
#pragma once

#include <string_view>

#include <boost/json/object.hpp>

namespace adapters::terminal {

// One conversation. Not thread-safe: one caller at a time.
class ChatBackend {
 public:
  virtual ~ChatBackend() = default;
  // The answer object of docs/answer.md, or {"type":"error","code":...,"message":...}.
  // Throws std::runtime_error (or boost::system::system_error) when the connection is lost.
  virtual boost::json::object ask(std::string_view text) = 0;
  // Forgets the conversation so far.
  virtual void reset() = 0;
  // Says whether the answer `answer_id` helped: the server's {"type":"feedback",...,"recorded":...},
  // or {"type":"error","code":...,"message":...} (unknown_answer; no_server for the engine in process).
  virtual boost::json::object feedback(std::string_view answer_id, bool helpful, std::string_view comment) = 0;
};

}  // namespace adapters::terminal
