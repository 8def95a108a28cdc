#include "bot/memory_conversation_store.hpp"

#include <stdexcept>

namespace bot {

MemoryConversationStore::MemoryConversationStore(std::size_t capacity, Clock::duration idle_expiry,
                                                 std::function<Clock::time_point()> now)
    : capacity_(capacity), idle_expiry_(idle_expiry), now_(std::move(now)) {
  if (capacity_ == 0) throw std::invalid_argument("MemoryConversationStore: capacity must be positive");
}

std::optional<Conversation> MemoryConversationStore::load(std::string_view key) {
  const auto now = now_();
  std::lock_guard lock(mutex_);
  drop_expired(now);
  const auto found = index_.find(key);
  if (found == index_.end()) return std::nullopt;
  found->second->touched = now;
  recency_.splice(recency_.begin(), recency_, found->second);
  return found->second->conversation;
}

void MemoryConversationStore::save(std::string_view key, const Conversation& conversation) {
  const auto now = now_();
  std::lock_guard lock(mutex_);
  drop_expired(now);
  if (const auto found = index_.find(key); found != index_.end()) {
    found->second->conversation = conversation;
    found->second->touched = now;
    recency_.splice(recency_.begin(), recency_, found->second);
    return;
  }
  if (index_.size() >= capacity_) {
    index_.erase(recency_.back().key);
    recency_.pop_back();
  }
  recency_.push_front(Entry{std::string(key), conversation, now});
  index_.emplace(recency_.front().key, recency_.begin());
}

void MemoryConversationStore::erase(std::string_view key) {
  std::lock_guard lock(mutex_);
  if (const auto found = index_.find(key); found != index_.end()) {
    recency_.erase(found->second);
    index_.erase(found);
  }
}

std::size_t MemoryConversationStore::size() const {
  std::lock_guard lock(mutex_);
  return index_.size();
}

// The list is in order of last use, so the expired entries are exactly a run at its tail:
// each call does work only for entries it removes.
void MemoryConversationStore::drop_expired(Clock::time_point now) {
  while (!recency_.empty() && now - recency_.back().touched >= idle_expiry_) {
    index_.erase(recency_.back().key);
    recency_.pop_back();
  }
}

}  // namespace bot
