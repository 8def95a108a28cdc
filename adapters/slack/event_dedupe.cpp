#include "adapters/slack/event_dedupe.hpp"

namespace adapters::slack {

EventDedupe::EventDedupe(std::size_t capacity, Clock::duration ttl) : capacity_(capacity), ttl_(ttl) {}

bool EventDedupe::first_time(std::string_view key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  forget_old(now);
  std::string id(key);
  if (ids_.contains(id)) return false;
  if (order_.size() >= capacity_) {
    ids_.erase(order_.front().id);
    order_.pop_front();
  }
  ids_.insert(id);
  order_.push_back({std::move(id), now});
  return true;
}

void EventDedupe::forget_old(Clock::time_point now) {
  while (!order_.empty() && now - order_.front().seen > ttl_) {
    ids_.erase(order_.front().id);
    order_.pop_front();
  }
}

}  // namespace adapters::slack
