// The TCP stream under every WebSocket: Beast's tcp_stream with two corrections of what Beast
// 1.81 sends, made where its bytes pass: a teardown that drains, and 1002 for a bad close code.
//
// Draining: when the server ends a WebSocket itself (a message over the size limit: 1009; invalid UTF-8:
// 1007), the client may still be sending the rest of its message. Closing a socket with unread
// input makes the kernel answer with a TCP reset, and a reset can reach the client before it
// has read the close frame, which it then never sees. Beast 1.81's own teardown reads at most
// one 2 KB chunk before it closes. This one keeps reading and discarding until the client
// closes its side, for at most kLingerTime and kLingerBytes, then closes.
//
// Close codes: Beast answers a client's close frame with a close frame of the same code, and
// its check of that code lets 5000-65535 through, which RFC 6455 §7.4.2 forbids; the answer to
// a forbidden code must be 1002 (protocol error). Beast runs the stream's control callback just
// before it writes that echo, and offers no other way to change it: the session calls
// answer_close_with_protocol_error() from the callback, and the echo is then written with 1002.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/asio/compose.hpp>
#include <boost/beast/core/role.hpp>
#include <boost/beast/core/tcp_stream.hpp>

namespace adapters::server {

class LingeringTcpStream : public boost::beast::tcp_stream {
 public:
  explicit LingeringTcpStream(boost::beast::tcp_stream&& stream) : boost::beast::tcp_stream(std::move(stream)) {}

  // The close frame that echoes `code` (a server's, unmasked: 0x88, length 2, the code) is
  // written as 1002 instead. Call on the stream's strand.
  void answer_close_with_protocol_error(std::uint16_t code) {
    echo_ = {0x88, 0x02, static_cast<unsigned char>(code >> 8), static_cast<unsigned char>(code & 0xff)};
    replacing_ = true;
  }

  // Every write of the WebSocket stream comes through here (Beast calls it by this type); it
  // is tcp_stream's unless an echo is to be replaced, so the cost is one test of a flag.
  template <class ConstBufferSequence, class WriteHandler>
  decltype(auto) async_write_some(const ConstBufferSequence& buffers, WriteHandler&& handler) {
    if (replacing_)
      if (const auto replacement = replace_echo(buffers))
        return boost::beast::tcp_stream::async_write_some(*replacement, std::forward<WriteHandler>(handler));
    return boost::beast::tcp_stream::async_write_some(buffers, std::forward<WriteHandler>(handler));
  }

 private:
  static constexpr std::array<unsigned char, 4> kProtocolErrorClose{0x88, 0x02, 0x03, 0xea};  // 1002

  // The bytes to write in place of `buffers` when they are the echo, or the rest of it after
  // a partial write (net::async_write then passes the same memory, advanced).
  template <class ConstBufferSequence>
  std::optional<boost::asio::const_buffer> replace_echo(const ConstBufferSequence& buffers) {
    const std::size_t size = boost::asio::buffer_size(buffers);
    if (size == 0 || size > echo_.size()) return std::nullopt;
    const auto at = reinterpret_cast<std::uintptr_t>(
        boost::asio::const_buffer(*boost::asio::buffer_sequence_begin(buffers)).data());
    if (echo_at_ == 0) {
      std::array<unsigned char, 4> bytes{};
      if (size != echo_.size() || boost::asio::buffer_copy(boost::asio::buffer(bytes), buffers) != size ||
          bytes != echo_)
        return std::nullopt;
      echo_at_ = at;
    }
    if (at < echo_at_ || at + size != echo_at_ + echo_.size()) return std::nullopt;
    return boost::asio::const_buffer(kProtocolErrorClose.data() + (at - echo_at_), size);
  }

  bool replacing_ = false;
  std::array<unsigned char, 4> echo_{};
  std::uintptr_t echo_at_ = 0;  // where Beast keeps the echo, once seen
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
