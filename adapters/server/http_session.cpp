#include "adapters/server/http_session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include "adapters/server/admin_routes.hpp"
#include "adapters/server/http_routes.hpp"
#include "adapters/server/request_framing.hpp"
#include "adapters/server/websocket_session.hpp"

namespace adapters::server {
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

HttpSession::HttpSession(net::ip::tcp::socket&& socket, net::ip::address peer, std::shared_ptr<SharedState> state,
                         ConnectionSlot slot)
    : stream_(std::move(socket)), peer_(peer), state_(std::move(state)), slot_(std::move(slot)) {}

HttpSession::~HttpSession() { state_->leave(this); }

void HttpSession::run() {
  if (!state_->join(shared_from_this())) closing_ = true;
  net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::do_read, shared_from_this()));
}

void HttpSession::shutdown() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->closing_ = true;
    // Idle between requests (or in the middle of one): end now. A response being written
    // finishes first, and on_write then closes.
    if (!self->writing_) self->stream_.socket().cancel();
  });
}

void HttpSession::do_read() {
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(state_->config().max_header_bytes));
  parser_->body_limit(state_->config().max_body_bytes);
  // The head first, on its own short deadline: a client that trickles it (slowloris) or sends
  // nothing gives its connection back after header_timeout.
  stream_.expires_after(state_->config().header_timeout);
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&HttpSession::on_header, shared_from_this()));
}

void HttpSession::on_header(beast::error_code ec, std::size_t) {
  if (ec) return on_read_failed(ec);
  if (const auto refused = check_framing(parser_->get())) {
    // The body's end is unknown, so the connection cannot carry another request.
    started_ = std::chrono::steady_clock::now();
    state_->metrics().count_rejected("bad_http");
    const bool implemented = refused->status != http::status::not_implemented;
    return send(json_error(parser_->get().version(), false, refused->status,
                           implemented ? "bad_request" : "not_implemented", refused->message),
                "invalid", http::to_string(parser_->get().method()), "", 0);
  }
  if (!parser_->is_done() && buffer_.size() > 0) {
    // The body often came with the head: parse it here rather than start another read, which
    // would only post its completion.
    parser_->eager(true);
    beast::error_code body_ec;
    buffer_.consume(parser_->put(buffer_.data(), body_ec));
    if (body_ec && body_ec != http::error::need_more) return on_read_failed(body_ec);
  }
  if (parser_->is_done()) return on_request();
  stream_.expires_after(state_->config().http_timeout);
  http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::on_body, shared_from_this()));
}

void HttpSession::on_body(beast::error_code ec, std::size_t) {
  if (ec) return on_read_failed(ec);
  on_request();
}

void HttpSession::on_read_failed(beast::error_code ec) {
  started_ = std::chrono::steady_clock::now();
  if (ec == http::error::end_of_stream || ec == net::error::operation_aborted || ec == beast::error::timeout)
    return close();
  // The request cannot be read to its end, so the connection cannot be reused.
  auto status = http::status::bad_request;
  std::string_view code = "bad_request";
  if (ec == http::error::body_limit) {
    status = http::status::payload_too_large;
    code = "too_large";
  } else if (ec == http::error::header_limit) {
    status = http::status::request_header_fields_too_large;
    code = "headers_too_large";
  } else if (!parser_->got_some()) {
    return close();  // the connection broke before a request began
  }
  state_->metrics().count_rejected(code == "bad_request" ? "bad_http" : code);
  send(json_error(11, false, status, code, ec.message()), "invalid", "", "", 0);
}

void HttpSession::on_request() {
  started_ = std::chrono::steady_clock::now();
  HttpRequest request = parser_->release();
  if (slot_.kind() == ConnectionSlot::Kind::reserve) {
    // Beyond --max-connections: one answer, then the reserve slot is free again.
    closing_ = true;
    if (!is_operational_path(target_path(request.target()))) {
      state_->metrics().count_rejected("connection_limit");
      return send(json_error(request.version(), false, http::status::service_unavailable, "overloaded",
                             "too many connections; retry later"),
                  "rejected", http::to_string(request.method()), "", 0);
    }
  }
  if (beast::websocket::is_upgrade(request)) return upgrade(std::move(request));
  if (is_admin_path(target_path(request.target()))) return admin(request);

  const auto& assistant = state_->assistant();
  if (!assistant.store_may_block() || !waits_for_store(*state_, request))
    return respond(request, handle_request(*state_, request, peer_));
  // The store may wait for the network: the request is answered on the assistant's threads
  // (no read meanwhile), and the answer written from this connection's strand.
  auto shared = std::make_shared<const HttpRequest>(std::move(request));
  // The session's reference moves on with the answer: were the pool's copy the last one, the
  // session would end on the pool's thread, after the server that owns its strand is gone.
  const bool taken = assistant.submit([self = shared_from_this(), shared]() mutable {
    HttpReply answered = handle_request(*self->state_, *shared, self->peer_);
    const auto executor = self->stream_.get_executor();
    net::dispatch(executor, [self = std::move(self), shared, answered = std::move(answered)]() mutable {
      self->respond(*shared, std::move(answered));
    });
  });
  if (!taken) respond(*shared, busy_reply(*state_, *shared));
}

