// The real server, in this process, on an ephemeral loopback port.
#pragma once

#include <memory>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "adapters/server/server.hpp"
#include "bot/engine_holder.hpp"
#include "bot/memory_conversation_store.hpp"

namespace test {

// The engine is opened once per test program: opening may build the knowledge base.
inline std::shared_ptr<const bot::Engine> shared_engine() {
  static const auto engine = [] {
    auto options = bot::EngineOptions::defaults();
    options.log = nullptr;
    return bot::Engine::open(options);
  }();
  return engine;
}

// Settings for tests: loopback, an ephemeral port, no signal handling, no log, and no
// per-client limits (every test client is 127.0.0.1; the tests of those limits set them).
inline adapters::server::ServerConfig test_config() {
  adapters::server::ServerConfig config;
  config.host = "127.0.0.1";
  config.port = 0;
  config.threads = 2;
  config.handle_signals = false;
  config.log_level = adapters::server::LogLevel::off;
  config.max_client_connections = 0;
  config.http_rate_per_second = 0;
  return config;
}

// Listening when constructed (the port is bound before the constructor returns, so no
// waiting is needed); stops gracefully when destroyed.
class RunningServer {
 public:
  explicit RunningServer(adapters::server::ServerConfig config = test_config(),
                         std::vector<std::shared_ptr<adapters::HttpHandler>> handlers = {})
      : store_(std::make_shared<bot::MemoryConversationStore>(config.max_sessions, config.session_idle)),
        server_(ioc_, config, std::make_shared<bot::EngineHolder>(shared_engine()), store_, std::move(handlers)),
        thread_([this] { server_.run(); }) {}

  ~RunningServer() { stop(); }

  void stop() {
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  unsigned short port() const { return server_.port(); }
  adapters::server::SharedState& state() { return server_.state(); }

 private:
  boost::asio::io_context ioc_;
  std::shared_ptr<bot::MemoryConversationStore> store_;
  adapters::server::Server server_;
  std::thread thread_;
};

}  // namespace test
