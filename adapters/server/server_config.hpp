// Every setting of the chat server, with the defaults `mlops-bot serve` documents.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace adapters::server {

enum class LogLevel { debug, info, warn, off };

struct ServerConfig {
  std::string host = "0.0.0.0";
  unsigned short port = 8080;  // 0: an ephemeral port, reported in the "listening" log line
  unsigned threads = 0;        // 0: one per core the process may run on

  // Origins allowed for CORS and WebSocket upgrades, exactly as browsers send them
  // ("https://example.com"); "*" allows any. Same-origin and localhost are always allowed.
  std::vector<std::string> allowed_origins;

  std::size_t max_connections = 10000;   // TCP connections at once, HTTP and WebSocket; more get 503
  std::size_t max_message_bytes = 16 * 1024;  // a larger WebSocket message closes with 1009
  std::size_t max_body_bytes = 64 * 1024;     // a larger HTTP body gets 413
  std::size_t max_header_bytes = 8 * 1024;    // larger HTTP headers get 431
  std::size_t write_queue_limit = 64;   // answers waiting for a client that does not read
  std::chrono::seconds http_timeout{30};  // to read one HTTP request, and keep-alive idle

  // Per WebSocket connection: a token bucket of `rate_burst` messages refilled at
  // `rate_per_second`. rate_per_second <= 0 turns the limit off.
  double rate_per_second = 20;
  double rate_burst = 40;
  // A WebSocket that sends no message this long is closed (1001), however it answers pings.
  std::chrono::seconds chat_idle_timeout{300};

  std::size_t max_sessions = 100000;        // conversations kept for ?session= and POST /v1/ask
  std::chrono::seconds session_idle{1800};  // a conversation unused this long is forgotten

  std::chrono::milliseconds shutdown_grace{5000};  // after SIGTERM, the most we wait for clients
  bool handle_signals = true;                      // SIGINT/SIGTERM start the graceful shutdown

  LogLevel log_level = LogLevel::info;
};

}  // namespace adapters::server
