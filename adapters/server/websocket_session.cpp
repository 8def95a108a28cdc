#include "adapters/server/websocket_session.hpp"

#include <chrono>

#include <boost/asio/post.hpp>
#include <boost/beast/http.hpp>

#include "adapters/server/http_routes.hpp"
#include "adapters/server/session_id.hpp"

namespace adapters::server {
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;

WebSocketSession::WebSocketSession(beast::tcp_stream&& stream, std::shared_ptr<SharedState> state,
                                   ConnectionSlot slot)
    : ws_(std::move(stream)), state_(std::move(state)), slot_(std::move(slot)) {}

WebSocketSession::~WebSocketSession() {
  if (open_) state_->metrics().websocket_closed();
  state_->leave(this);
}

void WebSocketSession::run(const HttpRequest& upgrade) {
  const std::string_view requested = query_parameter(upgrade.target(), "session");
  std::optional<bot::Conversation> conversation;
  std::string session;
  // A client may name its own session (the widget keeps one in localStorage); an unknown one
  // starts a new conversation under that id.
  if (is_valid_session_id(requested)) {
    session = requested;
    conversation = state_->store().load(conversation_key(session));
  } else {
    session = new_session_id();
  }
  resumed_ = conversation.has_value();
  chat_.emplace(std::move(session), conversation.value_or(bot::Conversation{}), state_->config());

  // The WebSocket has its own timeouts from here on.
  beast::get_lowest_layer(ws_).expires_never();
  ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& response) { response.set(beast::http::field::server, "mlops-bot"); }));
  ws_.read_message_max(state_->config().max_message_bytes);
  if (!state_->join(shared_from_this())) closing_ = true;
  ws_.async_accept(upgrade, beast::bind_front_handler(&WebSocketSession::on_accept, shared_from_this()));
}

void WebSocketSession::shutdown() {
  net::post(ws_.get_executor(), [self = shared_from_this()] {
    self->closing_ = true;
    if (self->open_ && self->queue_.empty() && !self->close_started_ && !self->dropped_) self->do_close();
  });
}

void WebSocketSession::on_accept(beast::error_code ec) {
  if (ec) {
    state_->metrics().count_rejected("bad_handshake");
    return;
  }
  open_ = true;
  state_->metrics().websocket_opened();
  if (closing_) return do_close();
  send(hello_frame(*chat_, resumed_));
  do_read();
}

void WebSocketSession::do_read() {
  ws_.async_read(buffer_, beast::bind_front_handler(&WebSocketSession::on_read, shared_from_this()));
}

void WebSocketSession::on_read(beast::error_code ec, std::size_t) {
  if (ec) return log_closed(ec);
  // After a shutdown began, messages are no longer answered; async_close drains the rest.
  if (closing_ || dropped_) return;

  const auto started = std::chrono::steady_clock::now();
  const auto data = buffer_.cdata();
  const std::string_view message(static_cast<const char*>(data.data()), data.size());
  ChatReply reply = handle_chat_message(*state_, *chat_, message, ws_.got_binary());

  const auto& log = state_->log();
  if (log.enabled(LogLevel::info)) {
    LogLine line;
    line.add("route", "/v1/chat").add("type", reply.type);
    if (!reply.code.empty()) line.add("code", reply.code);
    line.add("took_us", static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                                       std::chrono::steady_clock::now() - started)
                                                       .count()));
    if (!reply.intent.empty()) line.add("intent", reply.intent).add("confidence", reply.confidence);
    if (log.enabled(LogLevel::debug)) line.add("message", message);
    log.write(LogLevel::info, line);
  }
  buffer_.consume(buffer_.size());
  send(std::move(reply.frame));
  if (!dropped_) do_read();
}

void WebSocketSession::send(std::string frame) {
  if (dropped_ || close_started_) return;
  if (queue_.size() >= state_->config().write_queue_limit) {
    // The client does not read its answers: disconnect rather than buffer without limit.
    dropped_ = true;
    state_->metrics().count_rejected("slow_client");
    state_->log().write(LogLevel::warn, LogLine().add("route", "/v1/chat").add("event", "slow_client_dropped"));
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
    return;
  }
  queue_.push_back(std::move(frame));
  if (queue_.size() == 1) do_write();
}

void WebSocketSession::do_write() {
  ws_.text(true);
  ws_.async_write(net::buffer(queue_.front()),
                  beast::bind_front_handler(&WebSocketSession::on_write, shared_from_this()));
}

void WebSocketSession::on_write(beast::error_code ec, std::size_t) {
  if (ec) return;
  queue_.pop_front();
  if (!queue_.empty()) return do_write();
  if (closing_ && !close_started_ && !dropped_) do_close();
}

void WebSocketSession::do_close() {
  close_started_ = true;
  ws_.async_close(websocket::close_code::going_away, [self = shared_from_this()](beast::error_code) {});
}

void WebSocketSession::log_closed(beast::error_code ec) {
  // Beast has already sent the close frame that RFC 6455 asks for in these two cases.
  std::string_view reason;
  if (ec == websocket::error::message_too_big)
    reason = "message_too_big";
  else if (ec == websocket::error::bad_frame_payload)
    reason = "invalid_utf8";
  if (!reason.empty()) {
    state_->metrics().count_rejected(reason);
    state_->log().write(LogLevel::info, LogLine().add("route", "/v1/chat").add("type", "close").add("code", reason));
  }
}

}  // namespace adapters::server
