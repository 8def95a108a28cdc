// The one place a conversation turn happens: a turn continues the conversation stored under its
// key and saves it; a turn the caller's conversation holds is saved without a read; every answer
// reaches the learning recorder; without an engine nothing is answered and the store is not
// touched; submit() runs work at once unless the store may block, and then only where the
// offload takes it.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <thread>
#include <vector>

#include "bot/assistant.hpp"
#include "bot/learning_store.hpp"
#include "bot/memory_conversation_store.hpp"

using namespace std::chrono_literals;

namespace {

std::shared_ptr<const bot::Engine> engine() {
  static const auto instance = [] {
    auto options = bot::EngineOptions::defaults();
    options.corpus_dir = std::string(MLOPS_BOT_SOURCE_DIR) + "/knowledge/corpus";
    options.intents_dir = std::string(MLOPS_BOT_SOURCE_DIR) + "/intents/data";
    // A file of this process's own: CTest runs test cases as parallel processes.
    options.db_path =
        std::filesystem::temp_directory_path() / ("mlops-bot-assistant-" + std::to_string(getpid()) + ".db");
    options.log = nullptr;
    auto opened = bot::Engine::open(options);
    std::filesystem::remove(options.db_path);  // every connection is open already
    return opened;
  }();
  return instance;
}

double max_lpa(const bot::Answer& answer) {
  return answer.data.at("salary").as_object().at("max_lpa").to_number<double>();
}

// The in-memory store, counting the calls that reach it; may_block() as it is told.
class CountingStore final : public bot::ConversationStore {
 public:
  explicit CountingStore(bool may_block = false) : may_block_(may_block) {}
  std::optional<bot::Conversation> load(std::string_view key) override {
    ++loads;
    return memory_.load(key);
  }
  void save(std::string_view key, const bot::Conversation& conversation) override {
    ++saves;
    memory_.save(key, conversation);
  }
  void erase(std::string_view key) override { memory_.erase(key); }
  bool may_block() const override { return may_block_; }

  std::atomic<int> loads = 0, saves = 0;

 private:
  const bool may_block_;
  bot::MemoryConversationStore memory_{100, 30min};
};

}  // namespace

TEST_CASE("a turn continues the conversation stored under its key, and saves it", "[assistant]") {
  auto store = std::make_shared<CountingStore>();
  const bot::Assistant assistant(std::make_shared<bot::EngineHolder>(engine()), store);

  const auto first =
      assistant.ask(bot::Channel::http, "a", "How much does an MLOps engineer with 1 year experience make?");
  REQUIRE(first);
  CHECK(max_lpa(first->answer) == 10);
  CHECK(first->took > 0ns);
  const auto follow_up = assistant.ask(bot::Channel::http, "a", "and with 4 years?");
  REQUIRE(follow_up);
  CHECK(follow_up->answer.intent == "salary.estimate");
  CHECK(max_lpa(follow_up->answer) == 20);
  CHECK(store->loads == 2);
  CHECK(store->saves == 2);
  REQUIRE(assistant.resume("a"));
  CHECK(assistant.resume("a")->turns == 2);

  // Another key is another conversation, of its own first turn.
  REQUIRE(assistant.ask(bot::Channel::http, "b", "and with 4 years?"));
  REQUIRE(assistant.resume("b"));
  CHECK(assistant.resume("b")->turns == 1);
  CHECK(assistant.resume("a")->turns == 2);

  assistant.forget("a");
  CHECK_FALSE(assistant.resume("a"));
}

