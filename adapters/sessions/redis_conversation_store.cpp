#include "adapters/sessions/redis_conversation_store.hpp"

#include <boost/json.hpp>
#include <stdexcept>
#include <utility>

#include "adapters/sessions/internal/redis_connection.hpp"

namespace adapters::sessions {

struct RedisConversationStore::Borrowed {
  std::unique_ptr<internal::RedisConnection> connection;
  bool reused = false;  // it came from the pool, so it may have died while idle
};

RedisConversationStore::RedisConversationStore(RedisStoreOptions options, HealthListener on_change)
    : options_(std::move(options)),
      expiry_seconds_(std::to_string(options_.idle_expiry.count())),
      on_change_(std::move(on_change)) {
  if (options_.idle_expiry < std::chrono::seconds(1))
    throw std::invalid_argument("RedisConversationStore: the idle expiry must be at least 1 s");
  if (options_.connect_timeout <= std::chrono::milliseconds::zero() ||
      options_.command_timeout <= std::chrono::milliseconds::zero())
    throw std::invalid_argument("RedisConversationStore: the timeouts must be positive");
  if (auto connection = connect()) give_back(std::move(connection));
}

RedisConversationStore::~RedisConversationStore() = default;

std::optional<bot::Conversation> RedisConversationStore::load(std::string_view key) {
  const auto value = run({"GET", options_.key_prefix + std::string(key)});
  if (!value) return std::nullopt;
  boost::system::error_code ec;
  const auto json = boost::json::parse(*value, ec);
  if (ec || !json.is_object()) {
    // Not written by this store (or by an incompatible version): start the conversation afresh.
    errors_.fetch_add(1, std::memory_order_relaxed);
    return std::nullopt;
  }
  return bot::Conversation::from_json(json.get_object());
}

void RedisConversationStore::save(std::string_view key, const bot::Conversation& conversation) {
  run({"SET", options_.key_prefix + std::string(key), boost::json::serialize(conversation.to_json()), "EX",
       expiry_seconds_});
}

void RedisConversationStore::erase(std::string_view key) { run({"DEL", options_.key_prefix + std::string(key)}); }

bot::StoreHealth RedisConversationStore::health() const {
  return {up_.load(std::memory_order_relaxed), errors_.load(std::memory_order_relaxed)};
}

std::optional<std::string> RedisConversationStore::run(std::initializer_list<std::string_view> arguments) {
  auto borrowed = borrow();
  if (!borrowed) {
    errors_.fetch_add(1, std::memory_order_relaxed);
    return std::nullopt;
  }
  auto reply = borrowed->connection->run(arguments);
  if (reply.status == internal::RedisReply::Status::failed && borrowed->reused) {
    // A pooled connection may have died while idle (Redis restarted, a proxy closed it); then
    // the others have too. Try once on a new connection before calling Redis down.
    close_idle();
    borrowed->connection = connect();
    if (!borrowed->connection) {
      errors_.fetch_add(1, std::memory_order_relaxed);
      return std::nullopt;
    }
    reply = borrowed->connection->run(arguments);
  }
  switch (reply.status) {
    case internal::RedisReply::Status::ok:
      give_back(std::move(borrowed->connection));
      succeeded();
      return std::move(reply.value);
    case internal::RedisReply::Status::error_reply:
      // Redis is reachable but refused (out of memory, a read-only replica): no back-off.
      give_back(std::move(borrowed->connection));
      failed(reply.error);
      break;
    case internal::RedisReply::Status::failed:
      back_off(reply.error);  // the connection is closed as `borrowed` goes out of scope
      break;
  }
  errors_.fetch_add(1, std::memory_order_relaxed);
  return std::nullopt;
}

std::optional<RedisConversationStore::Borrowed> RedisConversationStore::borrow() {
  {
    std::lock_guard lock(mutex_);
    if (retry_at_ != Clock::time_point{}) {
      // One question per retry interval tries Redis again; the rest skip it meanwhile.
      const auto now = Clock::now();
      if (now < retry_at_) return std::nullopt;
      retry_at_ = now + options_.retry_interval;
    } else if (!idle_.empty()) {
      Borrowed borrowed{std::move(idle_.back()), true};
      idle_.pop_back();
      return borrowed;
    }
  }
  auto connection = connect();
  if (!connection) return std::nullopt;
  return Borrowed{std::move(connection), false};
}

std::unique_ptr<internal::RedisConnection> RedisConversationStore::connect() {
  try {
    return std::make_unique<internal::RedisConnection>(options_.endpoint, options_.connect_timeout,
                                                       options_.command_timeout);
  } catch (const std::exception& error) {
    back_off(error.what());
    return nullptr;
  }
}

void RedisConversationStore::give_back(std::unique_ptr<internal::RedisConnection> connection) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < options_.max_idle_connections) idle_.push_back(std::move(connection));
}

void RedisConversationStore::close_idle() {
  std::vector<std::unique_ptr<internal::RedisConnection>> closing;
  std::lock_guard lock(mutex_);
  closing.swap(idle_);
}

void RedisConversationStore::back_off(std::string_view reason) {
  std::vector<std::unique_ptr<internal::RedisConnection>> closing;  // closed after the lock is released
  {
    std::lock_guard lock(mutex_);
    retry_at_ = Clock::now() + options_.retry_interval;
    // The idle connections lead to the same Redis: they would fail or wait the same way.
    closing.swap(idle_);
  }
  failed(reason);
}

void RedisConversationStore::failed(std::string_view reason) {
  if (up_.exchange(false) && on_change_) on_change_(false, reason);
}

void RedisConversationStore::succeeded() {
  // Read before writing: every operation comes here, and a write would bounce the cache line
  // between the threads.
  if (up_.load(std::memory_order_relaxed) || up_.exchange(true)) return;
  {
    std::lock_guard lock(mutex_);
    retry_at_ = {};
  }
  if (on_change_) on_change_(true, {});
}

}  // namespace adapters::sessions
