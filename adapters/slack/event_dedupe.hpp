// Remembers which keys were already accepted, so that what Slack retries (an event id:
// X-Slack-Retry-Num 1–3, the last about 5 minutes after the first) or what someone replays
// within a signature's 5 minutes (a message's team, channel and ts; a request's signature) is
// answered once.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

namespace adapters::slack {

// Bounded (at most `capacity` keys; the oldest go first) and expiring (a key is forgotten
// `ttl` after it was first seen). Thread safety: every member may be called concurrently.
class EventDedupe {
 public:
  using Clock = std::chrono::steady_clock;

  EventDedupe(std::size_t capacity, Clock::duration ttl);

  // True the first time `key` is offered within the ttl, false for a repeat.
  bool first_time(std::string_view key, Clock::time_point now = Clock::now());

 private:
  struct Entry {
    std::string id;
    Clock::time_point seen;
  };

  void forget_old(Clock::time_point now);

  const std::size_t capacity_;
  const Clock::duration ttl_;
  std::mutex mutex_;
  std::deque<Entry> order_;  // oldest first
  std::unordered_set<std::string> ids_;
};

}  // namespace adapters::slack
