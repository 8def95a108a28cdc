// What every connection of the server shares: settings, the engine snapshot and its reloader,
// the conversation store, the HTTP handlers of other adapters, metrics, the log, the per-client
// limits, and the list of live sessions that a graceful shutdown must close.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "adapters/common/http_handler.hpp"
#include "adapters/server/client_table.hpp"
#include "adapters/server/connection_slot.hpp"
#include "adapters/common/json_log.hpp"
#include "adapters/server/metrics.hpp"
#include "adapters/server/origin_policy.hpp"
#include "adapters/server/server_config.hpp"
#include "bot/assistant.hpp"
#include "bot/conversation_store.hpp"
#include "bot/engine_holder.hpp"
#include "bot/knowledge_reloader.hpp"
#include "bot/learning_recorder.hpp"

namespace adapters::server {

// A live connection that a shutdown must end. shutdown() may be called from any thread
// (an implementation posts to its own strand) and more than once.
class Closable {
 public:
  virtual ~Closable() = default;
  virtual void shutdown() = 0;
};

// Thread safety: every member may be called from any thread. The assistant, reloader,
// handlers and settings are fixed at construction; the snapshot its engine holder gives
// changes with each reload.
class SharedState {
 public:
  // `assistant` (not null) answers every question; its engine holder may hold no engine: the
  // server then answers /readyz and questions with 503. `reloader` may be null: nothing
  // reloads, and /admin/reload is absent.
  SharedState(ServerConfig config, std::shared_ptr<const bot::Assistant> assistant,
              std::vector<std::shared_ptr<HttpHandler>> handlers,
              std::shared_ptr<bot::KnowledgeReloader> reloader = nullptr);
  // The same with an assistant of `engines` (may be null), `store` and `learning` (may be null:
  // --learning off, nothing is recorded, feedback is not kept), whose turns run on the caller's thread.
  SharedState(ServerConfig config, std::shared_ptr<const bot::EngineHolder> engines,
              std::shared_ptr<bot::ConversationStore> store, std::vector<std::shared_ptr<HttpHandler>> handlers,
              std::shared_ptr<bot::KnowledgeReloader> reloader = nullptr,
              std::shared_ptr<bot::LearningRecorder> learning = nullptr);

  const ServerConfig& config() const { return config_; }
  // Where every conversation turn happens (bot/assistant.hpp).
  const bot::Assistant& assistant() const { return *assistant_; }
  const bot::EngineHolder& engines() const { return *assistant_->engines(); }
  bot::KnowledgeReloader* reloader() const { return reloader_.get(); }
  // Where answered turns and feedback go; null when learning is off.
  bot::LearningRecorder* learning() const { return assistant_->learning().get(); }
  const std::vector<std::shared_ptr<HttpHandler>>& handlers() const { return handlers_; }
  const OriginPolicy& origins() const { return origins_; }
  Metrics& metrics() { return metrics_; }
  const JsonLog& log() const { return log_; }
  // The per-client connection counts and POST /v1/ask buckets (config's per-client limits).
  ClientTable& clients() { return clients_; }

  bool ready() const { return engines().generation() > 0 && !stopping(); }
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }

  // Registers a live session so a shutdown reaches it. False when the shutdown has begun:
  // the caller should then close at once.
  bool join(const std::shared_ptr<Closable>& session);
  // Called from the session's destructor.
  void leave(const Closable* session);

  // Marks the server stopping and asks every registered session to close; `on_drained` runs
  // (on whichever thread the last session leaves from, or at once) when none is left.
  void begin_shutdown(std::function<void()> on_drained);

 private:
  const ServerConfig config_;
  const std::shared_ptr<const bot::Assistant> assistant_;
  const std::shared_ptr<bot::KnowledgeReloader> reloader_;
  const std::vector<std::shared_ptr<HttpHandler>> handlers_;
  const OriginPolicy origins_;
  const JsonLog log_;
  Metrics metrics_;
  ClientTable clients_;

  std::atomic<bool> stopping_{false};
  std::mutex sessions_mutex_;
  std::unordered_map<const Closable*, std::weak_ptr<Closable>> sessions_;
  std::function<void()> on_drained_;
};

}  // namespace adapters::server
