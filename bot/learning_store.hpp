// The learning loop's SQLite file (--learning-db): its own file beside the knowledge base, which
// stays read-only. Bounded by age (retention) and by a row cap, so it never fills a disk.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "bot/learning_log.hpp"

namespace bot {

struct LearningLimits {
  std::chrono::days retention{30};  // rows older than this are deleted
  std::size_t max_rows = 1'000'000;  // answers kept at most (and as many feedback rows), oldest go first
};

// Thread safety: every member may be called from any thread; one mutex serializes them (the
// writer thread's batches and the rare admin reads). Throws std::runtime_error when the file
// cannot be opened or written; a message never contains a question.
class LearningStore final : public LearningLog {
 public:
  // Opens `path`, creating it and its tables when missing (and its folder's file, not the folder).
  LearningStore(const std::filesystem::path& path, LearningLimits limits);
  ~LearningStore() override;
  LearningStore(const LearningStore&) = delete;
  LearningStore& operator=(const LearningStore&) = delete;

  // Writes `events` in one transaction.
  void write(const std::vector<LearningEvent>& events) override;
  // Deletes what is older than the retention before `now`, then the oldest rows beyond the cap.
  void prune(std::chrono::system_clock::time_point now) override;

  // Since `since`: the groups of recorded questions, most frequent first (then the latest first).
  std::vector<UnansweredGroup> unanswered(std::chrono::system_clock::time_point since, std::size_t limit) override;
  // Since `since`: the feedback, latest first.
  std::vector<FeedbackEntry> feedback(std::chrono::system_clock::time_point since, std::size_t limit) override;
  // Since `since`: one entry per UTC day with an answer or feedback, oldest first.
  std::vector<DayStats> stats(std::chrono::system_clock::time_point since) override;

  std::uint64_t answer_rows();
  const LearningLimits& limits() const { return limits_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::mutex mutex_;
  const LearningLimits limits_;
};

}  // namespace bot
