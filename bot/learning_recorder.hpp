// The learning loop's one entry point: every adapter calls answered() where it answers a turn,
// and feedback() when a person judges an answer. Writes go to the LearningLog on a thread of
// their own, in batches, so the threads that answer never wait for a disk.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "bot/answer.hpp"
#include "bot/confidence.hpp"
#include "bot/learning_log.hpp"
#include "bot/learning_record.hpp"

namespace bot {

struct LearningOptions {
  double min_confidence = kUnsureBelow;  // an answer below it is recorded as low_confidence
  std::size_t queue_limit = 10'000;     // events waiting for the writer; more are dropped and counted
  std::size_t recent_answers = 10'000;  // answers feedback may name (the latest ones, kept in memory)
  std::size_t batch = 512;              // events written in one transaction at most
  std::chrono::milliseconds flush_interval{500};  // the longest an event waits for its batch
  std::chrono::seconds prune_interval{600};       // how often retention and the row cap are applied
};

// Counts for /metrics.
struct LearningCounters {
  std::uint64_t queued = 0;        // events accepted
  std::uint64_t dropped = 0;       // events refused because the queue was full
  std::uint64_t written = 0;       // events in the file
  // Events lost because the store failed: a write failed, or (a store shared by replicas) it
  // could not be asked for the answer feedback named.
  std::uint64_t write_errors = 0;
};

enum class FeedbackOutcome { recorded, unknown_answer, dropped };

// Thread safety: answered(), feedback() and counters() may be called from any number of
// threads at once; they take a short mutex and never touch the file.
class LearningRecorder {
 public:
  // Starts the writer thread. `store` must not be null.
  LearningRecorder(std::shared_ptr<LearningLog> store, LearningOptions options);
  // Writes what is queued, then stops the writer.
  ~LearningRecorder();
  LearningRecorder(const LearningRecorder&) = delete;
  LearningRecorder& operator=(const LearningRecorder&) = delete;

  // One answered turn: remembered for feedback, and queued for the store (with the question
  // only when it is worth a look: out of scope, a clarifying question, below min_confidence).
  void answered(Channel channel, std::string_view question, const Answer& answer, std::chrono::nanoseconds took);

  // A person's verdict on the answer `answer_id` names; `comment` is cut at
  // kMaxFeedbackCommentBytes. unknown_answer: not one of the recent answers, here or (a store
  // shared by replicas) in the store, which is then asked within its timeout; dropped: the
  // queue is full or that store cannot be reached.
  FeedbackOutcome feedback(std::string_view answer_id, bool helpful, std::string_view comment);

  // Waits until every event queued before the call is written (or lost to an error).
  void flush();

  LearningCounters counters() const;
  LearningLog& store() const { return *store_; }
  const LearningOptions& options() const { return options_; }

 private:
  void remember(const SharedTurn& turn);  // under mutex_
  bool enqueue(LearningEvent event);      // under mutex_
  void run();

  const std::shared_ptr<LearningLog> store_;
  const LearningOptions options_;

  mutable std::mutex mutex_;
  std::condition_variable wake_, written_;
  std::vector<LearningEvent> queue_;
  // The latest answers, oldest first, and the same by answer id (views of their own ids). The
  // queue shares them: an answer is copied once, by the thread that answered.
  std::deque<SharedTurn> recent_order_;
  std::unordered_map<std::string_view, const AnsweredTurn*> recent_;
  std::uint64_t queued_ = 0, dropped_ = 0, done_ = 0, write_errors_ = 0;  // done_: written or lost
  std::uint64_t unavailable_ = 0;  // feedback lost because the store could not be asked
  bool flush_wanted_ = false;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace bot
