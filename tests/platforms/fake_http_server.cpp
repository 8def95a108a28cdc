#include "fake_http_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace platforms_test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

}  // namespace

FakeHttpServer::FakeHttpServer(Responder responder)
    : responder_(std::move(responder)), acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
  port_ = acceptor_.local_endpoint().port();
  asio::co_spawn(
      io_,
      [this]() -> asio::awaitable<void> {
        for (;;) {
          auto socket = co_await acceptor_.async_accept(asio::use_awaitable);
          asio::co_spawn(
              io_,
              [this, stream = beast::tcp_stream(std::move(socket))]() mutable -> asio::awaitable<void> {
                beast::flat_buffer buffer;
                try {
                  for (;;) {
                    adapters::HttpRequest request;
                    co_await http::async_read(stream, buffer, request, asio::use_awaitable);
                    auto response = responder_(request, record(request));
                    response.version(request.version());
                    response.keep_alive(request.keep_alive());
                    response.prepare_payload();
                    co_await http::async_write(stream, response, asio::use_awaitable);
                    if (!request.keep_alive()) break;
                  }
                } catch (const std::exception&) {
                  // The client closed the connection: nothing to do in a fake.
                }
              },
              asio::detached);
        }
      },
      asio::detached);
  thread_ = std::thread([this] { io_.run(); });
}

FakeHttpServer::~FakeHttpServer() {
  io_.stop();
  thread_.join();
}

std::string FakeHttpServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::size_t FakeHttpServer::record(const adapters::HttpRequest& request) {
  std::lock_guard lock(mutex_);
  requests_.push_back({std::string(request.method_string()), std::string(request.target()),
                       std::string(request[http::field::authorization]),
                       std::string(request[http::field::content_type]), request.body(),
                       std::chrono::steady_clock::now()});
  changed_.notify_all();
  return requests_.size() - 1;
}

std::vector<RecordedRequest> FakeHttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

bool FakeHttpServer::wait_for(const std::function<bool(const std::vector<RecordedRequest>&)>& done,
                              std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return done(requests_); });
}

adapters::HttpResponse FakeHttpServer::json(const std::string& body, http::status status) {
  adapters::HttpResponse response{status, 11};
  response.set(http::field::content_type, "application/json");
  response.body() = body;
  return response;
}

}  // namespace platforms_test
