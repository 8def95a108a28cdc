#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "bot/memory_conversation_store.hpp"

using bot::MemoryConversationStore;
using namespace std::chrono_literals;

namespace {

bot::Conversation with_turns(int turns) {
  bot::Conversation conversation;
  conversation.turns = turns;
  conversation.last_intent = "salary.estimate";
  return conversation;
}

// A clock the test moves by hand.
struct FakeClock {
  std::atomic<std::int64_t> seconds{0};
  MemoryConversationStore::Clock::time_point now() const {
    return MemoryConversationStore::Clock::time_point(std::chrono::seconds(seconds.load()));
  }
};

}  // namespace

TEST_CASE("a saved conversation loads back, and erase forgets it", "[store]") {
  MemoryConversationStore store(10, 1h);
  CHECK_FALSE(store.load("a").has_value());
  store.save("a", with_turns(3));
  auto loaded = store.load("a");
  REQUIRE(loaded.has_value());
  CHECK(loaded->turns == 3);
  CHECK(loaded->last_intent == "salary.estimate");
  store.save("a", with_turns(4));
  CHECK(store.load("a")->turns == 4);
  CHECK(store.size() == 1);
  store.erase("a");
  CHECK_FALSE(store.load("a").has_value());
  store.erase("never-saved");
}

TEST_CASE("the store keeps at most its capacity, dropping the least recently used", "[store]") {
  MemoryConversationStore store(3, 1h);
  store.save("a", with_turns(1));
  store.save("b", with_turns(2));
  store.save("c", with_turns(3));
  CHECK(store.load("a").has_value());  // a is now the most recently used
  store.save("d", with_turns(4));      // evicts b
  CHECK(store.size() == 3);
  CHECK_FALSE(store.load("b").has_value());
  CHECK(store.load("a").has_value());
  CHECK(store.load("c").has_value());
  CHECK(store.load("d").has_value());
}

TEST_CASE("a conversation unused for the idle expiry is gone, a used one stays", "[store]") {
  FakeClock clock;
  MemoryConversationStore store(10, 60s, [&] { return clock.now(); });
  store.save("old", with_turns(1));
  store.save("busy", with_turns(1));
  clock.seconds = 40;
  CHECK(store.load("busy").has_value());  // restarts busy's idle timer
  clock.seconds = 70;
  CHECK_FALSE(store.load("old").has_value());
  CHECK(store.load("busy").has_value());
  CHECK(store.size() == 1);  // expired entries are dropped, not kept
}

TEST_CASE("the store takes saves and loads from many threads at once", "[store]") {
  MemoryConversationStore store(500, 1h);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&store, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string key = std::to_string(t) + ":" + std::to_string(i % 100);
        store.save(key, with_turns(i));
        if (auto loaded = store.load(key)) CHECK(loaded->last_intent == "salary.estimate");
        if (i % 7 == 0) store.erase(key);
      }
    });
  for (auto& thread : threads) thread.join();
  CHECK(store.size() <= 500);
}
