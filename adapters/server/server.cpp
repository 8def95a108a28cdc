#include "adapters/server/server.hpp"

#include <sched.h>

#include <csignal>
#include <stdexcept>
#include <thread>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>

#include "adapters/server/listener.hpp"

namespace adapters::server {
namespace net = boost::asio;

Server::Server(net::io_context& ioc, ServerConfig config, std::shared_ptr<const bot::EngineHolder> engines,
               std::shared_ptr<bot::ConversationStore> store, std::vector<std::shared_ptr<HttpHandler>> handlers,
               std::shared_ptr<bot::KnowledgeReloader> reloader, std::shared_ptr<bot::LearningRecorder> learning)
    : Server(ioc, std::move(config),
             std::make_shared<const bot::Assistant>(std::move(engines), std::move(store), std::move(learning)),
             std::move(handlers), std::move(reloader)) {}

Server::Server(net::io_context& ioc, ServerConfig config, std::shared_ptr<const bot::Assistant> assistant,
               std::vector<std::shared_ptr<HttpHandler>> handlers, std::shared_ptr<bot::KnowledgeReloader> reloader)
    : ioc_(ioc),
      strand_(net::make_strand(ioc)),
      state_(std::make_shared<SharedState>(std::move(config), std::move(assistant), std::move(handlers),
                                           std::move(reloader))),
      signals_(strand_),
      deadline_(strand_) {
  const auto& settings = state_->config();
  boost::system::error_code ec;
  const auto address = net::ip::make_address(settings.host, ec);
  if (ec)
    throw std::invalid_argument("cannot listen on '" + settings.host +
                                "': not an IP address (0.0.0.0 for every IPv4 interface, :: for every IPv6 one); "
                                "set --host (MLOPS_BOT_HOST)");
  const net::ip::tcp::endpoint endpoint(address, settings.port);
  listener_ = std::make_shared<Listener>(ioc_, endpoint, state_);
  listener_->run();
  if (settings.handle_signals) {
    signals_.add(SIGINT);
    signals_.add(SIGTERM);
    if (state_->reloader()) signals_.add(SIGHUP);  // without a reloader, SIGHUP keeps its default: the end
    wait_for_signal();
  }
  // At warn level, so that a quieter log still tells tests and operators the port.
  state_->log().write(LogLevel::warn, LogLine()
                                          .add("event", "listening")
                                          .add("host", settings.host)
                                          .add("port", static_cast<std::int64_t>(port()))
                                          .add("threads", static_cast<std::int64_t>(thread_count(settings))));
}

Server::~Server() {
  if (auto* reloader = state_->reloader()) reloader->wait();
}

void Server::wait_for_signal() {
  signals_.async_wait([this](boost::system::error_code ec, int signal) {
    if (ec) return;
    state_->log().write(LogLevel::info,
                        LogLine().add("event", "signal").add("signal", static_cast<std::int64_t>(signal)));
    if (signal != SIGHUP) return stop();
    // A reload already running queues one more, so a change made during it is read too.
    state_->reloader()->request("SIGHUP");
    wait_for_signal();
  });
}

unsigned short Server::port() const { return listener_->port(); }

unsigned Server::thread_count(const ServerConfig& config) {
  if (config.threads) return config.threads;
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  // The affinity mask, not the machine: under taskset or a container's cpuset, more threads
  // than cores only add switching.
  if (sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) > 0)
    return static_cast<unsigned>(CPU_COUNT(&cpus));
  return std::max(1u, std::thread::hardware_concurrency());
}

void Server::run() {
  const unsigned count = thread_count(state_->config());
  auto work = [this] {
    // A handler that throws ends its task, not the server: log it and keep serving.
    for (;;) {
      try {
        ioc_.run();
        return;
      } catch (const std::exception& error) {
        state_->log().write(LogLevel::warn, LogLine().add("event", "handler_exception").add("error", error.what()));
      }
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(count - 1);
  for (unsigned i = 1; i < count; ++i) threads.emplace_back(work);
  work();
  for (auto& thread : threads) thread.join();
  state_->log().write(LogLevel::info, LogLine().add("event", "stopped"));
}

void Server::stop() {
  net::post(strand_, [this] {
    if (stopping_) return;
    stopping_ = true;
    state_->log().write(LogLevel::info, LogLine().add("event", "shutting_down"));
    boost::system::error_code ignored;
    signals_.cancel(ignored);
    listener_->shutdown();
    deadline_.expires_after(state_->config().shutdown_grace);
    deadline_.async_wait([this](boost::system::error_code ec) {
      if (ec) return;  // cancelled: every connection closed in time
      state_->log().write(LogLevel::warn, LogLine().add("event", "shutdown_grace_expired"));
      ioc_.stop();
    });
    // Once every connection has closed, stop the io_context rather than wait for it to run
    // out of work: other adapters (Slack's Socket Mode) keep connections of their own open.
    state_->begin_shutdown([this] {
      net::post(strand_, [this] {
        deadline_.cancel();
        ioc_.stop();
      });
    });
  });
}

}  // namespace adapters::server
