#include "adapters/server/metrics.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace adapters::server {
namespace {

template <class Map>
void increment(Map& map, std::string_view key) {
  if (auto found = map.find(key); found != map.end())
    ++found->second;
  else
    map.emplace(std::string(key), 1);
}

void header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

std::string seconds_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9f", value);
  return text;
}

}  // namespace

void Metrics::count_request(std::string_view route, unsigned status) {
  std::lock_guard lock(mutex_);
  ++requests_[{std::string(route), status}];
}

void Metrics::count_answer(std::string_view intent, std::chrono::nanoseconds took) {
  const double seconds = std::chrono::duration<double>(took).count();
  const auto bucket = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin();
  latency_buckets_[static_cast<std::size_t>(bucket)].fetch_add(1, std::memory_order_relaxed);
  latency_count_.fetch_add(1, std::memory_order_relaxed);
  latency_sum_ns_.fetch_add(static_cast<std::uint64_t>(took.count()), std::memory_order_relaxed);
  if (intent == "out_of_scope") fallbacks_.fetch_add(1, std::memory_order_relaxed);
  std::lock_guard lock(mutex_);
  increment(answers_, intent);
}

void Metrics::count_rejected(std::string_view reason) {
  std::lock_guard lock(mutex_);
  increment(rejected_, reason);
}

std::string Metrics::render() const {
  std::string out;
  {
    std::lock_guard lock(mutex_);
    header(out, "mlops_bot_http_requests_total", "counter", "HTTP requests answered, by route and status.");
    for (const auto& [key, count] : requests_)
      out.append("mlops_bot_http_requests_total{route=\"").append(key.first).append("\",status=\"")
          .append(std::to_string(key.second)).append("\"} ").append(std::to_string(count)).append("\n");
    header(out, "mlops_bot_answers_total", "counter", "Answers given, by intent.");
    for (const auto& [intent, count] : answers_)
      out.append("mlops_bot_answers_total{intent=\"").append(intent).append("\"} ")
          .append(std::to_string(count)).append("\n");
    header(out, "mlops_bot_rejected_messages_total", "counter",
           "Messages and requests turned away, by reason.");
    for (const auto& [reason, count] : rejected_)
      out.append("mlops_bot_rejected_messages_total{reason=\"").append(reason).append("\"} ")
          .append(std::to_string(count)).append("\n");
  }
  header(out, "mlops_bot_answer_latency_seconds", "histogram", "Time to answer one question.");
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < latency_buckets_.size(); ++i) {
    cumulative += latency_buckets_[i].load(std::memory_order_relaxed);
    const std::string_view bound = i < kBuckets.size() ? kBucketLabels[i] : "+Inf";
    out.append("mlops_bot_answer_latency_seconds_bucket{le=\"").append(bound).append("\"} ")
        .append(std::to_string(cumulative)).append("\n");
  }
  out.append("mlops_bot_answer_latency_seconds_sum ")
      .append(seconds_text(static_cast<double>(latency_sum_ns_.load(std::memory_order_relaxed)) / 1e9)).append("\n");
  out.append("mlops_bot_answer_latency_seconds_count ")
      .append(std::to_string(latency_count_.load(std::memory_order_relaxed))).append("\n");
  header(out, "mlops_bot_fallbacks_total", "counter", "Answers that fell back to out_of_scope.");
  out.append("mlops_bot_fallbacks_total ").append(std::to_string(fallbacks_.load(std::memory_order_relaxed))).append("\n");
  header(out, "mlops_bot_websocket_connections", "gauge", "Open WebSocket connections.");
  out.append("mlops_bot_websocket_connections ").append(std::to_string(open_websockets())).append("\n");
  header(out, "mlops_bot_connections", "gauge", "Open TCP connections, HTTP and WebSocket.");
  out.append("mlops_bot_connections ").append(std::to_string(open_connections())).append("\n");
  header(out, "mlops_bot_reserve_connections", "gauge",
         "Open connections beyond the connection limit, kept for health, readiness and metrics.");
  out.append("mlops_bot_reserve_connections ").append(std::to_string(open_reserve_connections())).append("\n");
  if (sessions_) {
    const auto health = sessions_->health();
    header(out, "mlops_bot_session_store_up", "gauge",
           "Whether the conversation store's last operation succeeded (1) or not (0).");
    out.append("mlops_bot_session_store_up ").append(health.up ? "1" : "0").append("\n");
    header(out, "mlops_bot_session_store_errors_total", "counter",
           "Conversation store operations that failed, or were skipped while it was unreachable.");
    out.append("mlops_bot_session_store_errors_total ").append(std::to_string(health.errors)).append("\n");
  }
  render_knowledge(out);
  render_learning(out);
  return out;
}

void Metrics::render_learning(std::string& out) const {
  if (!learning_) return;
  const auto counters = learning_->counters();
  for (const auto& [name, help, value] :
       {std::tuple{"mlops_bot_learning_records_total", "Answers and feedback queued for the learning database.",
                   counters.queued},
        std::tuple{"mlops_bot_learning_dropped_total",
                   "Answers and feedback not recorded because the learning queue was full.", counters.dropped},
        std::tuple{"mlops_bot_learning_written_total", "Answers and feedback written to the learning database.",
                   counters.written},
        std::tuple{"mlops_bot_learning_write_errors_total",
                   "Answers and feedback lost because the learning store failed: a write to the file failed, or "
                   "the Redis replicas share was unavailable.",
                   counters.write_errors}}) {
    header(out, name, "counter", help);
    out.append(name).append(" ").append(std::to_string(value)).append("\n");
  }
}

void Metrics::render_knowledge(std::string& out) const {
  if (engines_) {
    header(out, "mlops_bot_knowledge_generation", "gauge",
           "The knowledge snapshot answering: 1 at start, one more for each reload that succeeded.");
    out.append("mlops_bot_knowledge_generation ").append(std::to_string(engines_->generation())).append("\n");
  }
  if (!reloader_) return;
  const auto status = reloader_->status();
  header(out, "mlops_bot_knowledge_reloads_total", "counter", "Knowledge reloads finished, by outcome.");
  out.append("mlops_bot_knowledge_reloads_total{status=\"ok\"} ").append(std::to_string(status.succeeded)).append("\n");
  out.append("mlops_bot_knowledge_reloads_total{status=\"failed\"} ")
      .append(std::to_string(status.failed))
      .append("\n");
  header(out, "mlops_bot_knowledge_reload_running", "gauge", "Whether a knowledge reload is running (1) or not (0).");
  out.append("mlops_bot_knowledge_reload_running ").append(status.running ? "1" : "0").append("\n");
  if (!status.last) return;  // no reload yet: neither a last status nor a time
  header(out, "mlops_bot_knowledge_reload_last_status", "gauge",
         "Whether the last knowledge reload succeeded (1) or failed and left the old snapshot answering (0).");
  out.append("mlops_bot_knowledge_reload_last_status ").append(status.last->ok ? "1" : "0").append("\n");
  header(out, "mlops_bot_knowledge_reload_last_timestamp_seconds", "gauge",
         "When the last knowledge reload finished, in seconds since the Unix epoch.");
  const auto finished = std::chrono::duration<double>(status.last->finished.time_since_epoch()).count();
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", finished);
  out.append("mlops_bot_knowledge_reload_last_timestamp_seconds ").append(text).append("\n");
}

}  // namespace adapters::server
