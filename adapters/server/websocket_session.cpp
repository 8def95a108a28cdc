#include "adapters/server/websocket_session.hpp"

#include <chrono>

#include <boost/asio/dispatch.hpp>
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
    : ws_(std::move(stream)), state_(std::move(state)), slot_(std::move(slot)), idle_timer_(ws_.get_executor()) {}

WebSocketSession::~WebSocketSession() {
  if (open_) state_->metrics().websocket_closed();
  state_->leave(this);
}

void WebSocketSession::run(const HttpRequest& upgrade) {
  // Beast refuses a missing or too long key, but takes any shorter text for one.
  if (upgrade.count(beast::http::field::sec_websocket_key) != 1 ||
      !is_valid_websocket_key(upgrade[beast::http::field::sec_websocket_key]))
    return refuse_upgrade(upgrade, beast::http::status::bad_request, "bad_handshake", "bad_request",
                          "Sec-WebSocket-Key must be one header of 16 bytes in base64 (RFC 6455 section 4.1)");

  const std::string requested = query_parameter(upgrade.target(), "session");
  // A client may name its own session (the widget keeps one in localStorage); an unknown one
  // starts a new conversation under that id.
  if (!is_valid_session_id(requested)) return accept(upgrade, new_session_id(), std::nullopt);
  std::string session(requested);
  const auto& assistant = state_->assistant();
  if (!assistant.store_may_block()) {
    auto conversation = assistant.resume(conversation_key(session));
    return accept(upgrade, std::move(session), std::move(conversation));
  }
  // The store may wait for the network: the conversation is read on the assistant's threads,
  // and the handshake goes on on this connection's strand.
  auto request = std::make_shared<const HttpRequest>(upgrade);
  // The session's reference moves on with the reply (see HttpSession::on_request).
  const bool taken = assistant.submit([self = shared_from_this(), request, session]() mutable {
    auto conversation = self->state_->assistant().resume(conversation_key(session));
    const auto executor = self->ws_.get_executor();
    net::dispatch(executor, [self = std::move(self), request, session = std::move(session),
                             conversation = std::move(conversation)]() mutable {
      self->accept(*request, std::move(session), std::move(conversation));
    });
  });
  if (!taken)
    refuse_upgrade(upgrade, beast::http::status::service_unavailable, "busy", "busy",
                   "too many questions at once; retry shortly");
}

void WebSocketSession::accept(const HttpRequest& upgrade, std::string session,
                              std::optional<bot::Conversation> conversation) {
  resumed_ = conversation.has_value();
  // The terminal client says what it is, so the learning records can tell it from a browser.
  const auto channel =
      query_parameter(upgrade.target(), "client") == "terminal" ? bot::Channel::terminal : bot::Channel::ws;
  chat_.emplace(std::move(session), std::move(conversation).value_or(bot::Conversation{}), state_->config(), channel);

  // The WebSocket has its own timeouts from here on.
  beast::get_lowest_layer(ws_).expires_never();
  ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& response) { response.set(beast::http::field::server, "mlops-bot"); }));
  ws_.read_message_max(state_->config().max_message_bytes);
  // Called for each ping, pong and close frame read, before Beast answers it.
  ws_.control_callback([this](websocket::frame_type kind, beast::string_view) { on_control_frame(kind); });
  if (!state_->join(shared_from_this())) closing_ = true;
  ws_.async_accept(upgrade, beast::bind_front_handler(&WebSocketSession::on_accept, shared_from_this()));
}

void WebSocketSession::refuse_upgrade(const HttpRequest& upgrade, beast::http::status status, std::string_view reason,
                                      std::string_view code, std::string_view message) {
  state_->metrics().count_rejected(reason);
  auto response = std::make_shared<HttpResponse>(json_error(upgrade.version(), false, status, code, message));
  auto& stream = beast::get_lowest_layer(ws_);
  stream.expires_after(state_->config().http_timeout);
  beast::http::async_write(stream, *response, [self = shared_from_this(), response](beast::error_code, std::size_t) {
    beast::error_code ignored;
    beast::get_lowest_layer(self->ws_).socket().shutdown(net::socket_base::shutdown_send, ignored);
  });
}

