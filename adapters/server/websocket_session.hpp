// One WebSocket chat connection (GET /v1/chat upgraded): one conversation.
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "adapters/server/chat_protocol.hpp"
#include "adapters/server/lingering_stream.hpp"
#include "adapters/server/shared_state.hpp"
#include "adapters/server/token_bucket.hpp"

namespace adapters::server {

// Owns the connection; keeps itself alive by binding shared_from_this() into every handler,
// and runs every handler on the strand of its socket. Reads one message at a time and answers
// it in order; exactly one write is in flight, behind a queue of at most
// config.write_queue_limit frames: a client that lets it fill up is disconnected.
// Limits: config.max_message_bytes (Beast closes with 1009), invalid UTF-8 (Beast closes with
// 1007; in both cases LingeringTcpStream lets the client read the close frame), Beast's
// suggested server timeouts (handshake 30 s, idle 300 s with pings), no message for
// config.chat_idle_timeout (closes with 1001: pings and pongs do not count), at most
// kControlFrameBurst pings and pongs at once and kControlFramesPerSecond after (more close
// with 1008). A Sec-WebSocket-Key that is not 16 bytes in base64 gets 400; a close frame with
// a code RFC 6455 does not allow is answered with 1002. When the conversation store may block
// (Redis), the resume and every message are handled on the assistant's threads (bot/assistant.hpp),
// never on the I/O thread; when those are full, the upgrade gets 503 "busy" and a message an
// "error" frame with code "busy".
class WebSocketSession final : public Closable, public std::enable_shared_from_this<WebSocketSession> {
 public:
  // The control-frame budget: a token bucket per connection, apart from the messages' one.
  // Clients ping to keep a connection alive (every few seconds at most); Beast answers each
  // ping, so a flood would cost a write per ping and delay the answers behind it.
  static constexpr double kControlFramesPerSecond = 2;
  static constexpr double kControlFrameBurst = 20;
  // How long the closing handshake may take after a 1008, before the connection is dropped.
  static constexpr std::chrono::seconds kPolicyCloseTimeout{5};

  // `stream`'s socket must use a strand executor.
  WebSocketSession(boost::beast::tcp_stream&& stream, std::shared_ptr<SharedState> state, ConnectionSlot slot);
  ~WebSocketSession() override;

  // Completes the upgrade: resumes `?session=ID` from the store when it is there, then sends
  // "hello". The origin must already have been checked.
  void run(const HttpRequest& upgrade);

  // Answers in flight are sent, then the connection closes with 1001 (going away).
  void shutdown() override;

 private:
  // Answers the upgrade with `status` and a JSON error, counting `reason` as rejected.
  void refuse_upgrade(const HttpRequest& upgrade, boost::beast::http::status status, std::string_view reason,
                      std::string_view code, std::string_view message);
  // The handshake, once the conversation to resume (if any) is known.
  void accept(const HttpRequest& upgrade, std::string session, std::optional<bot::Conversation> conversation);
  void on_accept(boost::beast::error_code ec);
  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  // Logs and sends the reply to `message`, then reads the next one.
  void on_reply(ChatReply reply, std::string_view message, std::chrono::steady_clock::time_point started);
  void on_control_frame(boost::beast::websocket::frame_type kind);
  void close_for_policy();
  void wait_for_idle();
  void on_idle_timer();
  void send(std::string frame);
  void do_write();
  void on_write(boost::beast::error_code ec, std::size_t bytes);
  // Closes with `reason` once the answers queued are sent (a later call changes the reason).
  void begin_close(boost::beast::websocket::close_reason reason);
  void do_close();
  void log_closed(boost::beast::error_code ec);
  void count_close(std::string_view reason);

  boost::beast::websocket::stream<LingeringTcpStream> ws_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<SharedState> state_;
  ConnectionSlot slot_;
  std::optional<ChatState> chat_;
  bool resumed_ = false;
  std::deque<std::string> queue_;
  TokenBucket control_frames_{kControlFramesPerSecond, kControlFrameBurst};
  boost::asio::steady_timer idle_timer_;
  std::chrono::steady_clock::time_point last_message_;  // or the handshake, before any message
  boost::beast::websocket::close_reason close_reason_{boost::beast::websocket::close_code::going_away};
  bool open_ = false;                 // the handshake completed
  bool answering_ = false;            // a message is being answered on the assistant's threads
  bool closing_ = false;              // a close was asked for (shutdown, idle, policy)
  bool close_started_ = false;        // async_close is in progress: no more reads or writes
  bool dropped_ = false;              // disconnected for not reading
  bool over_control_budget_ = false;  // close_for_policy() is posted
};

}  // namespace adapters::server
