// A ConversationStore in Redis, so that replicas of the server continue each other's
// conversations.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/sessions/redis_endpoint.hpp"
#include "bot/conversation_store.hpp"

namespace adapters::sessions {

namespace internal {
class RedisConnection;
}

struct RedisStoreOptions {
  RedisEndpoint endpoint;
  // Keys are this prefix and the adapter's key, so the bot can share a Redis with others.
  std::string key_prefix = "mlops-bot:conv:";
  // A conversation not saved for this long expires in Redis (SET ... EX); at least 1 s.
  std::chrono::seconds idle_expiry{1800};
  // Each question waits at most about connect + command timeout for Redis (twice that when a
  // pooled connection turns out dead), so these are short: Redis answers in well under 1 ms.
  std::chrono::milliseconds connect_timeout{200};
  std::chrono::milliseconds command_timeout{200};
  // After a connection fails (refused, broken, timed out), questions skip Redis for this long
  // instead of each waiting for it to fail again; then one question tries again.
  std::chrono::milliseconds retry_interval{1000};
  // Connections kept open between questions; more are opened when more threads ask at once,
  // and closed after use.
  std::size_t max_idle_connections = 8;
};

// Each conversation is one Redis string: key_prefix + key → the Conversation's JSON, written
// with SET ... EX idle_expiry (so the idle timer restarts at each save, which follows every
// answer), read with GET, removed with DEL.
//
// Failures never reach the caller: while Redis is unreachable or refuses a command, load()
// returns empty (the question is answered without its context), save() and erase() do
// nothing, health() reports down and counts every such operation, and `on_change` is told once
// when the store starts failing and once when it works again.
//
// Thread safety: every member may be called from any number of threads; each call borrows a
// connection of its own from a pool, so Redis round trips run in parallel. `on_change` may be
// called from any of those threads and must be thread-safe.
class RedisConversationStore final : public bot::ConversationStore {
 public:
  // up: whether the store now works; reason: why it does not (never a password).
  using HealthListener = std::function<void(bool up, std::string_view reason)>;

  // Tries one connection at once, so a wrong address shows in the log at start-up; a Redis
  // that is down does not stop construction. Throws std::invalid_argument when idle_expiry is
  // under 1 s or a timeout is not positive.
  explicit RedisConversationStore(RedisStoreOptions options, HealthListener on_change = {});
  ~RedisConversationStore() override;

  std::optional<bot::Conversation> load(std::string_view key) override;
  void save(std::string_view key, const bot::Conversation& conversation) override;
  void erase(std::string_view key) override;
  bot::StoreHealth health() const override;
  // Every call is a Redis round trip, up to connect_timeout + command_timeout.
  bool may_block() const override { return true; }

 private:
  using Clock = std::chrono::steady_clock;
  struct Borrowed;

  // Runs one command on a pooled or new connection. A failure is counted and reported there:
  // the caller only reads the value of a string reply, empty for nil and when it failed.
  std::optional<std::string> run(std::initializer_list<std::string_view> arguments);
  // An idle connection or a new one; empty while backing off, or when connecting failed.
  std::optional<Borrowed> borrow();
  // A new connection; on failure, backs off, reports and returns null.
  std::unique_ptr<internal::RedisConnection> connect();
  void give_back(std::unique_ptr<internal::RedisConnection> connection);
  void close_idle();
  void back_off(std::string_view reason);
  void failed(std::string_view reason);
  void succeeded();

  const RedisStoreOptions options_;
  const std::string expiry_seconds_;
  const HealthListener on_change_;

  std::mutex mutex_;
  std::vector<std::unique_ptr<internal::RedisConnection>> idle_;  // guarded by mutex_
  // Guarded by mutex_. Zero while Redis works; after a connection failed, Redis is skipped
  // until this time, when one question tries it again.
  Clock::time_point retry_at_{};

  std::atomic<bool> up_{true};
  std::atomic<std::uint64_t> errors_{0};
};

}  // namespace adapters::sessions
