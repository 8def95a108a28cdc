// The learning loop's SQLite file (--learning-db): its own file beside the knowledge base, which
// stays read-only. Bounded by age (retention) and by a row cap, so it never fills a disk.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "bot/learning_record.hpp"

namespace bot {

// One event for the store: an answer, or feedback on one (with the answer, so that the question
// of a 👎 is kept even when the answer itself was not worth recording).
struct FeedbackEvent {
  AnsweredTurn turn;
  Feedback feedback;
};
using LearningEvent = std::variant<AnsweredTurn, FeedbackEvent>;

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

struct LearningLimits {
  std::chrono::days retention{30};  // rows older than this are deleted
  std::size_t max_rows = 1'000'000;  // answers kept at most (and as many feedback rows), oldest go first
};

// Thread safety: every member may be called from any thread; one mutex serializes them (the
// writer thread's batches and the rare admin reads). Throws std::runtime_error when the file
// cannot be opened or written; a message never contains a question.
class LearningStore {
 public:
  // Opens `path`, creating it and its tables when missing (and its folder's file, not the folder).
  LearningStore(const std::filesystem::path& path, LearningLimits limits);
  ~LearningStore();
  LearningStore(const LearningStore&) = delete;
  LearningStore& operator=(const LearningStore&) = delete;

  // Writes `events` in one transaction.
  void write(const std::vector<LearningEvent>& events);
  // Deletes what is older than the retention before `now`, then the oldest rows beyond the cap.
  void prune(std::chrono::system_clock::time_point now);

  // Since `since`: the groups of recorded questions, most frequent first (then the latest first).
  std::vector<UnansweredGroup> unanswered(std::chrono::system_clock::time_point since, std::size_t limit);
  // Since `since`: the feedback, latest first.
  std::vector<FeedbackEntry> feedback(std::chrono::system_clock::time_point since, std::size_t limit);
  // Since `since`: one entry per UTC day with an answer or feedback, oldest first.
  std::vector<DayStats> stats(std::chrono::system_clock::time_point since);

  std::uint64_t answer_rows();
  const LearningLimits& limits() const { return limits_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::mutex mutex_;
  const LearningLimits limits_;
};

}  // namespace bot