TEST_CASE("a conversation the caller holds is continued in place and saved, not read", "[assistant]") {
  auto store = std::make_shared<CountingStore>();
  const bot::Assistant assistant(std::make_shared<bot::EngineHolder>(engine()), store);
  bot::Conversation held;
  REQUIRE(
      assistant.ask(bot::Channel::ws, "ws:1", held, "How much does an MLOps engineer with 1 year experience make?"));
  const auto follow_up = assistant.ask(bot::Channel::ws, "ws:1", held, "and with 4 years?");
  REQUIRE(follow_up);
  CHECK(max_lpa(follow_up->answer) == 20);
  CHECK(held.turns == 2);
  CHECK(store->loads == 0);
  CHECK(store->saves == 2);
  REQUIRE(assistant.resume("ws:1"));
  CHECK(assistant.resume("ws:1")->turns == 2);
}

TEST_CASE("every answer reaches the learning recorder, so feedback may name it", "[assistant]") {
  const auto path =
      std::filesystem::temp_directory_path() / ("mlops-bot-assistant-learning-" + std::to_string(getpid()) + ".db");
  {
    auto recorder = std::make_shared<bot::LearningRecorder>(
        std::make_shared<bot::LearningStore>(path, bot::LearningLimits{}), bot::LearningOptions{});
    const bot::Assistant assistant(std::make_shared<bot::EngineHolder>(engine()), std::make_shared<CountingStore>(),
                                   recorder);
    const auto turn = assistant.ask(bot::Channel::discord, "d", "Which tools are used for model serving?");
    REQUIRE(turn);
    REQUIRE_FALSE(turn->answer.answer_id.empty());
    CHECK(recorder->feedback(turn->answer.answer_id, true, "") == bot::FeedbackOutcome::recorded);
    recorder->flush();
    CHECK(recorder->counters().queued == 2);  // the answer and the feedback
  }
  for (const auto* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

TEST_CASE("without an engine nothing is answered and the store is not touched", "[assistant]") {
  auto store = std::make_shared<CountingStore>();
  const bot::Assistant assistant(std::make_shared<bot::EngineHolder>(nullptr), store);
  CHECK_FALSE(assistant.ask(bot::Channel::http, "a", "hello"));
  bot::Conversation held;
  CHECK_FALSE(assistant.ask(bot::Channel::ws, "a", held, "hello"));
  CHECK_FALSE(assistant.help());
  CHECK(store->loads == 0);
  CHECK(store->saves == 0);

  const bot::Assistant no_holder(nullptr, store);
  CHECK_FALSE(no_holder.ask(bot::Channel::http, "a", "hello"));
}

TEST_CASE("submit runs work at once unless the store may block, then where the offload takes it", "[assistant]") {
  std::vector<std::function<void()>> offloaded;
  bool offload_full = false;
  const bot::Assistant::Offload offload = [&](std::function<void()> work) {
    if (offload_full) return false;
    offloaded.push_back(std::move(work));
    return true;
  };
  const auto engines = std::make_shared<bot::EngineHolder>(engine());

  // The in-memory store: no thread hop, whatever offload there is.
  const bot::Assistant in_memory(engines, std::make_shared<CountingStore>(false), nullptr, offload);
  CHECK_FALSE(in_memory.store_may_block());
  const auto caller = std::this_thread::get_id();
  std::thread::id ran_on;
  CHECK(in_memory.submit([&] { ran_on = std::this_thread::get_id(); }));
  CHECK(ran_on == caller);
  CHECK(offloaded.empty());

  const bot::Assistant blocking(engines, std::make_shared<CountingStore>(true), nullptr, offload);
  CHECK(blocking.store_may_block());
  int runs = 0;
  CHECK(blocking.submit([&] { ++runs; }));
  CHECK(runs == 0);  // not on the caller's thread
  REQUIRE(offloaded.size() == 1);
  offloaded.front()();
  CHECK(runs == 1);

  offload_full = true;
  CHECK_FALSE(blocking.submit([&] { ++runs; }));
  CHECK(offloaded.size() == 1);
  CHECK(runs == 1);

  // Without an offload, a blocking store's work runs on the caller's thread (tools, tests).
  const bot::Assistant no_offload(engines, std::make_shared<CountingStore>(true));
  CHECK(no_offload.submit([&] { ++runs; }));
  CHECK(runs == 2);
}
