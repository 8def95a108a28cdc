// Where the learning loop keeps its records, and the lists read back from them: an SQLite file
// of the server's own (bot/learning_store.hpp), or a store shared by replicas (Redis, in
// adapters/sessions/). The recorder writes to it from a thread of its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bot/learning_record.hpp"

namespace bot {

// One event for the store: an answer, or feedback on one (with the answer, so that the question
// of a 👎 is kept even when the answer itself was not worth recording). An answer comes with its
// question; a store keeps the question only when the answer has a miss, except that a store
// shared by replicas keeps it a short while for feedback sent to another replica.
// An answer is shared (by the recorder's recent answers and its queue) rather than copied: the
// thread that answered pays for one copy of its parts.
struct FeedbackEvent {
  AnsweredTurn turn;
  Feedback feedback;
};
using SharedTurn = std::shared_ptr<const AnsweredTurn>;
using LearningEvent = std::variant<SharedTurn, FeedbackEvent>;

// Questions that got the same normalized text, with one example (the latest).
struct UnansweredGroup {
  std::string normalized;
  std::uint64_t count = 0;
  std::chrono::system_clock::time_point first_seen, last_seen;
  std::string example;       // the latest question of the group, as asked
  std::string intent;        // the bot's guess for it, and its confidence
  double confidence = 0;
  std::string miss;          // why it is listed: out_of_scope, low_confidence, clarify, unhelpful
  std::string sources_json;  // the answer's sources
};

struct FeedbackEntry {
  std::string answer_id;
  std::chrono::system_clock::time_point at;
  bool helpful = false;
  std::string comment;
  // The answer it judges; empty when that row was pruned before the feedback.
  std::string question, intent, channel, sources_json;
  double confidence = 0;
};

// One UTC day of traffic.
struct DayStats {
  std::string day;  // YYYY-MM-DD
  std::uint64_t questions = 0;
  std::map<std::string, std::uint64_t> intents;
  std::uint64_t out_of_scope = 0;
  std::uint64_t feedback = 0, helpful = 0;
  double latency_p50_ms = 0, latency_p90_ms = 0, latency_p99_ms = 0;
};

// Thread safety: every member may be called from any thread. Failures throw
// std::runtime_error whose message never contains a question.
class LearningLog {
 public:
  virtual ~LearningLog() = default;

  // Keeps `events` (the recorder's batch, oldest first).
  virtual void write(const std::vector<LearningEvent>& events) = 0;
  // Drops what the store's bounds say is too old or too much, as of `now`.
  virtual void prune(std::chrono::system_clock::time_point now) = 0;

  // Since `since`: the groups of recorded questions, most frequent first (then the latest first).
  virtual std::vector<UnansweredGroup> unanswered(std::chrono::system_clock::time_point since, std::size_t limit) = 0;
  // Since `since`: the feedback, latest first.
  virtual std::vector<FeedbackEntry> feedback(std::chrono::system_clock::time_point since, std::size_t limit) = 0;
  // Since `since`: one entry per UTC day with an answer or feedback, oldest first.
  virtual std::vector<DayStats> stats(std::chrono::system_clock::time_point since) = 0;

  // An answer this process does not remember, as another replica recorded it for feedback
  // (with its question); empty when no replica did or it expired. A store of one process has
  // nothing more than the recorder remembers: empty. Called from the threads that take
  // feedback, so a shared store answers within a short timeout.
  virtual std::optional<AnsweredTurn> recent_answer(std::string_view answer_id) {
    static_cast<void>(answer_id);
    return std::nullopt;
  }
};

}  // namespace bot
