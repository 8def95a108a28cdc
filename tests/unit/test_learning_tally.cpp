// The lists a shared (Redis) learning store computes in memory from its events are the lists the
// SQLite store's queries give for the same events: the admin views do not depend on where the
// records are kept.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "temp_database.hpp"
#include "bot/answer_id.hpp"
#include "bot/learning_store.hpp"
#include "bot/learning_tally.hpp"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

bot::AnsweredTurn turn(Clock::time_point at, std::string intent, bot::Miss miss, std::string question,
                       std::chrono::microseconds latency, bot::Channel channel = bot::Channel::http) {
  return {bot::new_answer_id(), at,   channel, std::move(intent), 0.3, latency, miss, std::move(question),
          R"([{"doc":"d","section":"s"}])"};
}

// Two days of traffic: repeated misses, a confident answer judged 👎 (so listed), one judged
// twice (the later verdict counts), feedback on an answer written before the read's start.
std::vector<bot::LearningEvent> traffic(Clock::time_point now) {
  const auto yesterday = now - std::chrono::days(1);
  const auto weather_1 = turn(yesterday, "out_of_scope", bot::Miss::out_of_scope, "What is the weather?", 1200us);
  const auto weather_2 = turn(now - 3h, "out_of_scope", bot::Miss::out_of_scope, "what is the WEATHER", 800us);
  const auto unsure = turn(now - 2h, "salary.estimate", bot::Miss::low_confidence, "pay?", 4000us);
  const auto judged = turn(now - 1h, "tools.list", bot::Miss::none, "which tools for serving", 300us,
                           bot::Channel::ws);
  const auto twice = turn(now - 50min, "salary.estimate", bot::Miss::none, "mlops pay in pune", 700us);
  const auto old = turn(now - std::chrono::days(3), "salary.estimate", bot::Miss::none, "old one", 500us);
  const auto shared = [](const bot::AnsweredTurn& turn) { return std::make_shared<const bot::AnsweredTurn>(turn); };
  return {shared(weather_1),
          shared(weather_2),
          shared(unsure),
          shared(judged),
          shared(twice),
          bot::FeedbackEvent{judged, {judged.answer_id, now - 30min, false, "not what I asked"}},
          bot::FeedbackEvent{twice, {twice.answer_id, now - 20min, false, ""}},
          bot::FeedbackEvent{twice, {twice.answer_id, now - 10min, true, "ok after all"}},
          bot::FeedbackEvent{old, {old.answer_id, now - 5min, true, ""}}};
}

}  // namespace

TEST_CASE("the in-memory tally lists what the SQLite store lists for the same events", "[learning]") {
  const auto now = Clock::now();
  const auto events = traffic(now);
  TempDatabase file("mlops-bot-tally");
  bot::LearningStore store(file.path(), {});
  store.write(events);
  bot::LearningTally tally;
  for (const auto& event : events) tally.add(event);

  for (const auto since : {Clock::time_point{}, now - 6h}) {
    const auto expected_groups = store.unanswered(since, 10);
    const auto groups = tally.unanswered(since, 10);
    REQUIRE(groups.size() == expected_groups.size());
    for (std::size_t i = 0; i < groups.size(); ++i) {
      CHECK(groups[i].normalized == expected_groups[i].normalized);
      CHECK(groups[i].count == expected_groups[i].count);
      CHECK(groups[i].example == expected_groups[i].example);
      CHECK(groups[i].miss == expected_groups[i].miss);
      CHECK(groups[i].intent == expected_groups[i].intent);
      CHECK(groups[i].sources_json == expected_groups[i].sources_json);
      CHECK(std::chrono::floor<std::chrono::milliseconds>(groups[i].first_seen) == expected_groups[i].first_seen);
      CHECK(std::chrono::floor<std::chrono::milliseconds>(groups[i].last_seen) == expected_groups[i].last_seen);
    }
    CHECK(tally.unanswered(since, 1).size() == std::min<std::size_t>(1, expected_groups.size()));

    const auto expected_feedback = store.feedback(since, 10);
    const auto feedback = tally.feedback(since, 10);
    REQUIRE(feedback.size() == expected_feedback.size());
    for (std::size_t i = 0; i < feedback.size(); ++i) {
      CHECK(feedback[i].answer_id == expected_feedback[i].answer_id);
      CHECK(feedback[i].helpful == expected_feedback[i].helpful);
      CHECK(feedback[i].comment == expected_feedback[i].comment);
      CHECK(feedback[i].question == expected_feedback[i].question);
      CHECK(feedback[i].intent == expected_feedback[i].intent);
      CHECK(feedback[i].channel == expected_feedback[i].channel);
    }

    const auto expected_days = store.stats(since);
    const auto days = tally.stats(since);
    REQUIRE(days.size() == expected_days.size());
    for (std::size_t i = 0; i < days.size(); ++i) {
      CHECK(days[i].day == expected_days[i].day);
      CHECK(days[i].questions == expected_days[i].questions);
      CHECK(days[i].intents == expected_days[i].intents);
      CHECK(days[i].out_of_scope == expected_days[i].out_of_scope);
      CHECK(days[i].feedback == expected_days[i].feedback);
      CHECK(days[i].helpful == expected_days[i].helpful);
      CHECK(days[i].latency_p50_ms == expected_days[i].latency_p50_ms);
      CHECK(days[i].latency_p99_ms == expected_days[i].latency_p99_ms);
    }
  }
  // A 👎 makes a confident answer a listed miss.
  std::vector<std::string> examples;
  for (const auto& group : tally.unanswered(Clock::time_point{}, 10)) examples.push_back(group.example);
  CHECK(std::find(examples.begin(), examples.end(), "which tools for serving") != examples.end());
  CHECK(tally.feedback(Clock::time_point{}, 10).size() == 3);
}
