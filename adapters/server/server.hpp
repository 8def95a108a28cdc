// The chat server: HTTP and WebSocket on one port, run by a pool of threads.
#pragma once

#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "adapters/common/http_handler.hpp"
#include "adapters/server/server_config.hpp"
#include "adapters/server/shared_state.hpp"

namespace adapters::server {

class Listener;

// Routes: GET /v1/chat (WebSocket, docs/protocol.md), POST /v1/ask, GET /healthz, /readyz,
// /metrics, POST /admin/reload (with a reloader and config.admin_token); any other path to the
// first of `handlers` that handles() it (the web widget, Slack, Discord), else 404.
//
// The io_context belongs to the caller, so adapters can be built on it (for their outgoing
// calls) before the server; the server only runs it. Usage:
//   boost::asio::io_context ioc;
//   Server server(ioc, config, engines, store, handlers, reloader);   // listening from here
//   server.run();                                          // until stop() or a signal
class Server {
 public:
  // Binds and listens at once (throws std::invalid_argument for a host that is not an address,
  // std::runtime_error naming the address and what to do when it cannot listen) and logs
  // {"event":"listening","port":N,...}. `engines` may be null or hold no engine (every answer is
  // then 503/"not_ready"). With a `reloader`, SIGHUP (when config.handle_signals) and POST
  // /admin/reload rebuild the knowledge into `engines`. With `learning`, every answer is recorded
  // (bot/learning_recorder.hpp), feedback is taken and the admin views exist.
  Server(boost::asio::io_context& ioc, ServerConfig config, std::shared_ptr<const bot::EngineHolder> engines,
         std::shared_ptr<bot::ConversationStore> store, std::vector<std::shared_ptr<HttpHandler>> handlers = {},
         std::shared_ptr<bot::KnowledgeReloader> reloader = nullptr,
         std::shared_ptr<bot::LearningRecorder> learning = nullptr);
  // The same with the assistant every adapter of the process shares (bot/assistant.hpp): its
  // engines, store and learning recorder, and where turns run when its store may block.
  Server(boost::asio::io_context& ioc, ServerConfig config, std::shared_ptr<const bot::Assistant> assistant,
         std::vector<std::shared_ptr<HttpHandler>> handlers = {},
         std::shared_ptr<bot::KnowledgeReloader> reloader = nullptr);
  // Waits for a reload still running: its answer goes to the io_context, which outlives the server.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port actually listened on (the ephemeral one when config.port was 0).
  unsigned short port() const;

  // Runs the io_context on config.threads threads (0: the cores this process may use), the
  // caller's included; returns when the graceful shutdown has finished.
  void run();

  // Graceful shutdown: stop accepting, finish the answers in flight, close WebSockets with
  // 1001 and HTTP connections, then stop the io_context so run() returns (work other
  // adapters left on it is abandoned); after config.shutdown_grace it is stopped regardless.
  // Thread-safe and idempotent; SIGINT/SIGTERM call it when config.handle_signals.
  void stop();

  SharedState& state() { return *state_; }

  // The number of threads run() uses: config.threads, or when that is 0 the cores this
  // process may run on.
  static unsigned thread_count(const ServerConfig& config);

 private:
  // SIGINT/SIGTERM stop the server; SIGHUP reloads the knowledge and waits for the next signal.
  void wait_for_signal();

  boost::asio::io_context& ioc_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  std::shared_ptr<SharedState> state_;
  std::shared_ptr<Listener> listener_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer deadline_;
  bool stopping_ = false;  // on strand_
};

}  // namespace adapters::server
