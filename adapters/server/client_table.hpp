// What the server remembers per client (ClientKey) for the per-client limits: open connections
// and a token bucket for POST /v1/ask. Bounded: beyond `max_clients` the least recently active
// client without an open connection is forgotten (its bucket starts full again if it returns).
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <unordered_map>

#include "adapters/server/client_address.hpp"
#include "adapters/server/token_bucket.hpp"

namespace adapters::server {

// Thread safety: every member may be called from any thread (one short mutex, never held
// across I/O).
class ClientTable {
 public:
  struct Limits {
    std::size_t max_clients = 100000;            // entries kept at most (see the note on sizing)
    std::size_t max_connections_per_client = 0;  // 0: no cap
    double asks_per_second = 0;                  // <= 0: no rate limit
    double ask_burst = 1;
  };

  // Sizing: an entry with an open connection is never forgotten, so `max_clients` must exceed
  // the connections the server admits at once; the constructor raises it to `min_clients`.
  ClientTable(Limits limits, std::size_t min_clients);

  // Counts a connection of `client`; false (and nothing counted) when it already has
  // max_connections_per_client. Each true must be matched by one close().
  bool try_open(const ClientKey& client);
  void close(const ClientKey& client);

  // Takes one of `client`'s asks; zero when allowed, else how long until the next is.
  std::chrono::duration<double> try_ask(const ClientKey& client,
                                        TokenBucket::Clock::time_point now = TokenBucket::Clock::now());

  bool caps_connections() const { return limits_.max_connections_per_client > 0; }
  bool limits_asks() const { return limits_.asks_per_second > 0; }
  std::size_t size() const;

 private:
  struct Entry {
    TokenBucket bucket;
    std::size_t connections = 0;
    std::list<ClientKey>::iterator idle_position;  // valid while connections == 0
  };
  using Entries = std::unordered_map<ClientKey, Entry>;

  // Under mutex_. The entry of `client`, made (forgetting another when full) if there is none.
  Entries::iterator find_or_add(const ClientKey& client, TokenBucket::Clock::time_point now);
  void touch_idle(Entry& entry);

  const Limits limits_;
  mutable std::mutex mutex_;
  Entries entries_;
  std::list<ClientKey> idle_;  // clients without a connection, the most recently active first
};

}  // namespace adapters::server
