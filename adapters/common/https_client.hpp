// A small outgoing HTTP(S) client for the platform adapters' Web API calls (Slack, Discord).
#pragma once

#include <chrono>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>

#include "adapters/common/http_handler.hpp"
#include "adapters/common/url.hpp"

namespace adapters {

inline constexpr std::chrono::seconds kDefaultRequestTimeout{10};

// Sends `request` to `url` (its target and Host header are set from `url`) and returns the
// response. TLS connections verify the peer's certificate chain and host name against the
// system's trust store. Throws boost::system::system_error on any I/O, TLS or timeout failure.
// Runs on the calling coroutine's executor; holds no state between calls.
boost::asio::awaitable<HttpResponse> send_request(const Url& url, HttpRequest request,
                                                  std::chrono::seconds timeout = kDefaultRequestTimeout);

// The one TLS client context of the outgoing connections (HTTPS and wss://): the system's trust
// store, peers verified. Built on first use and shared, as a configured context may be.
boost::asio::ssl::context& client_tls_context();

// The same, for code without an executor (command-line tools): runs on a private io_context.
HttpResponse send_request_blocking(const Url& url, HttpRequest request,
                                   std::chrono::seconds timeout = kDefaultRequestTimeout);

}  // namespace adapters
