// RedisConversationStore against a real redis-server of the test's own: the round trip, the
// expiry, many threads at once, and what it does when Redis is down, silent or refuses.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "adapters/sessions/redis_conversation_store.hpp"
#include "redis_server.hpp"

using adapters::sessions::RedisConversationStore;
using namespace std::chrono_literals;

namespace {

bot::Conversation conversation_with(int turns, std::string city) {
  bot::Conversation conversation;
  conversation.turns = turns;
  conversation.last_intent = "salary.estimate";
  conversation.entities.city = std::move(city);
  conversation.entities.role = {"mlops_engineer"};
  conversation.entities.experience_years = 3;
  return conversation;
}

adapters::sessions::RedisStoreOptions options_for(unsigned short port) {
  adapters::sessions::RedisStoreOptions options;
  options.endpoint.host = "127.0.0.1";
  options.endpoint.port = port;
  return options;
}

// What the store told its listener, in order.
struct Changes {
  std::mutex mutex;
  std::vector<std::pair<bool, std::string>> seen;
  RedisConversationStore::HealthListener listener() {
    return [this](bool up, std::string_view reason) {
      std::lock_guard lock(mutex);
      seen.emplace_back(up, std::string(reason));
    };
  }
  std::vector<std::pair<bool, std::string>> get() {
    std::lock_guard lock(mutex);
    return seen;
  }
};

// A port with nothing listening on it (free now, and no one is told about it).
unsigned short closed_port() {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

}  // namespace

TEST_CASE("conversations round-trip through Redis, one store sees another's, erase forgets", "[redis]") {
  test::RedisServer redis;
  RedisConversationStore first(options_for(redis.port()));
  RedisConversationStore second(options_for(redis.port()));  // another replica
  CHECK_FALSE(first.load("web:a").has_value());

  first.save("web:a", conversation_with(2, "pune"));
  const auto loaded = second.load("web:a");
  REQUIRE(loaded.has_value());
  CHECK(loaded->turns == 2);
  CHECK(loaded->last_intent == "salary.estimate");
  CHECK(loaded->entities.city == "pune");
  CHECK(loaded->entities.role == std::vector<std::string>{"mlops_engineer"});
  CHECK(loaded->entities.experience_years == 3);

  // The key is prefixed, and the idle expiry is Redis's TTL, restarted by each save.
  CHECK(redis.command("TTL mlops-bot:conv:web:a") == ":1800");
  CHECK(redis.command("EXPIRE mlops-bot:conv:web:a 5") == ":1");
  second.save("web:a", conversation_with(3, "pune"));
  CHECK(redis.command("TTL mlops-bot:conv:web:a") == ":1800");

  second.erase("web:a");
  CHECK_FALSE(first.load("web:a").has_value());
  first.erase("never-saved");
  CHECK(first.health().up);
  CHECK(first.health().errors == 0);
}

TEST_CASE("keys are binary-safe: spaces, newlines and non-ASCII stay one key", "[redis]") {
  test::RedisServer redis;
  RedisConversationStore store(options_for(redis.port()));
  const std::string key = "slack:T1 C2\r\nSET x y\xe2\x82\xb9";
  store.save(key, conversation_with(1, "delhi"));
  CHECK(store.load(key)->entities.city == "delhi");
  CHECK(redis.command("EXISTS x") == ":0");
  CHECK(redis.command("DBSIZE") == ":1");
}

TEST_CASE("a conversation not saved for its idle time is gone", "[redis][expiry]") {
  test::RedisServer redis;
  auto options = options_for(redis.port());
  options.idle_expiry = 1s;
  RedisConversationStore store(options);
  store.save("k", conversation_with(1, "pune"));
  REQUIRE(store.load("k").has_value());
  // Redis expires the key itself; poll for it rather than guess how long that takes.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (store.load("k").has_value() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(50ms);
  CHECK_FALSE(store.load("k").has_value());
}

TEST_CASE("many threads at once share a bounded pool of connections", "[redis]") {
  test::RedisServer redis;
  auto options = options_for(redis.port());
  options.max_idle_connections = 2;
  RedisConversationStore store(options);
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      const std::string key = "thread:" + std::to_string(t);
      for (int turn = 1; turn <= 50; ++turn) {
        store.save(key, conversation_with(turn, "pune"));
        const auto loaded = store.load(key);
        if (!loaded || loaded->turns != turn) ++wrong;
      }
    });
  for (auto& thread : threads) thread.join();
  CHECK(wrong == 0);
  CHECK(store.health().errors == 0);
  // The connections beyond the two idle ones were closed after use; Redis notices a close on
  // its own time, so ask until it has. (The third client is the question's own.)
  const auto connected = [&] {
    const auto info = redis.command("INFO clients");
    const auto at = info.find("connected_clients:") + std::string_view("connected_clients:").size();
    return std::stoi(info.substr(at));
  };
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (connected() > 3 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
  CHECK(connected() == 3);
}

