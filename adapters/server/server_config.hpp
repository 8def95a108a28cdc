// Every setting of the chat server, with the defaults `mlops-bot serve` documents.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "adapters/common/log_level.hpp"
#include "adapters/server/client_address.hpp"

namespace adapters::server {

using adapters::LogLevel;

struct ServerConfig {
  std::string host = "0.0.0.0";
  unsigned short port = 8080;  // 0: an ephemeral port, reported in the "listening" log line
  unsigned threads = 0;        // 0: one per core the process may run on

  // Origins allowed for CORS and WebSocket upgrades, exactly as browsers send them
  // ("https://example.com"); "*" allows any. Loopback origins (localhost, 127.0.0.1, [::1]) are
  // always allowed, and so are public_origins; the Host header is never trusted for this.
  std::vector<std::string> allowed_origins;
  // The origins this server's own pages are reached at ("https://bot.example.com"): what
  // "same origin" means for the demo page's WebSocket and /v1/ask.
  std::vector<std::string> public_origins;

  std::size_t max_connections = 10000;   // TCP connections at once, HTTP and WebSocket; more get 503
  std::size_t max_message_bytes = 16 * 1024;  // a larger WebSocket message closes with 1009
  std::size_t max_body_bytes = 64 * 1024;     // a larger HTTP body gets 413
  std::size_t max_header_bytes = 8 * 1024;    // larger HTTP headers get 431
  std::size_t write_queue_limit = 64;   // answers waiting for a client that does not read
  std::chrono::seconds http_timeout{30};  // to read an HTTP request's body once its head is in
  // To receive a request's head, counted from when the server starts waiting for it: a new
  // connection, or one idle after an answer. Slow or silent clients are closed after it.
  std::chrono::seconds header_timeout{10};
  // Connections beyond max_connections that may still ask GET /healthz, /readyz or /metrics
  // (each closed after its answer); other requests on them get 503.
  std::size_t reserve_connections = 32;

  // Per client (an IPv4 address or an IPv6 /64; behind a trusted proxy, X-Forwarded-For's):
  // open connections at most (0: no cap; more are closed at once), and POST /v1/ask as a token
  // bucket of `http_rate_burst` refilled at `http_rate_per_second` (<= 0: no limit; more get 429).
  std::size_t max_client_connections = 100;
  double http_rate_per_second = 20;
  double http_rate_burst = 40;
  std::size_t max_tracked_clients = 100000;  // clients remembered for these limits, at least
                                             // max_connections + reserve_connections
  // Proxies (CIDR ranges, e.g. "10.0.0.0/8") whose X-Forwarded-For names the client; their own
  // connections are not capped per client. Empty: the peer is always the client.
  AddressRanges trusted_proxies;

  // Per WebSocket connection: a token bucket of `rate_burst` messages refilled at
  // `rate_per_second`. rate_per_second <= 0 turns the limit off.
  double rate_per_second = 20;
  double rate_burst = 40;
  // A WebSocket that sends no message this long is closed (1001), however it answers pings.
  std::chrono::seconds chat_idle_timeout{300};

  std::size_t max_sessions = 100000;        // conversations kept for ?session= and POST /v1/ask
  std::chrono::seconds session_idle{1800};  // a conversation unused this long is forgotten
  // When the conversation store may block (Redis): the threads that answer questions off the
  // I/O threads, and the questions at most waiting for them or being answered (more: "busy").
  std::size_t session_threads = 8;
  std::size_t session_queue_limit = 256;

  // The bearer token of the admin routes (POST /admin/reload); empty: they do not exist (404).
  // A secret: from the environment only, never logged.
  std::string admin_token;

  std::chrono::milliseconds shutdown_grace{5000};  // after SIGTERM, the most we wait for clients
  bool handle_signals = true;                      // SIGINT/SIGTERM start the graceful shutdown

  LogLevel log_level = LogLevel::info;
};

}  // namespace adapters::server
