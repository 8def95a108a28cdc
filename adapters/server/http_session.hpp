// One HTTP/1.1 connection: reads requests one after another, answers each through
// handle_request(), and hands a WebSocket upgrade of /v1/chat to a WebSocketSession.
#pragma once

#include <memory>
#include <optional>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "adapters/server/shared_state.hpp"

namespace adapters::server {

// Keeps itself alive through its handlers (shared_from_this), on the strand of its socket.
// Limits: config.http_timeout to read a request (and while idle between requests),
// config.max_header_bytes (431), config.max_body_bytes (413). A connection over
// config.max_connections (no slot) answers its first request with 503 and closes.
class HttpSession final : public Closable, public std::enable_shared_from_this<HttpSession> {
 public:
  // `socket` must use a strand executor. `slot` is empty when the connection is over the limit.
  HttpSession(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<SharedState> state, ConnectionSlot slot);
  ~HttpSession() override;

  void run();
  // Ends the connection after the response being written, or at once when idle.
  void shutdown() override;

 private:
  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void upgrade(HttpRequest request);
  void send(HttpResponse response, std::string_view route, std::string_view method, std::string_view intent,
            double confidence);
  void on_write(bool keep_alive, boost::beast::error_code ec, std::size_t bytes);
  void close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<SharedState> state_;
  ConnectionSlot slot_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::optional<HttpResponse> response_;  // alive while it is written
  std::chrono::steady_clock::time_point started_;
  bool writing_ = false;
  bool closing_ = false;
};

}  // namespace adapters::server
