// What a WebSocket round trip costs with nothing behind it: `bench_bare_ws_server [REPLY_BYTES]`.
//
// A one-thread Boost.Beast WebSocket server on 127.0.0.1 (an ephemeral port, printed as
// "listening PORT") that greets each connection as the chat server does and answers every message
// at once with a frame shaped like the chat's answer: `{"type":"answer","id":"ID","text":"..."}`,
// the ID copied from the message and the text padding to REPLY_BYTES (default 1200, about the size
// of the bot's answers), so that `mlops-bot bench` counts each reply as an answer. Nothing is
// parsed beyond finding the id. scripts/transport-ratio.sh runs it beside `serve` under the same
// client and prints answers per server CPU-second of both. Not a test; never exposed beyond loopback.
#include <charconv>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

namespace beast = boost::beast;
namespace net = boost::asio;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::size_t reply_bytes) : ws_(std::move(socket)), reply_bytes_(reply_bytes) {}

  void start() {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.async_accept([self = shared_from_this()](beast::error_code ec) {
      if (ec) return;
      self->reply_ = R"({"type":"hello"})";
      self->write();
    });
  }

 private:
  void read() {
    buffer_.clear();
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      self->answer();
      self->write();
    });
  }

  void answer() {
    const std::string_view message(static_cast<const char*>(buffer_.cdata().data()), buffer_.size());
    constexpr std::string_view kIdKey = R"("id":")";
    std::string_view id;
    if (const auto at = message.find(kIdKey); at != std::string_view::npos) {
      const auto start = at + kIdKey.size();
      id = message.substr(start, message.find('"', start) - start);
    }
    reply_.assign(R"({"type":"answer","id":")").append(id).append(R"(","text":")");
    const std::size_t tail = 2;  // "}
    if (reply_.size() + tail < reply_bytes_) reply_.append(reply_bytes_ - reply_.size() - tail, 'x');
    reply_.append("\"}");
  }

  void write() {
    ws_.text(true);
    ws_.async_write(net::buffer(reply_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (!ec) self->read();
    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  std::string reply_;
  std::size_t reply_bytes_;
};

void accept(tcp::acceptor& acceptor, std::size_t reply_bytes) {
  acceptor.async_accept([&acceptor, reply_bytes](beast::error_code ec, tcp::socket socket) {
    if (!ec) {
      socket.set_option(tcp::no_delay(true));
      std::make_shared<Session>(std::move(socket), reply_bytes)->start();
    }
    accept(acceptor, reply_bytes);
  });
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t reply_bytes = 1200;
  if (argc > 1) {
    const std::string_view arg(argv[1]);
    if (std::from_chars(arg.data(), arg.data() + arg.size(), reply_bytes).ec != std::errc() ||
        reply_bytes > (1 << 20)) {
      std::cerr << "usage: bench_bare_ws_server [REPLY_BYTES (at most 1 MiB)]\n";
      return 2;
    }
  }
  net::io_context ioc(1);
  tcp::acceptor acceptor(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  std::cout << "listening " << acceptor.local_endpoint().port() << std::endl;
  accept(acceptor, reply_bytes);
  ioc.run();
  return 0;
}