TEST_CASE("with Redis down nothing throws: load is empty, save is skipped, counted, reported once, then recovered",
          "[redis][outage]") {
  test::RedisServer redis;
  Changes changes;
  auto options = options_for(redis.port());
  options.retry_interval = 200ms;
  RedisConversationStore store(options, changes.listener());
  store.save("k", conversation_with(1, "pune"));
  REQUIRE(store.load("k").has_value());

  redis.kill();
  CHECK_FALSE(store.load("k").has_value());
  store.save("k", conversation_with(2, "pune"));
  store.erase("k");
  CHECK_FALSE(store.load("k").has_value());
  CHECK_FALSE(store.health().up);
  CHECK(store.health().errors == 4);
  auto seen = changes.get();
  REQUIRE(seen.size() == 1);  // once per outage, however many questions it cost
  CHECK_FALSE(seen[0].first);
  CHECK_FALSE(seen[0].second.empty());

  redis.start();  // empty again: Redis kept nothing on disk
  store.save("k", conversation_with(3, "pune"));
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  // Until the retry interval has passed, questions skip Redis.
  while (!store.health().up && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
    store.save("k", conversation_with(3, "pune"));
  }
  CHECK(store.health().up);
  CHECK(store.load("k")->turns == 3);
  seen = changes.get();
  REQUIRE(seen.size() == 2);
  CHECK(seen[1].first);
}

TEST_CASE("a Redis that is not there at start is reported at start, and questions still get answers",
          "[redis][outage]") {
  Changes changes;
  RedisConversationStore store(options_for(closed_port()), changes.listener());
  const auto seen = changes.get();
  REQUIRE(seen.size() == 1);
  CHECK_FALSE(seen[0].first);
  CHECK(seen[0].second.find("Connection refused") != std::string::npos);
  CHECK_FALSE(store.health().up);
  CHECK_FALSE(store.load("k").has_value());
  CHECK(store.health().errors == 1);
}

TEST_CASE("a Redis that accepts but never answers costs one command timeout, then is skipped until the retry",
          "[redis][outage]") {
  // The kernel completes connections into the backlog of a socket that never accepts.
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor silent(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  auto options = options_for(silent.local_endpoint().port());
  options.command_timeout = 300ms;
  options.retry_interval = 10s;
  RedisConversationStore store(options);
  REQUIRE(store.health().up);  // it connected

  auto started = std::chrono::steady_clock::now();
  CHECK_FALSE(store.load("k").has_value());
  const auto first = std::chrono::steady_clock::now() - started;
  CHECK(first >= 300ms);
  CHECK(first < 3s);
  CHECK_FALSE(store.health().up);

  started = std::chrono::steady_clock::now();
  for (int i = 0; i < 10; ++i) store.save("k", conversation_with(i, "pune"));
  CHECK(std::chrono::steady_clock::now() - started < 300ms);  // all ten skipped, none waited
  CHECK(store.health().errors == 11);
}

TEST_CASE("the password is sent, and a wrong one is reported without it", "[redis][auth]") {
  test::RedisServer redis({"--requirepass", "s3cret-pass"});
  auto options = options_for(redis.port());
  options.endpoint.password = "s3cret-pass";
  RedisConversationStore store(options);
  store.save("k", conversation_with(5, "pune"));
  CHECK(store.load("k")->turns == 5);
  CHECK(store.health().up);

  Changes changes;
  options.endpoint.password = "wrong-pass";
  RedisConversationStore wrong(options, changes.listener());
  CHECK_FALSE(wrong.load("k").has_value());
  const auto seen = changes.get();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].second.find("AUTH") != std::string::npos);
  CHECK(seen[0].second.find("wrong-pass") == std::string::npos);
}

TEST_CASE("a stored value that is not a conversation reads as none and is counted", "[redis]") {
  test::RedisServer redis;
  RedisConversationStore store(options_for(redis.port()));
  CHECK(redis.command("SET mlops-bot:conv:k not-json") == "+OK");
  CHECK_FALSE(store.load("k").has_value());
  CHECK(store.health().errors == 1);
  CHECK(store.health().up);  // Redis itself is fine
}

TEST_CASE("an idle expiry under one second or a zero timeout is refused", "[redis]") {
  auto options = options_for(closed_port());
  options.idle_expiry = 0s;
  CHECK_THROWS_AS(RedisConversationStore(options), std::invalid_argument);
  options.idle_expiry = 1s;
  options.command_timeout = 0ms;
  CHECK_THROWS_AS(RedisConversationStore(options), std::invalid_argument);
}
