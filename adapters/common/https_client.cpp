#include "adapters/common/https_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace adapters {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

constexpr std::uint64_t kResponseBodyLimit = 1 << 20;

template <class Stream>
asio::awaitable<HttpResponse> exchange(Stream& stream, HttpRequest& request, std::chrono::seconds timeout) {
  beast::get_lowest_layer(stream).expires_after(timeout);
  co_await http::async_write(stream, request, asio::use_awaitable);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kResponseBodyLimit);
  co_await http::async_read(stream, buffer, parser, asio::use_awaitable);
  co_return parser.release();
}

}  // namespace

asio::awaitable<HttpResponse> send_request(const Url& url, HttpRequest request, std::chrono::seconds timeout) {
  auto executor = co_await asio::this_coro::executor;
  request.target(url.target);
  request.set(http::field::host, url.host_literal());
  request.prepare_payload();

  asio::ip::tcp::resolver resolver(executor);
  const auto endpoints = co_await resolver.async_resolve(url.host, url.port, asio::use_awaitable);

  if (!url.tls) {
    beast::tcp_stream stream(executor);
    stream.expires_after(timeout);
    co_await stream.async_connect(endpoints, asio::use_awaitable);
    auto response = co_await exchange(stream, request, timeout);
    beast::error_code ignored;
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    co_return response;
  }

  beast::ssl_stream<beast::tcp_stream> stream(executor, client_tls_context());
  // SNI, then a host name check on top of the chain check the context already does.
  if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str()))
    throw boost::system::system_error(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category());
  stream.set_verify_callback(asio::ssl::host_name_verification(url.host));
  beast::get_lowest_layer(stream).expires_after(timeout);
  co_await beast::get_lowest_layer(stream).async_connect(endpoints, asio::use_awaitable);
  co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
  auto response = co_await exchange(stream, request, timeout);
  // Many servers close without a TLS close_notify; the response is complete either way.
  beast::get_lowest_layer(stream).close();
  co_return response;
}

HttpResponse send_request_blocking(const Url& url, HttpRequest request, std::chrono::seconds timeout) {
  asio::io_context io;
  auto result = asio::co_spawn(io, send_request(url, std::move(request), timeout), asio::use_future);
  io.run();
  return result.get();
}

asio::ssl::context& client_tls_context() {
  // Built once: loading the system trust store is costly, and a context is safe to share
  // between streams once configured.
  static asio::ssl::context context = [] {
    asio::ssl::context built(asio::ssl::context::tls_client);
    built.set_default_verify_paths();
    built.set_verify_mode(asio::ssl::verify_peer);
    return built;
  }();
  return context;
}

}  // namespace adapters
