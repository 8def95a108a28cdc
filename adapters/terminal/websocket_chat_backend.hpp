// Answers from a running server, over its WebSocket chat (docs/protocol.md), plain (ws://)
// or over TLS (wss://).
#pragma once

#include <memory>
#include <string>

#include "adapters/terminal/chat_backend.hpp"
#include "adapters/terminal/tls_client.hpp"
#include "adapters/terminal/ws_url.hpp"

namespace adapters::terminal {

// Connects in the constructor and reads the server's "hello"; throws std::runtime_error
// naming the server and the cause (for TLS, the certificate problem) when it cannot.
// Blocking calls; one question at a time.
class WebSocketChatBackend final : public ChatBackend {
 public:
  WebSocketChatBackend(const WsUrl& url, TlsVerification verification);
  ~WebSocketChatBackend() override;
  boost::json::object ask(std::string_view text) override;
  boost::json::object feedback(std::string_view answer_id, bool helpful, std::string_view comment) override;
  void reset() override;
  const std::string& session() const { return session_; }

 private:
  class Connection;  // the socket, plain or TLS
  // Reads frames until the one answering `id` (frames for other ids are skipped).
  boost::json::object read_reply(std::string_view id);

  std::unique_ptr<Connection> connection_;
  std::string session_;
  unsigned long next_id_ = 1;
};

}  // namespace adapters::terminal
