// The learning store replicas share, against a redis-server of the test's own: two recorders
// (two replicas) show one list, feedback finds an answer given by the other replica, a Redis
// that is down loses records (counted) but never holds up the callers, and the stream stays
// within its cap and retention.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "adapters/sessions/redis_learning_store.hpp"
#include "bot/answer_id.hpp"
#include "bot/learning_recorder.hpp"
#include "redis_server.hpp"

namespace sessions = adapters::sessions;
using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

namespace {

sessions::RedisLearningOptions options_for(const test::RedisServer& redis) {
  sessions::RedisLearningOptions options;
  options.endpoint = sessions::RedisEndpoint::parse(redis.url());
  return options;
}

bot::Answer answer(std::string intent, double confidence) {
  bot::Answer made;
  made.intent = std::move(intent);
  made.confidence = confidence;
  made.answer_id = bot::new_answer_id();
  made.sources.push_back({"mlops-engineer-salary-india", "Introduction", "..."});
  return made;
}

// One replica's learning side: its own store object and recorder, on the shared Redis.
struct Replica {
  explicit Replica(const sessions::RedisLearningOptions& options)
      : store(std::make_shared<sessions::RedisLearningStore>(options)), recorder(store, {}) {}
  std::shared_ptr<sessions::RedisLearningStore> store;
  bot::LearningRecorder recorder;
};

std::set<std::string> examples(bot::LearningLog& store) {
  std::set<std::string> found;
  for (const auto& group : store.unanswered(Clock::time_point{}, 100)) found.insert(group.example);
  return found;
}

long long stream_length(const test::RedisServer& redis) {
  const auto reply = redis.command("XLEN mlops-bot:learn:records");
  REQUIRE(reply.starts_with(':'));
  return std::stoll(reply.substr(1));
}

}  // namespace

TEST_CASE("two replicas sharing Redis show one list of unanswered questions", "[redis][learning]") {
  test::RedisServer redis;
  Replica a(options_for(redis)), b(options_for(redis));
  a.recorder.answered(bot::Channel::ws, "How do I bake bread?", answer("out_of_scope", 0.1), 1ms);
  b.recorder.answered(bot::Channel::http, "what is the weather", answer("out_of_scope", 0.1), 2ms);
  b.recorder.answered(bot::Channel::http, "confident question, kept only as counts", answer("tools.list", 0.9), 1ms);
  a.recorder.flush();
  b.recorder.flush();

  const std::set<std::string> both{"How do I bake bread?", "what is the weather"};
  CHECK(examples(*a.store) == both);
  CHECK(examples(*b.store) == both);
  const auto days = a.store->stats(Clock::time_point{});
  REQUIRE(days.size() == 1);
  CHECK(days[0].questions == 3);
  CHECK(days[0].out_of_scope == 2);
  CHECK(a.recorder.counters().written == 1);
  CHECK(b.recorder.counters().written == 2);
  CHECK(b.recorder.counters().write_errors == 0);
  // Three entries: every answer counts in the stats, the confident one without its question.
  CHECK(stream_length(redis) == 3);
}

TEST_CASE("feedback sent to another replica finds the answer there", "[redis][learning]") {
  test::RedisServer redis;
  Replica a(options_for(redis)), b(options_for(redis));
  const auto given = answer("salary.estimate", 0.9);
  a.recorder.answered(bot::Channel::ws, "pay of a data scientist in pune", given, 1ms);
  a.recorder.flush();

  CHECK(b.recorder.feedback(given.answer_id, false, "wrong city") == bot::FeedbackOutcome::recorded);
  CHECK(b.recorder.feedback("a-00000000000000000000000000000000", true, "") ==
        bot::FeedbackOutcome::unknown_answer);
  CHECK(b.recorder.feedback("not an id", true, "") == bot::FeedbackOutcome::unknown_answer);
  b.recorder.flush();

  const auto entries = a.store->feedback(Clock::time_point{}, 10);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].answer_id == given.answer_id);
  CHECK(entries[0].question == "pay of a data scientist in pune");
  CHECK(entries[0].channel == "ws");
  CHECK(entries[0].comment == "wrong city");
  CHECK(examples(*a.store) == std::set<std::string>{"pay of a data scientist in pune"});
  // The key that let B find it expires with the conversation.
  const auto ttl = redis.command("TTL mlops-bot:learn:answer:" + given.answer_id);
  REQUIRE(ttl.starts_with(':'));
  CHECK(std::stoll(ttl.substr(1)) > 0);
  CHECK(std::stoll(ttl.substr(1)) <= 1800);
}

