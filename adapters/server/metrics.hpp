// The server's counters, exposed at GET /metrics in the Prometheus text format (0.0.4).
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "bot/conversation_store.hpp"
#include "bot/engine_holder.hpp"
#include "bot/knowledge_reloader.hpp"
#include "bot/learning_recorder.hpp"

namespace adapters::server {

// Thread safety: every member may be called from any thread. Plain counts are atomics; the
// labelled ones take a short mutex (a map update), never held across I/O.
class Metrics {
 public:
  // Read at each render(), each may be null: `sessions`' health() (its up gauge and error
  // counter), `engines`' generation, `reloader`'s counts and last result, `learning`'s counts.
  explicit Metrics(std::shared_ptr<const bot::ConversationStore> sessions = nullptr,
                   std::shared_ptr<const bot::EngineHolder> engines = nullptr,
                   std::shared_ptr<const bot::KnowledgeReloader> reloader = nullptr,
                   std::shared_ptr<const bot::LearningRecorder> learning = nullptr)
      : sessions_(std::move(sessions)),
        engines_(std::move(engines)),
        reloader_(std::move(reloader)),
        learning_(std::move(learning)) {}

  // One HTTP request answered (`route` is a fixed route name, never a raw path, so the
  // number of series stays bounded).
  void count_request(std::string_view route, unsigned status);
  // One answer of the engine, over any route.
  void count_answer(std::string_view intent, std::chrono::nanoseconds took);
  // One message or request turned away; `reason` is one of a fixed set (see protocol.md).
  void count_rejected(std::string_view reason);
  void websocket_opened() { websockets_.fetch_add(1, std::memory_order_relaxed); }
  void websocket_closed() { websockets_.fetch_sub(1, std::memory_order_relaxed); }
  void connection_opened() { connections_.fetch_add(1, std::memory_order_relaxed); }
  void connection_closed() { connections_.fetch_sub(1, std::memory_order_relaxed); }
  // Connections beyond max_connections kept for health, readiness and metrics.
  void reserve_connection_opened() { reserve_connections_.fetch_add(1, std::memory_order_relaxed); }
  void reserve_connection_closed() { reserve_connections_.fetch_sub(1, std::memory_order_relaxed); }

  std::int64_t open_websockets() const { return websockets_.load(std::memory_order_relaxed); }
  std::int64_t open_connections() const { return connections_.load(std::memory_order_relaxed); }
  std::int64_t open_reserve_connections() const { return reserve_connections_.load(std::memory_order_relaxed); }

  // The exposition text.
  std::string render() const;

 private:
  // Upper bounds of the latency buckets, in seconds (+Inf is implicit).
  static constexpr std::array<double, 13> kBuckets{0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                   0.01,    0.025,  0.05,    0.1,    0.25,   1.0};
  static constexpr std::array<std::string_view, kBuckets.size()> kBucketLabels{
      "0.00005", "0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005",
      "0.01",    "0.025",  "0.05",    "0.1",    "0.25",   "1"};

  void render_knowledge(std::string& out) const;
  void render_learning(std::string& out) const;

  const std::shared_ptr<const bot::ConversationStore> sessions_;
  const std::shared_ptr<const bot::EngineHolder> engines_;
  const std::shared_ptr<const bot::KnowledgeReloader> reloader_;
  const std::shared_ptr<const bot::LearningRecorder> learning_;
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, unsigned>, std::uint64_t> requests_;
  std::map<std::string, std::uint64_t, std::less<>> answers_;
  std::map<std::string, std::uint64_t, std::less<>> rejected_;

  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> latency_buckets_{};
  std::atomic<std::uint64_t> latency_count_{0};
  std::atomic<std::uint64_t> latency_sum_ns_{0};
  std::atomic<std::uint64_t> fallbacks_{0};
  std::atomic<std::int64_t> websockets_{0};
  std::atomic<std::int64_t> connections_{0};
  std::atomic<std::int64_t> reserve_connections_{0};
};

}  // namespace adapters::server
