// A ConversationStore in process memory: bounded in count, with an idle expiry.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "bot/conversation_store.hpp"

namespace bot {

// Keeps at most `capacity` conversations; one not saved or loaded for `idle_expiry` is gone
// (load() returns empty). When full, save() of a new key evicts the least recently used one.
// Memory is bounded by capacity whatever the traffic: expired entries are dropped as the
// store is used, with no timer thread.
// Thread safety: every member may be called from any number of threads (one mutex; the
// critical sections are a hash lookup and a copy of a small value).
class MemoryConversationStore final : public ConversationStore {
 public:
  using Clock = std::chrono::steady_clock;

  // `now` lets tests drive time; it must be thread-safe. Precondition: capacity > 0.
  MemoryConversationStore(std::size_t capacity, Clock::duration idle_expiry,
                          std::function<Clock::time_point()> now = &Clock::now);

  std::optional<Conversation> load(std::string_view key) override;
  void save(std::string_view key, const Conversation& conversation) override;
  void erase(std::string_view key) override;

  // The number of conversations held, expired ones not yet dropped included.
  std::size_t size() const;

 private:
  struct Entry {
    std::string key;
    Conversation conversation;
    Clock::time_point touched;
  };
  using Recency = std::list<Entry>;  // most recently used first

  // Hash and compare as string_view so lookups need no std::string of the key.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };

  void drop_expired(Clock::time_point now);  // requires mutex_ held

  const std::size_t capacity_;
  const Clock::duration idle_expiry_;
  const std::function<Clock::time_point()> now_;
  mutable std::mutex mutex_;
  Recency recency_;
  std::unordered_map<std::string, Recency::iterator, Hash, std::equal_to<>> index_;
};

}  // namespace bot
