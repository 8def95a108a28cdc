#include "adapters/server/shared_state.hpp"

namespace adapters::server {

SharedState::SharedState(ServerConfig config, std::shared_ptr<const bot::Assistant> assistant,
                         std::vector<std::shared_ptr<HttpHandler>> handlers,
                         std::shared_ptr<bot::KnowledgeReloader> reloader)
    : config_(std::move(config)),
      assistant_(std::move(assistant)),
      reloader_(std::move(reloader)),
      handlers_(std::move(handlers)),
      origins_(config_.allowed_origins, config_.public_origins),
      log_(config_.log_level),
      metrics_(assistant_->store(), assistant_->engines(), reloader_, assistant_->learning()),
      clients_({config_.max_tracked_clients, config_.max_client_connections, config_.http_rate_per_second,
                config_.http_rate_burst},
               config_.max_connections + config_.reserve_connections) {}

SharedState::SharedState(ServerConfig config, std::shared_ptr<const bot::EngineHolder> engines,
                         std::shared_ptr<bot::ConversationStore> store,
                         std::vector<std::shared_ptr<HttpHandler>> handlers,
                         std::shared_ptr<bot::KnowledgeReloader> reloader,
                         std::shared_ptr<bot::LearningRecorder> learning)
    : SharedState(std::move(config),
                  std::make_shared<const bot::Assistant>(std::move(engines), std::move(store), std::move(learning)),
                  std::move(handlers), std::move(reloader)) {}

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
