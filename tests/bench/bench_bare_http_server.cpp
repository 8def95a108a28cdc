// What a `POST /v1/ask` costs with nothing behind it: `bench_bare_http_server [REPLY_BYTES]`.
//
// A one-thread Boost.Beast HTTP/1.1 server on 127.0.0.1 (an ephemeral port, printed as
// "listening PORT") that reads each request's body (at most 64 KiB, the chat server's default),
// parses it with Boost.JSON as `POST /v1/ask` does, and answers 200 with a JSON body holding the
// question's "text" and padding to REPLY_BYTES (default 1200, about the size of the bot's
// answers); 400 when the body is not an object with a string "text". Connections are kept alive.
// scripts/transport-ratio.sh runs it beside `serve` under the same client (wrk) and prints requests
// per server CPU-second of both. Not a test; never exposed beyond loopback.
#include <charconv>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr std::size_t kMaxBodyBytes = 64 * 1024;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::size_t reply_bytes) : stream_(std::move(socket)), reply_bytes_(reply_bytes) {}

  void read() {
    parser_.emplace();
    parser_->body_limit(kMaxBodyBytes);
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      self->answer(self->parser_->release());
    });
  }

 private:
  void answer(http::request<http::string_body> request) {
    response_ = {};
    response_.version(request.version());
    response_.keep_alive(request.keep_alive());
    response_.set(http::field::content_type, "application/json");
    boost::system::error_code ec;
    const json::value body = json::parse(request.body(), ec);
    const auto* object = ec ? nullptr : body.if_object();
    const auto* text = object ? object->if_contains("text") : nullptr;
    if (!text || !text->is_string()) {
      response_.result(http::status::bad_request);
      response_.body() = R"({"error":"bad_request"})";
    } else {
      response_.result(http::status::ok);
      std::string& reply = response_.body();
      reply.assign(R"({"question":)").append(json::serialize(text->get_string())).append(R"(,"text":")");
      const std::size_t tail = 2;  // "}
      if (reply.size() + tail < reply_bytes_) reply.append(reply_bytes_ - reply.size() - tail, 'x');
      reply.append("\"}");
    }
    response_.prepare_payload();
    http::async_write(stream_, response_, [self = shared_from_this()](beast::error_code wec, std::size_t) {
      if (wec || !self->response_.keep_alive()) return;
      self->read();
    });
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  std::size_t reply_bytes_;
};

void accept(tcp::acceptor& acceptor, std::size_t reply_bytes) {
  acceptor.async_accept([&acceptor, reply_bytes](beast::error_code ec, tcp::socket socket) {
    if (!ec) {
      socket.set_option(tcp::no_delay(true));
      std::make_shared<Session>(std::move(socket), reply_bytes)->read();
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
      std::cerr << "usage: bench_bare_http_server [REPLY_BYTES (at most 1 MiB)]\n";
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
