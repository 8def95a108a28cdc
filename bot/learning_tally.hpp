// The learning lists computed in memory from the events as they were written, for a store that
// keeps the events themselves (the Redis stream replicas share) rather than tables to query.
// Gives the same lists as the SQLite store's queries for the same events.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "bot/learning_log.hpp"

namespace bot {

// The value at `fraction` (0.5 for the median) of `sorted_us` (microseconds, ascending), in
// milliseconds, by nearest rank; 0 when empty.
double latency_percentile_ms(const std::vector<std::int64_t>& sorted_us, double fraction);

// Not thread-safe: one per read.
class LearningTally {
 public:
  // Adds one event; events must come in the order they were written (a later answer with the
  // same id is ignored, later feedback on an answer replaces the earlier).
  void add(const LearningEvent& event);

  std::vector<UnansweredGroup> unanswered(std::chrono::system_clock::time_point since, std::size_t limit) const;
  std::vector<FeedbackEntry> feedback(std::chrono::system_clock::time_point since, std::size_t limit) const;
  std::vector<DayStats> stats(std::chrono::system_clock::time_point since) const;

 private:
  struct Kept {
    AnsweredTurn turn;     // its question only when it has a miss or feedback
    std::uint64_t order;   // when it was added, to order answers of the same time
  };
  std::unordered_map<std::string, Kept> answers_;
  std::unordered_map<std::string, Feedback> feedback_;
  std::uint64_t added_ = 0;
};

}  // namespace bot
