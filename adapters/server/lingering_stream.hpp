// The TCP stream under every WebSocket: Beast's tcp_stream with a teardown that drains.
//
// When the server ends a WebSocket itself (a message over the size limit: 1009; invalid UTF-8:
// 1007), the client may still be sending the rest of its message. Closing a socket with unread
// input makes the kernel answer with a TCP reset, and a reset can reach the client before it
// has read the close frame, which it then never sees. Beast 1.81's own teardown reads at most
// one 2 KB chunk before it closes. This one keeps reading and discarding until the client
// closes its side, for at most kLingerTime and kLingerBytes, then closes.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <utility>

#include <boost/asio/compose.hpp>
#include <boost/beast/core/role.hpp>
#include <boost/beast/core/tcp_stream.hpp>

namespace adapters::server {

class LingeringTcpStream : public boost::beast::tcp_stream {
 public:
  explicit LingeringTcpStream(boost::beast::tcp_stream&& stream) : boost::beast::tcp_stream(std::move(stream)) {}
};

namespace lingering {

constexpr std::chrono::seconds kLingerTime{2};
constexpr std::size_t kLingerBytes = 1024 * 1024;

// Shuts down sending (for the server role), reads until the peer's EOF or a limit, closes.
class DrainThenClose {
 public:
  DrainThenClose(LingeringTcpStream& stream, boost::beast::role_type role)
      : stream_(stream), role_(role), buffer_(std::make_unique<std::array<char, 4096>>()) {}

  template <class Self>
  void operator()(Self& self, boost::beast::error_code ec = {}, std::size_t bytes = 0) {
    if (!started_) {
      started_ = true;
      boost::beast::error_code ignored;
      if (role_ == boost::beast::role_type::server)
        stream_.socket().shutdown(boost::asio::socket_base::shutdown_send, ignored);
      stream_.expires_after(kLingerTime);
    } else {
      drained_ += bytes;
      if (ec || drained_ > kLingerBytes) return finish(self, ec);
    }
    stream_.async_read_some(boost::asio::buffer(*buffer_), std::move(self));
  }

 private:
  template <class Self>
  void finish(Self& self, boost::beast::error_code ec) {
    boost::beast::error_code ignored;
    stream_.expires_never();
    stream_.socket().close(ignored);
    // The peer's EOF is the expected end; running out of time or bytes is not the caller's error.
    const bool expected = !ec || ec == boost::asio::error::eof || ec == boost::beast::error::timeout;
    self.complete(expected ? boost::beast::error_code{} : ec);
  }

  LingeringTcpStream& stream_;
  boost::beast::role_type role_;
  std::unique_ptr<std::array<char, 4096>> buffer_;  // on the heap: the operation is moved per read
  std::size_t drained_ = 0;
  bool started_ = false;
};

}  // namespace lingering

// Found by argument-dependent lookup from Beast's WebSocket stream, in place of the
// tcp_stream teardown.
template <class TeardownHandler>
void async_teardown(boost::beast::role_type role, LingeringTcpStream& stream, TeardownHandler&& handler) {
  boost::asio::async_compose<TeardownHandler, void(boost::beast::error_code)>(
      lingering::DrainThenClose(stream, role), handler, stream);
}

}  // namespace adapters::server
