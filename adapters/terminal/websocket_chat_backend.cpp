#include "adapters/terminal/websocket_chat_backend.hpp"

#include <optional>
#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/json.hpp>

namespace adapters::terminal {
namespace beast = boost::beast;
namespace net = boost::asio;
namespace json = boost::json;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

namespace {

// A failure to connect as a sentence naming the server, without Boost's source location.
[[noreturn]] void throw_cannot_connect(const WsUrl& url, const beast::error_code& error) {
  throw std::runtime_error("cannot connect to " + url.authority() + ": " + error.message());
}

}  // namespace

class WebSocketChatBackend::Connection {
 public:
  Connection(const WsUrl& url, TlsVerification verification) {
    try {
      open(url, verification);
    } catch (const boost::system::system_error& error) {
      throw_cannot_connect(url, error.code());
    }
  }

  ~Connection() {
    beast::error_code ignored;
    if (plain_) plain_->close(websocket::close_code::normal, ignored);
    if (tls_) tls_->close(websocket::close_code::normal, ignored);
  }

  void write(const std::string& frame) {
    if (plain_) {
      plain_->text(true);
      plain_->write(net::buffer(frame));
    } else {
      tls_->text(true);
      tls_->write(net::buffer(frame));
    }
  }

  std::string read() {
    beast::flat_buffer buffer;
    if (plain_)
      plain_->read(buffer);
    else
      tls_->read(buffer);
    return beast::buffers_to_string(buffer.data());
  }

 private:
  void open(const WsUrl& url, TlsVerification verification) {
    tcp::resolver resolver(ioc_);
    if (!url.tls) {
      plain_.emplace(ioc_);
      net::connect(plain_->next_layer(), resolver.resolve(url.host, url.port));
      plain_->handshake(url.authority(), url.target);
      return;
    }
    tls_context_.emplace(make_tls_client_context(verification));
    tls_.emplace(ioc_, *tls_context_);
    auto& stream = tls_->next_layer();
    prepare_tls_client(stream.native_handle(), url.host);
    net::connect(stream.next_layer(), resolver.resolve(url.host, url.port));
    beast::error_code error;
    stream.handshake(net::ssl::stream_base::client, error);
    if (error)
      throw std::runtime_error("TLS with " + url.authority() +
                               " failed: " + describe_tls_failure(error, stream.native_handle()));
    tls_->handshake(url.authority(), url.target);
  }

  net::io_context ioc_;
  std::optional<net::ssl::context> tls_context_;
  std::optional<websocket::stream<tcp::socket>> plain_;
  std::optional<websocket::stream<beast::ssl_stream<tcp::socket>>> tls_;
};

namespace {

// The URL with ?client=terminal, so the server's learning records tell this client from a browser.
WsUrl as_terminal(WsUrl url) {
  url.target += url.target.find('?') == std::string::npos ? "?client=terminal" : "&client=terminal";
  return url;
}

}  // namespace

WebSocketChatBackend::WebSocketChatBackend(const WsUrl& url, TlsVerification verification)
    : connection_(std::make_unique<Connection>(as_terminal(url), verification)) {
  const json::value hello = json::parse(connection_->read());
  const auto* object = hello.if_object();
  const auto* type = object ? object->if_contains("type") : nullptr;
  if (!type || *type != "hello") throw std::runtime_error("the server did not say hello");
  if (const auto* session = object->if_contains("session"); session && session->is_string())
    session_ = session->get_string();
}

WebSocketChatBackend::~WebSocketChatBackend() = default;

json::object WebSocketChatBackend::read_reply(std::string_view id) {
  for (;;) {
    boost::system::error_code ec;
    json::value frame = json::parse(connection_->read(), ec);
    if (ec || !frame.is_object()) continue;
    auto& object = frame.get_object();
    const auto* frame_id = object.if_contains("id");
    if (frame_id && frame_id->is_string() && frame_id->get_string() == id) return std::move(object);
    // An error the server could not tie to a message still answers ours.
    if (!frame_id && object.contains("type") && object["type"] == "error") return std::move(object);
  }
}

json::object WebSocketChatBackend::ask(std::string_view text) {
  const std::string id = "t" + std::to_string(next_id_++);
  connection_->write(json::serialize(json::object{{"type", "ask"}, {"id", id}, {"text", text}}));
  return read_reply(id);
}

json::object WebSocketChatBackend::feedback(std::string_view answer_id, bool helpful, std::string_view comment) {
  const std::string id = "t" + std::to_string(next_id_++);
  json::object message{{"type", "feedback"}, {"id", id}, {"answer_id", answer_id}, {"helpful", helpful}};
  if (!comment.empty()) message["comment"] = comment;
  connection_->write(json::serialize(message));
  return read_reply(id);
}

void WebSocketChatBackend::reset() {
  const std::string id = "t" + std::to_string(next_id_++);
  connection_->write(json::serialize(json::object{{"type", "reset"}, {"id", id}}));
  read_reply(id);
}

}  // namespace adapters::terminal
