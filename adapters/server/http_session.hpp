// One HTTP/1.1 connection: reads requests one after another, answers each through
// handle_request(), and hands a WebSocket upgrade of /v1/chat to a WebSocketSession.
#pragma once

#include <memory>
#include <optional>

#include <boost/asio/ip/address.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "adapters/server/http_routes.hpp"
#include "adapters/server/shared_state.hpp"

namespace adapters::server {

// Keeps itself alive through its handlers (shared_from_this), on the strand of its socket.
// Limits: config.header_timeout to receive a request's head (counted from when the session
// starts waiting: also the longest a connection stays idle), then config.http_timeout for its
// body; config.max_header_bytes (431), config.max_body_bytes (413); a head whose framing RFC
// 9112 refuses (check_framing) gets 400 or 501 and the connection closes. On a reserve slot
// (the server at config.max_connections) only /healthz, /readyz and /metrics are answered,
// others get 503, and the connection closes after its first answer. When the conversation store
// may block (Redis), a request that waits for it (waits_for_store) is answered on the
// assistant's threads, and gets 503 "busy" when they are full.
class HttpSession final : public Closable, public std::enable_shared_from_this<HttpSession> {
 public:
  // `socket` must use a strand executor; `peer` is its remote address.
  HttpSession(boost::asio::ip::tcp::socket&& socket, boost::asio::ip::address peer, std::shared_ptr<SharedState> state,
              ConnectionSlot slot);
  ~HttpSession() override;

  void run();
  // Ends the connection after the response being written, or at once when idle.
  void shutdown() override;

 private:
  void do_read();
  void on_header(boost::beast::error_code ec, std::size_t bytes);
  void on_body(boost::beast::error_code ec, std::size_t bytes);
  void on_read_failed(boost::beast::error_code ec);
  void on_request();
  // Sends the reply handle_request() gave for `request`.
  void respond(const HttpRequest& request, HttpReply reply);
  void upgrade(HttpRequest request);
  // POST /admin/reload: answered once the reload has finished (no read meanwhile).
  void admin(const HttpRequest& request);
  // `question`: the request body of POST /v1/ask, logged at debug level as for WebSocket asks.
  void send(HttpResponse response, std::string_view route, std::string_view method, std::string_view intent,
            double confidence, std::string_view question = {});
  void on_write(bool keep_alive, boost::beast::error_code ec, std::size_t bytes);
  void close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  const boost::asio::ip::address peer_;
  std::shared_ptr<SharedState> state_;
  ConnectionSlot slot_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::optional<HttpResponse> response_;  // alive while it is written
  std::chrono::steady_clock::time_point started_;
  bool writing_ = false;
  bool closing_ = false;
};

}  // namespace adapters::server
