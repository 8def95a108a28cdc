// Answers from a running server, over its WebSocket chat (docs/protocol.md).
#pragma once

#include <memory>
#include <string>

#include "adapters/terminal/chat_backend.hpp"
#include "adapters/terminal/ws_url.hpp"

namespace adapters::terminal {

// Connects in the constructor (throws on failure) and reads the server's "hello".
// Blocking calls; one question at a time.
class WebSocketChatBackend final : public ChatBackend {
 public:
  explicit WebSocketChatBackend(const WsUrl& url);
  ~WebSocketChatBackend() override;
  boost::json::object ask(std::string_view text) override;
  void reset() override;
  const std::string& session() const { return session_; }

 private:
  struct Connection;
  // Reads frames until the one answering `id` (frames for other ids are skipped).
  boost::json::object read_reply(std::string_view id);

  std::unique_ptr<Connection> connection_;
  std::string session_;
  unsigned long next_id_ = 1;
};

}  // namespace adapters::terminal
