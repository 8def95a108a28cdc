// Where the terminal client's answers come from: the engine in process, or a server.
#pragma once

#include <string_view>

#include <boost/json/object.hpp>

namespace adapters::terminal {

// One conversation. Not thread-safe: one caller at a time.
class ChatBackend {
 public:
  virtual ~ChatBackend() = default;
  // The answer object of ../shared/CONTRACT.md, or {"type":"error","code":...,"message":...}.
  // Throws std::runtime_error (or boost::system::system_error) when the connection is lost.
  virtual boost::json::object ask(std::string_view text) = 0;
  // Forgets the conversation so far.
  virtual void reset() = 0;
};

}  // namespace adapters::terminal
