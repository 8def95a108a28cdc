#include "adapters/terminal/websocket_chat_backend.hpp"

#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

namespace adapters::terminal {
namespace beast = boost::beast;
namespace net = boost::asio;
namespace json = boost::json;

struct WebSocketChatBackend::Connection {
  net::io_context ioc;
  beast::websocket::stream<net::ip::tcp::socket> ws{ioc};
};

WebSocketChatBackend::WebSocketChatBackend(const WsUrl& url) : connection_(std::make_unique<Connection>()) {
  net::ip::tcp::resolver resolver(connection_->ioc);
  net::connect(connection_->ws.next_layer(), resolver.resolve(url.host, url.port));
  connection_->ws.handshake(url.host + ":" + url.port, url.target);
  beast::flat_buffer buffer;
  connection_->ws.read(buffer);
  const json::value hello = json::parse(beast::buffers_to_string(buffer.data()));
  const auto* object = hello.if_object();
  const auto* type = object ? object->if_contains("type") : nullptr;
  if (!type || *type != "hello") throw std::runtime_error("the server did not say hello");
  if (const auto* session = object->if_contains("session"); session && session->is_string())
    session_ = session->get_string();
}

WebSocketChatBackend::~WebSocketChatBackend() {
  beast::error_code ignored;
  connection_->ws.close(beast::websocket::close_code::normal, ignored);
}

json::object WebSocketChatBackend::read_reply(std::string_view id) {
  for (;;) {
    beast::flat_buffer buffer;
    connection_->ws.read(buffer);
    boost::system::error_code ec;
    json::value frame = json::parse(beast::buffers_to_string(buffer.data()), ec);
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
  connection_->ws.text(true);
  connection_->ws.write(net::buffer(json::serialize(json::object{{"type", "ask"}, {"id", id}, {"text", text}})));
  return read_reply(id);
}

void WebSocketChatBackend::reset() {
  const std::string id = "t" + std::to_string(next_id_++);
  connection_->ws.text(true);
  connection_->ws.write(net::buffer(json::serialize(json::object{{"type", "reset"}, {"id", id}})));
  read_reply(id);
}

}  // namespace adapters::terminal
