// One WebSocket chat connection (GET /v1/chat upgraded): one conversation.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>

#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "adapters/server/chat_protocol.hpp"
#include "adapters/server/lingering_stream.hpp"
#include "adapters/server/shared_state.hpp"

namespace adapters::server {

// Owns the connection; keeps itself alive by binding shared_from_this() into every handler,
// and runs every handler on the strand of its socket. Reads one message at a time and answers
// it in order; exactly one write is in flight, behind a queue of at most
// config.write_queue_limit frames: a client that lets it fill up is disconnected.
// Limits: config.max_message_bytes (Beast closes with 1009), invalid UTF-8 (Beast closes with
// 1007; in both cases LingeringTcpStream lets the client read the close frame), Beast's suggested server timeouts (handshake 30 s, idle 300 s with pings).
class WebSocketSession final : public Closable, public std::enable_shared_from_this<WebSocketSession> {
 public:
  // `stream`'s socket must use a strand executor.
  WebSocketSession(boost::beast::tcp_stream&& stream, std::shared_ptr<SharedState> state, ConnectionSlot slot);
  ~WebSocketSession() override;

  // Completes the upgrade: resumes `?session=ID` from the store when it is there, then sends
  // "hello". The origin must already have been checked.
  void run(const HttpRequest& upgrade);

  // Answers in flight are sent, then the connection closes with 1001 (going away).
  void shutdown() override;

 private:
  void on_accept(boost::beast::error_code ec);
  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void send(std::string frame);
  void do_write();
  void on_write(boost::beast::error_code ec, std::size_t bytes);
  void do_close();
  void log_closed(boost::beast::error_code ec);

  boost::beast::websocket::stream<LingeringTcpStream> ws_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<SharedState> state_;
  ConnectionSlot slot_;
  std::optional<ChatState> chat_;
  bool resumed_ = false;
  std::deque<std::string> queue_;
  bool open_ = false;           // the handshake completed
  bool closing_ = false;        // shutdown() asked for a close
  bool close_started_ = false;  // async_close is in progress: no more reads or writes
  bool dropped_ = false;        // disconnected for not reading
};

}  // namespace adapters::server
