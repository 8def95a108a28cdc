#include "adapters/server/client_table.hpp"

#include <algorithm>

namespace adapters::server {

ClientTable::ClientTable(Limits limits, std::size_t min_clients)
    : limits_([&] {
        limits.max_clients = std::max({limits.max_clients, min_clients, std::size_t{1}});
        return limits;
      }()) {}

ClientTable::Entries::iterator ClientTable::find_or_add(const ClientKey& client, TokenBucket::Clock::time_point now) {
  if (auto found = entries_.find(client); found != entries_.end()) return found;
  if (entries_.size() >= limits_.max_clients && !idle_.empty()) {
    entries_.erase(idle_.back());
    idle_.pop_back();
  }
  auto added =
      entries_.emplace(client, Entry{TokenBucket(limits_.asks_per_second, limits_.ask_burst, now), 0, {}}).first;
  idle_.push_front(client);
  added->second.idle_position = idle_.begin();
  return added;
}

void ClientTable::touch_idle(Entry& entry) {
  if (entry.connections == 0) idle_.splice(idle_.begin(), idle_, entry.idle_position);
}

bool ClientTable::try_open(const ClientKey& client) {
  std::lock_guard lock(mutex_);
  Entry& entry = find_or_add(client, TokenBucket::Clock::now())->second;
  if (limits_.max_connections_per_client && entry.connections >= limits_.max_connections_per_client) {
    touch_idle(entry);
    return false;
  }
  if (entry.connections++ == 0) idle_.erase(entry.idle_position);
  return true;
}

void ClientTable::close(const ClientKey& client) {
  std::lock_guard lock(mutex_);
  const auto found = entries_.find(client);
  if (found == entries_.end() || found->second.connections == 0) return;  // not opened: a caller's mistake
  Entry& entry = found->second;
  if (--entry.connections == 0) {
    idle_.push_front(client);
    entry.idle_position = idle_.begin();
  }
}

std::chrono::duration<double> ClientTable::try_ask(const ClientKey& client, TokenBucket::Clock::time_point now) {
  if (!limits_asks()) return std::chrono::duration<double>::zero();
  std::lock_guard lock(mutex_);
  Entry& entry = find_or_add(client, now)->second;
  touch_idle(entry);
  if (entry.bucket.try_take(now)) return std::chrono::duration<double>::zero();
  return entry.bucket.wait_time();
}

std::size_t ClientTable::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace adapters::server
