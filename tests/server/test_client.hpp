// A WebSocket and HTTP client for the server tests: Beast, loopback only, and a timeout on
// every operation so a broken server fails a test instead of hanging it.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

namespace test {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace websocket = beast::websocket;
namespace http = beast::http;
namespace json = boost::json;
using tcp = net::ip::tcp;

inline constexpr std::chrono::seconds kTimeout{10};

// Runs one async operation on `ioc` for at most `limit`; on timeout cancels the socket
// and returns beast::error::timeout.
template <class Socket, class Start>
beast::error_code run_with_timeout(net::io_context& ioc, Socket& socket, Start start,
                                   std::chrono::milliseconds limit = kTimeout) {
  beast::error_code result;
  bool done = false;
  start([&](beast::error_code ec, auto&&...) {
    result = ec;
    done = true;
  });
  ioc.restart();
  ioc.run_for(limit);
  if (!done) {
    socket.cancel();
    ioc.restart();
    ioc.run();
    return beast::error::timeout;
  }
  return result;
}

// Header fields to add to (or replace in) a request: {"Host", "x"}, {"X-Forwarded-For", "..."}.
using ExtraHeaders = std::vector<std::pair<std::string, std::string>>;

class WsClient {
 public:
  // Connects to 127.0.0.1:port and upgrades `target`, with an Origin header when given and
  // `extra` header fields (which may replace Host).
  explicit WsClient(unsigned short port, std::string target = "/v1/chat", std::string origin = {},
                    ExtraHeaders extra = {})
      : ws_(ioc_) {
    tcp::socket& socket = ws_.next_layer();
    beast::error_code ec = run_with_timeout(ioc_, socket, [&](auto handler) {
      socket.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), handler);
    });
    if (ec) throw beast::system_error(ec);
    socket.set_option(tcp::no_delay(true));
    if (!origin.empty()) extra.emplace_back("Origin", origin);
    if (!extra.empty())
      ws_.set_option(websocket::stream_base::decorator([extra](websocket::request_type& request) {
        for (const auto& [name, value] : extra) request.set(name, value);
      }));
    ec = run_with_timeout(ioc_, socket, [&](auto handler) {
      ws_.async_handshake(response_, "127.0.0.1:" + std::to_string(port), target, handler);
    });
    if (ec) throw beast::system_error(ec);
  }

  // The handshake's HTTP response (its status when the upgrade was refused).
  const websocket::response_type& handshake_response() const { return response_; }

  void send_text(const std::string& text) { write(text, true); }
  void send_binary(const std::string& bytes) { write(bytes, false); }
  void send(const json::object& object) { send_text(json::serialize(object)); }
  void ask(const std::string& id, const std::string& text) {
    send({{"type", "ask"}, {"id", id}, {"text", text}});
  }

  // The next frame, parsed; empty when the connection closed or timed out (see error()).
  std::optional<json::object> next() {
    beast::flat_buffer buffer;
    error_ = run_with_timeout(ioc_, ws_.next_layer(), [&](auto handler) { ws_.async_read(buffer, handler); });
    if (error_) return std::nullopt;
    boost::system::error_code ec;
    json::value value = json::parse(beast::buffers_to_string(buffer.data()), ec);
    if (ec || !value.is_object()) throw std::runtime_error("the server sent a frame that is not a JSON object");
    return std::move(value.get_object());
  }

  // Reads (discarding frames) until the connection closes; the server's close code, or 0
  // when it ended without a close frame or did not end in time.
  int wait_for_close() {
    for (;;) {
      if (next()) continue;
      // The close frame's code even when answering it failed (the server may already
      // have torn the connection down, as it does after 1009 and 1007).
      return close_code();
    }
  }

  void close() {
    run_with_timeout(ioc_, ws_.next_layer(),
                     [&](auto handler) { ws_.async_close(websocket::close_code::normal, handler); });
  }

  bool is_open() const { return ws_.is_open(); }
  // The code of the close frame the server sent (valid after next() failed with closed).
  int close_code() const { return static_cast<int>(ws_.reason().code); }
  beast::error_code error() const { return error_; }
  tcp::socket& socket() { return ws_.next_layer(); }

 private:
  void write(const std::string& payload, bool text) {
    ws_.text(text);
    const auto ec = run_with_timeout(ioc_, ws_.next_layer(),
                                     [&](auto handler) { ws_.async_write(net::buffer(payload), handler); });
    if (ec) throw beast::system_error(ec);
  }

  net::io_context ioc_;
  websocket::stream<tcp::socket> ws_;
  websocket::response_type response_;
  beast::error_code error_;
};

// A TCP connection to 127.0.0.1:port from the loopback address `from` (any of 127.0.0.0/8,
// so a test can be several clients), for requests written byte by byte.
class RawConnection {
 public:
  explicit RawConnection(unsigned short port, const std::string& from = "127.0.0.1") : socket_(ioc_) {
    socket_.open(tcp::v4());
    socket_.bind(tcp::endpoint(net::ip::make_address(from), 0));
    const auto ec = run_with_timeout(ioc_, socket_, [&](auto handler) {
      socket_.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), handler);
    });
    if (ec) throw beast::system_error(ec);
  }

  void send(const std::string& bytes) {
    const auto ec = run_with_timeout(ioc_, socket_,
                                     [&](auto handler) { net::async_write(socket_, net::buffer(bytes), handler); });
    if (ec) throw beast::system_error(ec);
  }

  // Everything the server sends until it closes the connection, or until `limit` passes (then
  // closed_by_server() is false).
  std::string read_until_close(std::chrono::milliseconds limit = kTimeout) {
    std::string received;
    const auto ec = run_with_timeout(
        ioc_, socket_, [&](auto handler) { net::async_read(socket_, net::dynamic_buffer(received), handler); },
        limit);
    closed_ = ec == net::error::eof || ec == net::error::connection_reset;
    return received;
  }
  bool closed_by_server() const { return closed_; }

  // One HTTP request and its response on this connection (which stays open when the server
  // keeps it).
  http::response<http::string_body> request(http::request<http::string_body> request) {
    request.prepare_payload();
    const auto ec =
        run_with_timeout(ioc_, socket_, [&](auto handler) { http::async_write(socket_, request, handler); });
    if (ec) throw beast::system_error(ec);
    return read_response();
  }

  // The next HTTP response on this connection.
  http::response<http::string_body> read_response() {
    http::response<http::string_body> response;
    const auto ec = run_with_timeout(ioc_, socket_,
                                     [&](auto handler) { http::async_read(socket_, buffer_, response, handler); });
    if (ec) throw beast::system_error(ec);
    return response;
  }

 private:
  net::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
  bool closed_ = false;
};

// One HTTP request to 127.0.0.1:port on a new connection.
inline http::response<http::string_body> http_request(unsigned short port, http::request<http::string_body> request,
                                                      const std::string& from = "127.0.0.1") {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.open(tcp::v4());
  socket.bind(tcp::endpoint(net::ip::make_address(from), 0));
  beast::error_code ec = run_with_timeout(ioc, socket, [&](auto handler) {
    socket.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), handler);
  });
  if (ec) throw beast::system_error(ec);
  request.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  request.prepare_payload();
  ec = run_with_timeout(ioc, socket, [&](auto handler) { http::async_write(socket, request, handler); });
  if (ec) throw beast::system_error(ec);
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  ec = run_with_timeout(ioc, socket, [&](auto handler) { http::async_read(socket, buffer, response, handler); });
  if (ec) throw beast::system_error(ec);
  return response;
}

}  // namespace test
