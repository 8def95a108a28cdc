#include "adapters/server/shared_state.hpp"

namespace adapters::server {

SharedState::SharedState(ServerConfig config, std::shared_ptr<const bot::EngineHolder> engines,
                         std::shared_ptr<bot::ConversationStore> store,
                         std::vector<std::shared_ptr<HttpHandler>> handlers,
                         std::shared_ptr<bot::KnowledgeReloader> reloader,
                         std::shared_ptr<bot::LearningRecorder> learning)
    : config_(std::move(config)),
      engines_(engines ? std::move(engines) : std::make_shared<const bot::EngineHolder>(nullptr)),
      reloader_(std::move(reloader)),
      learning_(std::move(learning)),
      store_(std::move(store)),
      handlers_(std::move(handlers)),
      origins_(config_.allowed_origins, config_.public_origins),
      log_(config_.log_level),
      metrics_(store_, engines_, reloader_, learning_),
      clients_({config_.max_tracked_clients, config_.max_client_connections, config_.http_rate_per_second,
                config_.http_rate_burst},
               config_.max_connections + config_.reserve_connections) {}

bool SharedState::join(const std::shared_ptr<Closable>& session) {
  std::lock_guard lock(sessions_mutex_);
  if (stopping()) return false;
  sessions_.emplace(session.get(), session);
  return true;
}

void SharedState::leave(const Closable* session) {
  std::function<void()> drained;
  {
    std::lock_guard lock(sessions_mutex_);
    if (sessions_.erase(session) == 0) return;
    if (stopping() && sessions_.empty()) drained = std::move(on_drained_);
  }
  if (drained) drained();
}

void SharedState::begin_shutdown(std::function<void()> on_drained) {
  std::vector<std::shared_ptr<Closable>> live;
  {
    std::lock_guard lock(sessions_mutex_);
    if (stopping()) return;
    stopping_.store(true, std::memory_order_release);
    for (const auto& [key, weak] : sessions_)
      if (auto session = weak.lock()) live.push_back(std::move(session));
    if (sessions_.empty()) {
      on_drained();
      return;
    }
    on_drained_ = std::move(on_drained);
  }
  // Outside the lock: a session's shutdown() may end up in leave().
  for (const auto& session : live) session->shutdown();
}

}  // namespace adapters::server