void WebSocketSession::shutdown() {
  net::post(ws_.get_executor(), [self = shared_from_this()] {
    self->begin_close(websocket::close_reason(websocket::close_code::going_away));
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
  last_message_ = std::chrono::steady_clock::now();
  wait_for_idle();
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
  last_message_ = started;
  const auto data = buffer_.cdata();
  const std::string_view message(static_cast<const char*>(data.data()), data.size());
  const bool binary = ws_.got_binary();
  const auto& assistant = state_->assistant();
  if (!assistant.store_may_block()) {
    ChatReply reply = handle_chat_message(*state_, *chat_, message, binary);
    return on_reply(std::move(reply), message, started);
  }
  // The store may wait for the network: the message is handled on the assistant's threads (which
  // alone touch chat_ meanwhile), and the next one is read once its answer is back, so answers
  // keep their order.
  answering_ = true;
  const bool taken = assistant.submit([self = shared_from_this(), text = std::string(message), binary, started]() mutable {
    ChatReply reply = handle_chat_message(*self->state_, *self->chat_, text, binary);
    const auto executor = self->ws_.get_executor();
    net::dispatch(executor, [self = std::move(self), reply = std::move(reply), text = std::move(text), started]() mutable {
      self->on_reply(std::move(reply), text, started);
    });
  });
  if (!taken) on_reply(busy_chat_reply(*state_, message), message, started);
}

void WebSocketSession::on_reply(ChatReply reply, std::string_view message,
                                std::chrono::steady_clock::time_point started) {
  answering_ = false;
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
  // A close asked for while the answer was worked out begins once it is sent (on_write).
  if (!dropped_ && !closing_) do_read();
}

void WebSocketSession::on_control_frame(websocket::frame_type kind) {
  if (kind == websocket::frame_type::close) {
    // An empty close frame has no code (Beast then answers 1000).
    const auto code = static_cast<std::uint16_t>(ws_.reason().code);
    if (code != websocket::close_code::none && !is_valid_close_code(code)) {
      ws_.next_layer().answer_close_with_protocol_error(code);
      count_close("bad_close_code");
    }
    return;
  }
  // Pings, and pongs the client sends unasked, cost a token each. Beast answers this ping
  // still: the close comes from the strand's queue, a few frames later at most.
  if (control_frames_.try_take() || over_control_budget_) return;
  over_control_budget_ = true;
  net::post(ws_.get_executor(), beast::bind_front_handler(&WebSocketSession::close_for_policy, shared_from_this()));
}

void WebSocketSession::close_for_policy() {
  if (close_started_ || dropped_) return;
  count_close("control_flood");
  // The answers not yet begun are not owed to an abuser; the one being written finishes first.
  if (queue_.size() > 1) queue_.erase(std::next(queue_.begin()), queue_.end());
  // A client that goes on flooding need not keep its slot for the default 30 s of closing.
  auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
  timeouts.handshake_timeout = kPolicyCloseTimeout;
  ws_.set_option(timeouts);
  begin_close(websocket::close_reason(websocket::close_code::policy_error, "too many control frames"));
}

void WebSocketSession::wait_for_idle() {
  idle_timer_.expires_at(last_message_ + state_->config().chat_idle_timeout);
  // A weak reference: the timer alone does not keep a closed connection alive.
  idle_timer_.async_wait([weak = weak_from_this()](beast::error_code ec) {
    if (auto self = weak.lock(); self && !ec) self->on_idle_timer();
  });
}

void WebSocketSession::on_idle_timer() {
  if (closing_ || close_started_ || dropped_) return;
  // Messages move last_message_ on without touching the timer; it catches up here.
  if (std::chrono::steady_clock::now() < last_message_ + state_->config().chat_idle_timeout) return wait_for_idle();
  count_close("idle_timeout");
  begin_close(websocket::close_reason(
      websocket::close_code::going_away,
      "idle: no message for " + std::to_string(state_->config().chat_idle_timeout.count()) + " s"));
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

void WebSocketSession::begin_close(websocket::close_reason reason) {
  if (close_started_ || dropped_) return;
  // A close still waiting for the queue takes the latest reason.
  closing_ = true;
  close_reason_ = std::move(reason);
  // An answer being worked out is sent first: on_reply() queues it, and on_write() closes.
  if (open_ && queue_.empty() && !answering_) do_close();
}

void WebSocketSession::do_close() {
  close_started_ = true;
  idle_timer_.cancel();
  ws_.async_close(close_reason_, [self = shared_from_this()](beast::error_code) {});
}

void WebSocketSession::log_closed(beast::error_code ec) {
  // Beast has already sent the close frame that RFC 6455 asks for in these cases.
  std::string_view reason;
  if (ec == websocket::error::message_too_big)
    reason = "message_too_big";
  else if (ec == websocket::error::bad_frame_payload)
    reason = "invalid_utf8";
  else if (ec == websocket::error::bad_close_code)
    reason = "bad_close_code";  // the codes Beast refuses itself; on_control_frame() counts the others
  if (!reason.empty()) count_close(reason);
}

void WebSocketSession::count_close(std::string_view reason) {
  state_->metrics().count_rejected(reason);
  state_->log().write(LogLevel::info, LogLine().add("route", "/v1/chat").add("type", "close").add("code", reason));
}

}  // namespace adapters::server
