// The server's HTTP answers as a pure function of the request: no socket, so tests need no
// network. The sessions (http_session) do the I/O around it.
#pragma once

#include <string>
#include <string_view>

#include <boost/asio/ip/address.hpp>
#include <boost/json/object.hpp>

#include "adapters/common/http_handler.hpp"
#include "adapters/server/shared_state.hpp"

namespace adapters::server {

struct HttpReply {
  HttpResponse response;
  std::string_view route;  // the fixed route name for logs and metrics ("/v1/ask", "handler", "unknown")
  std::string intent;      // set when the engine answered
  double confidence = 0;
};

// Answers one request that is not a WebSocket upgrade:
//   POST /v1/ask and POST /v1/feedback (and their CORS preflights), GET /healthz, /readyz, /metrics;
//   any other path goes to the first handler of state.handlers() that handles() it (but
//   POST /admin/reload, which answers later: the session routes it, see admin_routes.hpp);
//   otherwise 404, or 405 for a known path with the wrong method.
// POST /v1/ask and /v1/feedback take one of its client's asks (state.clients(); the client is `peer`, or the
// one X-Forwarded-For names when `peer` is a trusted proxy): without one, 429 with Retry-After.
// Errors have JSON bodies: {"error": {"code": "...", "message": "..."}}.
// Records the answer in the metrics (not the request: the caller knows the final status).
// Thread safety: as SharedState's; may be called from any number of threads at once.
HttpReply handle_request(SharedState& state, const HttpRequest& request,
                         const boost::asio::ip::address& peer = boost::asio::ip::address_v4::loopback());

// Whether handle_request() may wait for the conversation store for `request`: POST /v1/ask,
// POST /v1/feedback (whose answer may be looked up in the replicas' Redis), and a handler's path that waits_for_store(). (With a store that may block, the session runs those
// on the assistant's threads.)
bool waits_for_store(const SharedState& state, const HttpRequest& request);

// 503 with code "busy" and Retry-After: 1, for a request waits_for_store() when the assistant's
// threads are full (with the CORS headers of /v1/ask for an allowed origin).
HttpReply busy_reply(SharedState& state, const HttpRequest& request);

// True for the paths that answer on a reserve connection: /healthz, /readyz, /metrics.
bool is_operational_path(std::string_view path);

// A JSON response with the server's headers.
HttpResponse json_response(unsigned version, bool keep_alive, boost::beast::http::status status,
                           const boost::json::object& body);

// A JSON error response: {"error": {"code": code, "message": message}}.
HttpResponse json_error(unsigned version, bool keep_alive, boost::beast::http::status status,
                        std::string_view code, std::string_view message);

// The path of a request target, without its query string.
std::string_view target_path(std::string_view target);

// The value of `name` in the target's query string, percent-decoded by Boost.URL ("" when it is
// absent or the target is not a path with a query), as a browser's URLSearchParams or curl's
// --data-urlencode write it.
std::string query_parameter(std::string_view target, std::string_view name);

}  // namespace adapters::server
