#include "fake_socket_mode_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace platforms_test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

}  // namespace

FakeSocketModeServer::FakeSocketModeServer(Script script)
    : script_(std::move(script)), acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
  asio::co_spawn(
      io_,
      [this]() -> asio::awaitable<void> {
        for (;;) {
          auto socket = co_await acceptor_.async_accept(asio::use_awaitable);
          asio::co_spawn(
              io_,
              [this, ws = websocket::stream<beast::tcp_stream>(std::move(socket))]() mutable -> asio::awaitable<void> {
                try {
                  beast::flat_buffer buffer;
                  http::request<http::string_body> upgrade;
                  co_await http::async_read(ws.next_layer(), buffer, upgrade, asio::use_awaitable);
                  co_await ws.async_accept(upgrade, asio::use_awaitable);
                  bool first = false;
                  {
                    std::lock_guard lock(mutex_);
                    first = ++observed_.connections == 1;
                    observed_.targets.emplace_back(upgrade.target());
                    changed_.notify_all();
                  }
                  ws.text(true);
                  co_await ws.async_write(asio::buffer(std::string(R"({"type":"hello","num_connections":1})")),
                                          asio::use_awaitable);
                  if (first)
                    for (const auto& envelope : script_.envelopes)
                      co_await ws.async_write(asio::buffer(envelope), asio::use_awaitable);
                  for (std::size_t acks = 0;; ++acks) {
                    if (first && acks == script_.envelopes.size()) {
                      co_await ws.async_write(
                          asio::buffer(std::string(R"({"type":"disconnect","reason":"refresh_requested"})")),
                          asio::use_awaitable);
                    }
                    beast::flat_buffer frame;
                    co_await ws.async_read(frame, asio::use_awaitable);
                    std::lock_guard lock(mutex_);
                    observed_.frames.push_back(beast::buffers_to_string(frame.data()));
                    changed_.notify_all();
                  }
                } catch (const std::exception&) {
                  // The client closed (as it should after a disconnect): the script is over.
                }
              },
              asio::detached);
        }
      },
      asio::detached);
  thread_ = std::thread([this] { io_.run(); });
}

FakeSocketModeServer::~FakeSocketModeServer() {
  io_.stop();
  thread_.join();
}

std::string FakeSocketModeServer::url() const {
  return "ws://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/link?ticket=test";
}

FakeSocketModeServer::Observed FakeSocketModeServer::observed() const {
  std::lock_guard lock(mutex_);
  return observed_;
}

bool FakeSocketModeServer::wait_for(const std::function<bool(const Observed&)>& done,
                                    std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return done(observed_); });
}

}  // namespace platforms_test