TEST_CASE("while Redis is down, records are dropped and counted and nobody waits", "[redis][learning]") {
  test::RedisServer redis;
  Replica a(options_for(redis)), b(options_for(redis));
  const auto given = answer("salary.estimate", 0.9);
  a.recorder.answered(bot::Channel::ws, "asked before the outage", given, 1ms);
  a.recorder.flush();
  REQUIRE(a.recorder.counters().write_errors == 0);

  redis.kill();
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 100; ++i)
    a.recorder.answered(bot::Channel::http, "during the outage " + std::to_string(i), answer("out_of_scope", 0.1), 1ms);
  CHECK(std::chrono::steady_clock::now() - started < 100ms);  // answered() only queues
  a.recorder.flush();
  CHECK(a.recorder.counters().write_errors == 100);
  CHECK(a.recorder.counters().written == 1);
  // Feedback on the other replica cannot reach the answer: dropped (counted), not unknown.
  CHECK(b.recorder.feedback(given.answer_id, true, "") == bot::FeedbackOutcome::dropped);
  CHECK(b.recorder.counters().write_errors == 1);
  CHECK_THROWS_AS(a.store->unanswered(Clock::time_point{}, 10), std::runtime_error);

  // Back (empty): records reach it again once the retry interval has passed.
  redis.start();
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  std::uint64_t written = 1;
  while (written == 1 && std::chrono::steady_clock::now() < deadline) {
    a.recorder.answered(bot::Channel::http, "after the outage", answer("out_of_scope", 0.1), 1ms);
    a.recorder.flush();
    written = a.recorder.counters().written;
    if (written == 1) std::this_thread::sleep_for(100ms);  // the store's back-off, not a server
  }
  CHECK(written > 1);
  CHECK(examples(*b.store) == std::set<std::string>{"after the outage"});
}

TEST_CASE("the stream keeps at most its cap and nothing older than the retention", "[redis][learning]") {
  test::RedisServer redis;
  auto options = options_for(redis);
  options.max_entries = 50;
  options.retention = std::chrono::days(30);
  sessions::RedisLearningStore store(options);
  std::vector<bot::LearningEvent> events;
  for (int i = 0; i < 300; ++i)
    events.emplace_back(std::make_shared<const bot::AnsweredTurn>(
        bot::AnsweredTurn{bot::new_answer_id(), Clock::now(), bot::Channel::http, "out_of_scope", 0.1, 1000us,
                          bot::Miss::out_of_scope, "question " + std::to_string(i), "[]"}));
  store.write(events);
  CHECK(stream_length(redis) < 300);  // XADD MAXLEN ~ trims as it goes, roughly
  store.prune(Clock::now());
  CHECK(stream_length(redis) == 50);
  const auto kept = examples(store);
  CHECK(kept.size() == 50);
  CHECK(kept.contains("question 299"));  // the newest stay
  CHECK_FALSE(kept.contains("question 249"));

  // 31 days on, every entry is older than the retention.
  store.prune(Clock::now() + std::chrono::days(31));
  CHECK(stream_length(redis) == 0);
  CHECK(examples(store).empty());
}

TEST_CASE("a shared learning store refuses settings it cannot honour", "[redis][learning]") {
  sessions::RedisLearningOptions options;
  options.endpoint = sessions::RedisEndpoint::parse("redis://127.0.0.1:1");
  options.max_entries = 0;
  CHECK_THROWS_AS(sessions::RedisLearningStore(options), std::invalid_argument);
  options.max_entries = 10;
  options.answer_expiry = 0s;
  CHECK_THROWS_AS(sessions::RedisLearningStore(options), std::invalid_argument);
}