void HttpSession::respond(const HttpRequest& request, HttpReply reply) {
  if (closing_ || state_->stopping()) reply.response.keep_alive(false);
  if (request.method() == http::verb::head) {
    // HEAD: the headers of the GET, with Content-Length, and no body.
    const auto length = reply.response.body().size();
    reply.response.body().clear();
    reply.response.content_length(length);
  }
  const std::string_view question = reply.route == "/v1/ask" ? std::string_view(request.body()) : std::string_view();
  send(std::move(reply.response), reply.route, http::to_string(request.method()), reply.intent, reply.confidence,
       question);
}

void HttpSession::upgrade(HttpRequest request) {
  const auto method = http::to_string(request.method());
  if (target_path(request.target()) != "/v1/chat")
    return send(json_error(request.version(), false, http::status::not_found, "not_found",
                           "WebSocket is served at /v1/chat"),
                "unknown", method, "", 0);
  if (!state_->origins().allows(request[http::field::origin])) {
    state_->metrics().count_rejected("origin");
    return send(json_error(request.version(), false, http::status::forbidden, "forbidden_origin",
                           "this origin may not open the chat"),
                "/v1/chat", method, "", 0);
  }
  if (closing_ || state_->stopping())
    return send(json_error(request.version(), false, http::status::service_unavailable, "shutting_down",
                           "the server is shutting down"),
                "/v1/chat", method, "", 0);
  // A connection from a trusted proxy is counted only now, for the client it names: the
  // proxy's own connections carry many clients' requests.
  auto& clients = state_->clients();
  if (clients.caps_connections() &&
      !slot_.charge(clients, client_key(client_address(peer_, request, state_->config().trusted_proxies)))) {
    state_->metrics().count_rejected("client_connection_limit");
    return send(json_error(request.version(), false, http::status::too_many_requests, "too_many_connections",
                           "too many connections from your address"),
                "/v1/chat", method, "", 0);
  }
  state_->metrics().count_request("/v1/chat", 101);
  std::make_shared<WebSocketSession>(std::move(stream_), state_, std::move(slot_))->run(request);
}

void HttpSession::admin(const HttpRequest& request) {
  const auto method = http::to_string(request.method());
  const auto version = request.version();
  const bool keep_alive = request.keep_alive() && !closing_ && !state_->stopping();
  if (auto refused = refuse_admin_request(*state_, request)) {
    if (!keep_alive) refused->keep_alive(false);
    if (request.method() == http::verb::head) {
      const auto length = refused->body().size();
      refused->body().clear();
      refused->content_length(length);
    }
    // Without a token the route does not exist: counted and logged as any unknown path.
    const std::string_view route =
        refused->result() == http::status::not_found ? "unknown" : admin_route(target_path(request.target()));
    return send(std::move(*refused), route, method, "", 0);
  }
  if (const std::string_view route = admin_route(target_path(request.target())); route != kReloadPath) {
    HttpResponse response = admin_view(*state_, request);
    if (!keep_alive) response.keep_alive(false);
    if (request.method() == http::verb::head) {
      const auto length = response.body().size();
      response.body().clear();
      response.content_length(length);
    }
    return send(std::move(response), route, method, "", 0);
  }
  const bool started = state_->reloader()->try_start(
      "POST /admin/reload", [self = shared_from_this(), version, keep_alive](const bot::ReloadResult& result) {
        // On the reload's thread: the answer is written on the connection's strand.
        net::post(self->stream_.get_executor(),
                  [self, response = reload_response(version, keep_alive, result)]() mutable {
                    if (self->closing_ || self->state_->stopping()) response.keep_alive(false);
                    self->send(std::move(response), kReloadPath, "POST", "", 0);
                  });
      });
  if (!started)
    send(reload_busy_response(version, keep_alive, state_->engines().generation()), kReloadPath, method, "", 0);
}

void HttpSession::send(HttpResponse response, std::string_view route, std::string_view method,
                       std::string_view intent, double confidence, std::string_view question) {
  const auto status = response.result_int();
  state_->metrics().count_request(route, status);
  const auto& log = state_->log();
  if (log.enabled(LogLevel::info)) {
    LogLine line;
    line.add("route", route).add("method", method).add("status", static_cast<std::int64_t>(status));
    line.add("took_us", static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                                       std::chrono::steady_clock::now() - started_)
                                                       .count()));
    if (!intent.empty()) line.add("intent", intent).add("confidence", confidence);
    // The question, as the WebSocket log gives it: only at debug level.
    if (!question.empty() && log.enabled(LogLevel::debug)) line.add("message", question);
    log.write(LogLevel::info, line);
  }
  response_ = std::move(response);
  writing_ = true;
  // The answer gets the body's allowance, whatever of the head's short one is left.
  stream_.expires_after(state_->config().http_timeout);
  const bool keep_alive = response_->keep_alive();
  http::async_write(stream_, *response_,
                    beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), keep_alive));
}

void HttpSession::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
  writing_ = false;
  response_.reset();
  if (ec || !keep_alive || closing_) return close();
  do_read();
}

void HttpSession::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
}

}  // namespace adapters::server
