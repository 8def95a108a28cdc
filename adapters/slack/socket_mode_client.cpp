#include "adapters/slack/socket_mode_client.hpp"

#include <random>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/json.hpp>

#include "adapters/common/https_client.hpp"
#include "bot/answer.hpp"

namespace adapters::slack {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

constexpr std::chrono::seconds kConnectTimeout{30};

std::string field(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string{};
}

// RFC 6455 §7.2.3: a random delay, so many clients dropped at once do not return at once.
std::chrono::milliseconds jittered(std::chrono::seconds backoff) {
  thread_local std::mt19937 random{std::random_device{}()};
  std::uniform_real_distribution<double> factor(0.5, 1.5);
  return std::chrono::milliseconds(static_cast<long long>(1000.0 * backoff.count() * factor(random)));
}

}  // namespace

SocketModeClient::SocketModeClient(std::string app_token, std::shared_ptr<WebApiClient> web_api,
                                   std::shared_ptr<SlackBot> bot, asio::any_io_executor executor,
                                   std::shared_ptr<JsonLog> log)
    : app_token_(std::move(app_token)),
      web_api_(std::move(web_api)),
      bot_(std::move(bot)),
      executor_(std::move(executor)),
      log_(std::move(log)) {}

void SocketModeClient::start() {
  asio::co_spawn(
      executor_, [self = shared_from_this()] { return self->run(); }, asio::detached);
}

void SocketModeClient::stop() { stopped_ = true; }

std::optional<boost::json::object> SocketModeClient::acknowledge(const boost::json::object& frame) {
  const auto envelope_id = field(frame, "envelope_id");
  if (envelope_id.empty()) return std::nullopt;
  boost::json::object ack{{"envelope_id", envelope_id}};
  const auto* payload_value = frame.if_contains("payload");
  if (!payload_value || !payload_value->is_object()) return ack;
  const auto& payload = payload_value->get_object();
  const auto type = field(frame, "type");
  if (type == "events_api") {
    bot_->on_event(payload);
  } else if (type == "slash_commands") {
    const auto* accepts = frame.if_contains("accepts_response_payload");
    auto response = bot_->on_command_without_waiting({field(payload, "team_id"), field(payload, "channel_id"),
                                                      field(payload, "user_id"), field(payload, "text"),
                                                      field(payload, "response_url")});
    if (response && accepts && accepts->is_bool() && accepts->get_bool()) ack["payload"] = std::move(*response);
  } else if (type == "interactive") {
    bot_->on_interaction(payload);
  }
  return ack;
}

asio::awaitable<void> SocketModeClient::run() {
  auto backoff = kFirstBackoff;
  while (!stopped_) {
    bool asked_to_reconnect = false;
    greeted_ = false;
    try {
      asked_to_reconnect = co_await connect_once();
    } catch (const std::exception& error) {
      log_->write(LogLevel::warn, "slack.socket_mode_dropped", {{"error", error.what()}});
    }
    if (greeted_) backoff = kFirstBackoff;
    if (asked_to_reconnect || stopped_) continue;
    const auto delay = jittered(backoff);
    log_->write(LogLevel::info, "slack.socket_mode_retry", {{"delay_ms", delay.count()}});
    asio::steady_timer timer(executor_, delay);
    co_await timer.async_wait(asio::use_awaitable);
    backoff = std::min(backoff * 2, kMaxBackoff);
  }
}

asio::awaitable<bool> SocketModeClient::connect_once() {
  const auto opened = co_await web_api_->call("apps.connections.open", {}, app_token_);
  const auto url = Url::parse(field(opened, "url"));
  if (!url) {
    // A missing or odd URL with ok:true is worth a line; ok:false was logged by the client.
    if (const auto* ok = opened.if_contains("ok"); ok && ok->is_bool() && ok->get_bool())
      log_->write(LogLevel::warn, "slack.socket_mode_bad_url");
    co_return false;
  }
  auto executor = co_await asio::this_coro::executor;
  asio::ip::tcp::resolver resolver(executor);
  const auto endpoints = co_await resolver.async_resolve(url->host, url->port, asio::use_awaitable);
  const auto host = url->host + ":" + url->port;

  if (!url->tls) {
    websocket::stream<beast::tcp_stream> socket(executor);
    beast::get_lowest_layer(socket).expires_after(kConnectTimeout);
    co_await beast::get_lowest_layer(socket).async_connect(endpoints, asio::use_awaitable);
    beast::get_lowest_layer(socket).expires_never();
    socket.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    co_await socket.async_handshake(host, url->target, asio::use_awaitable);
    co_return co_await serve(socket);
  }

  websocket::stream<beast::ssl_stream<beast::tcp_stream>> socket(executor, client_tls_context());
  if (!SSL_set_tlsext_host_name(socket.next_layer().native_handle(), url->host.c_str()))
    throw boost::system::system_error(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category());
  socket.next_layer().set_verify_callback(asio::ssl::host_name_verification(url->host));
  beast::get_lowest_layer(socket).expires_after(kConnectTimeout);
  co_await beast::get_lowest_layer(socket).async_connect(endpoints, asio::use_awaitable);
  co_await socket.next_layer().async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
  beast::get_lowest_layer(socket).expires_never();
  socket.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
  co_await socket.async_handshake(host, url->target, asio::use_awaitable);
  co_return co_await serve(socket);
}

template <class WebSocket>
asio::awaitable<bool> SocketModeClient::serve(WebSocket& socket) {
  socket.read_message_max(kMaxFrameBytes);
  socket.text(true);
  beast::flat_buffer buffer;
  while (!stopped_) {
    buffer.clear();
    co_await socket.async_read(buffer, asio::use_awaitable);
    boost::system::error_code error;
    auto frame = boost::json::parse(beast::buffers_to_string(buffer.data()), error);
    if (error || !frame.is_object()) {
      log_->write(LogLevel::warn, "slack.socket_mode_bad_frame");
      continue;
    }
    const auto type = field(frame.get_object(), "type");
    if (type == "hello") {
      greeted_ = true;
      log_->write(LogLevel::info, "slack.socket_mode_connected");
    } else if (type == "disconnect") {
      log_->write(LogLevel::info, "slack.socket_mode_disconnect", {{"reason", field(frame.get_object(), "reason")}});
      beast::error_code ignored;
      co_await socket.async_close(websocket::close_code::normal, asio::redirect_error(asio::use_awaitable, ignored));
      co_return true;
    } else if (auto ack = acknowledge(frame.get_object())) {
      co_await socket.async_write(asio::buffer(bot::serialize(*ack)), asio::use_awaitable);
    }
  }
  co_return false;
}

}  // namespace adapters::slack
