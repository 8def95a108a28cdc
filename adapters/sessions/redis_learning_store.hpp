// The learning loop's records in Redis, so that every replica of the server records to one place
// and the admin views and `mlops-bot review` of any of them show all of them.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/sessions/redis_endpoint.hpp"
#include "bot/learning_log.hpp"

namespace adapters::sessions {

namespace internal {
class RedisConnection;
}

struct RedisLearningOptions {
  RedisEndpoint endpoint;
  // The stream is key_prefix + "records"; an answer kept for feedback is key_prefix + "answer:" + its id.
  std::string key_prefix = "mlops-bot:learn:";
  // Entries the stream keeps at most, the oldest trimmed first (XADD MAXLEN ~, so a few more
  // between prunes; exactly this many after each prune).
  std::size_t max_entries = 1'000'000;
  // Entries older than this (by their stream id, Redis's clock) are trimmed at each prune.
  std::chrono::days retention{30};
  // How long an answer, with its question, can be judged on another replica (SET ... EX).
  std::chrono::seconds answer_expiry{1800};
  // As for the conversation store: Redis answers in well under 1 ms, so these are short.
  std::chrono::milliseconds connect_timeout{200};
  std::chrono::milliseconds command_timeout{200};
  // After a connection fails, writes and look-ups fail at once for this long instead of each
  // waiting for Redis again.
  std::chrono::milliseconds retry_interval{1000};
  // Stream entries read per round trip by the admin views and review.
  std::size_t read_batch = 5000;
};

// Every event is one entry of a capped stream (XADD key MAXLEN ~ max_entries * r JSON), the
// JSON holding the answer (its question only when it has a miss) or the feedback with its
// answer. Every answer is also kept with its question for answer_expiry under its own key, so
// that feedback sent to another replica finds it (recent_answer). The lists are computed from
// the stream's entries since the time asked (bot/learning_tally.hpp).
//
// While Redis is unreachable, write(), prune(), the reads and recent_answer() throw
// std::runtime_error at once (after the first failure, for retry_interval), so the recorder
// counts the records as lost and answering never waits; `on_change` is told once when the
// store starts failing and once when it works again.
//
// Thread safety: every member may be called from any thread: writes and prunes share one
// connection, look-ups another, and each read opens its own.
class RedisLearningStore final : public bot::LearningLog {
 public:
  using HealthListener = std::function<void(bool up, std::string_view reason)>;

  // Does not connect: the first write does. Throws std::invalid_argument for a zero cap, an
  // expiry under 1 s or a timeout that is not positive.
  explicit RedisLearningStore(RedisLearningOptions options, HealthListener on_change = {});
  ~RedisLearningStore() override;

  void write(const std::vector<bot::LearningEvent>& events) override;
  // Trims the stream to the retention (XTRIM MINID) and to max_entries (XTRIM MAXLEN), exactly.
  void prune(std::chrono::system_clock::time_point now) override;
  std::vector<bot::UnansweredGroup> unanswered(std::chrono::system_clock::time_point since,
                                               std::size_t limit) override;
  std::vector<bot::FeedbackEntry> feedback(std::chrono::system_clock::time_point since, std::size_t limit) override;
  std::vector<bot::DayStats> stats(std::chrono::system_clock::time_point since) override;
  std::optional<bot::AnsweredTurn> recent_answer(std::string_view answer_id) override;

  const RedisLearningOptions& options() const { return options_; }

 private:
  class Link;
  // The stream's events since `since` (with a margin for replicas' clocks), oldest first.
  std::vector<bot::LearningEvent> read_since(std::chrono::system_clock::time_point since);
  void failed(std::string_view reason);
  void succeeded();

  const RedisLearningOptions options_;
  const std::string stream_key_, max_entries_, answer_expiry_;
  const HealthListener on_change_;
  std::unique_ptr<Link> writer_, lookup_;
  std::mutex health_mutex_;
  bool up_ = true;  // guarded by health_mutex_
};

}  // namespace adapters::sessions
