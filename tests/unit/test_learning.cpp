// The learning loop without a network: what the recorder keeps (and what it never keeps), the
// store's groups, feedback and daily stats, retention and the row cap, and a full queue.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <boost/json.hpp>

#include "temp_database.hpp"
#include "bot/answer_id.hpp"
#include "bot/learning_recorder.hpp"
#include "bot/learning_report.hpp"
#include "bot/learning_store.hpp"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

bot::Answer answer(std::string intent, double confidence) {
  bot::Answer made;
  made.intent = std::move(intent);
  made.confidence = confidence;
  made.answer_id = bot::new_answer_id();
  made.sources.push_back({"mlops-engineer-salary-india", "Introduction", "..."});
  return made;
}

bot::SharedTurn turn(Clock::time_point at, std::string intent, bot::Miss miss, std::string question,
                     std::chrono::microseconds latency = 1000us) {
  return std::make_shared<const bot::AnsweredTurn>(bot::AnsweredTurn{
      bot::new_answer_id(), at, bot::Channel::http, std::move(intent), 0.3, latency, miss, std::move(question), "[]"});
}

}  // namespace

TEST_CASE("questions are grouped by their text without case or punctuation", "[learning]") {
  CHECK(bot::normalize_for_grouping("  What is KUBEFLOW?? ") == "what is kubeflow");
  CHECK(bot::normalize_for_grouping("what is kubeflow") == "what is kubeflow");
  CHECK(bot::normalize_for_grouping("वेतन, कितना?") == "वेतन कितना");
  CHECK(bot::normalize_for_grouping("?!") == "");
}

TEST_CASE("since: days, hours, minutes or a date, and nothing else", "[learning]") {
  const auto now = Clock::time_point(std::chrono::sys_days(std::chrono::year(2026) / 12 / 1));
  CHECK(bot::parse_since("7d", now) == now - std::chrono::days(7));
  CHECK(bot::parse_since("12h", now) == now - 12h);
  CHECK(bot::parse_since("30m", now) == now - 30min);
  CHECK(bot::parse_since("2026-11-30", now) == now - std::chrono::days(1));
  CHECK(bot::parse_since("", now) == Clock::time_point{});
  for (const char* bad : {"7", "d", "-1d", "7w", "2026-13-01", "2026-02-30", "yesterday", "7d;DROP"})
    CHECK_FALSE(bot::parse_since(bad, now).has_value());
  CHECK(bot::utc_time(now + 3723s) == "2026-12-01T01:02:03Z");
}

TEST_CASE("the recorder keeps the question of a miss, and of a confident answer only the counts", "[learning]") {
  TempDatabase file("mlops-bot-learning");
  const std::string confident_question = "mlops salary with 3 years, a confident one";
  {
    auto store = std::make_shared<bot::LearningStore>(file.path(), bot::LearningLimits{});
    bot::LearningRecorder recorder(store, {.min_confidence = 0.5});
    recorder.answered(bot::Channel::ws, "What is the weather?", answer("out_of_scope", 0.2), 1ms);
    recorder.answered(bot::Channel::http, "what is the weather", answer("out_of_scope", 0.2), 2ms);
    recorder.answered(bot::Channel::slack, "tell me about pay", answer("salary.estimate", 0.4), 3ms);
    auto clarifying = answer("salary.estimate", 0.6);
    clarifying.data["clarify"] = boost::json::object{{"question", "Which role?"}};
    recorder.answered(bot::Channel::discord, "pay?", clarifying, 1ms);
    recorder.answered(bot::Channel::terminal, confident_question, answer("salary.estimate", 0.9), 1ms);
    recorder.flush();

    const auto groups = store->unanswered(Clock::time_point{}, 10);
    REQUIRE(groups.size() == 3);
    CHECK(groups[0].normalized == "what is the weather");
    CHECK(groups[0].count == 2);
    CHECK(groups[0].example == "what is the weather");  // the latest
    CHECK(groups[0].miss == "out_of_scope");
    CHECK(groups[0].first_seen <= groups[0].last_seen);
    std::set<std::string> misses{groups[1].miss, groups[2].miss};
    CHECK(misses == std::set<std::string>{"low_confidence", "clarify"});
    CHECK(store->unanswered(Clock::time_point{}, 1).size() == 1);
    CHECK(store->answer_rows() == 5);

    const auto days = store->stats(Clock::time_point{});
    REQUIRE(days.size() == 1);
    CHECK(days[0].questions == 5);
    CHECK(days[0].out_of_scope == 2);
    CHECK(days[0].intents.at("salary.estimate") == 3);
    CHECK(days[0].latency_p50_ms == 1.0);
    CHECK(days[0].latency_p99_ms == 3.0);
    CHECK(recorder.counters().written == 5);
    CHECK(recorder.counters().dropped == 0);
  }
  // Closed: the confident answer's question is nowhere in the file.
  const auto bytes = file.bytes();
  CHECK(bytes.find("what is the weather") != std::string::npos);
  CHECK(bytes.find(confident_question) == std::string::npos);
}

TEST_CASE("an answer's sources are kept as a JSON array of doc and section, escaped", "[learning]") {
  TempDatabase file("mlops-bot-learning");
  auto store = std::make_shared<bot::LearningStore>(file.path(), bot::LearningLimits{});
  bot::LearningRecorder recorder(store, {});
  auto several = answer("out_of_scope", 0.1);
  several.sources.push_back({R"(notes "2026")", "Pay\\bands\n\ttabbed \x01 ₹", "..."});
  auto none = answer("out_of_scope", 0.1);
  none.sources.clear();
  recorder.answered(bot::Channel::ws, "several sources", several, 1ms);
  recorder.answered(bot::Channel::ws, "no sources", none, 1ms);
  recorder.flush();

  std::map<std::string, boost::json::value> sources;
  for (const auto& group : store->unanswered(Clock::time_point{}, 10))
    sources[group.example] = boost::json::parse(group.sources_json);
  REQUIRE(sources.size() == 2);
  const boost::json::array expected{
      boost::json::object{{"doc", "mlops-engineer-salary-india"}, {"section", "Introduction"}},
      boost::json::object{{"doc", R"(notes "2026")"}, {"section", "Pay\\bands\n\ttabbed \x01 ₹"}}};
  CHECK(sources["several sources"] == expected);
  CHECK(sources["no sources"] == boost::json::array{});
}

TEST_CASE("feedback names a recent answer, and a 👎 keeps its question and lists it", "[learning]") {
  TempDatabase file("mlops-bot-learning");
  auto store = std::make_shared<bot::LearningStore>(file.path(), bot::LearningLimits{});
  bot::LearningRecorder recorder(store, {.recent_answers = 2});
  const auto first = answer("salary.estimate", 0.9);
  const auto good = answer("tools.list", 0.95);
  const auto bad = answer("salary.estimate", 0.9);
  recorder.answered(bot::Channel::ws, "first one", first, 1ms);
  recorder.answered(bot::Channel::ws, "which tools", good, 1ms);
  recorder.answered(bot::Channel::http, "pay of a data scientist in pune", bad, 1ms);

  CHECK(recorder.feedback(first.answer_id, true, "") == bot::FeedbackOutcome::unknown_answer);  // evicted
  CHECK(recorder.feedback("a-00000000000000000000000000000000", true, "") == bot::FeedbackOutcome::unknown_answer);
  CHECK(recorder.feedback(good.answer_id, true, "") == bot::FeedbackOutcome::recorded);
  CHECK(recorder.feedback(bad.answer_id, false, std::string(1500, 'x')) == bot::FeedbackOutcome::recorded);
  recorder.flush();

  const auto entries = store->feedback(Clock::time_point{}, 10);
  REQUIRE(entries.size() == 2);
  const auto& thumbs_down = entries[0].helpful ? entries[1] : entries[0];
  CHECK(thumbs_down.answer_id == bad.answer_id);
  CHECK(thumbs_down.question == "pay of a data scientist in pune");
  CHECK(thumbs_down.intent == "salary.estimate");
  CHECK(thumbs_down.channel == "http");
  CHECK(thumbs_down.comment.size() == bot::kMaxFeedbackCommentBytes);
  CHECK(thumbs_down.sources_json.find("mlops-engineer-salary-india") != std::string::npos);

  const auto groups = store->unanswered(Clock::time_point{}, 10);
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].example == "pay of a data scientist in pune");
  CHECK(groups[0].miss == "unhelpful");

  const auto days = store->stats(Clock::time_point{});
  REQUIRE(days.size() == 1);
  CHECK(days[0].feedback == 2);
  CHECK(days[0].helpful == 1);
  const auto json = bot::stats_json(days);
  CHECK(json.at("days").at(0).at("helpful_rate").as_double() == 0.5);
}

TEST_CASE("retention and the row cap keep the file bounded", "[learning]") {
  TempDatabase file("mlops-bot-learning");
  const auto now = Clock::now();
  SECTION("rows older than the retention go") {
    bot::LearningStore store(file.path(), {.retention = std::chrono::days(30), .max_rows = 100});
    store.write({turn(now - std::chrono::days(40), "out_of_scope", bot::Miss::out_of_scope, "old question"),
                 turn(now - std::chrono::days(1), "out_of_scope", bot::Miss::out_of_scope, "new question")});
    CHECK(store.answer_rows() == 2);
    store.prune(now);
    CHECK(store.answer_rows() == 1);
    const auto groups = store.unanswered(Clock::time_point{}, 10);
    REQUIRE(groups.size() == 1);
    CHECK(groups[0].example == "new question");
  }
  SECTION("beyond the cap the oldest go") {
    bot::LearningStore store(file.path(), {.retention = std::chrono::days(30), .max_rows = 3});
    std::vector<bot::LearningEvent> events;
    for (int i = 0; i < 5; ++i)
      events.emplace_back(turn(now - std::chrono::minutes(10 - i), "out_of_scope", bot::Miss::out_of_scope,
                               "question " + std::to_string(i)));
    store.write(events);
    store.prune(now);
    CHECK(store.answer_rows() == 3);
    std::set<std::string> kept;
    for (const auto& group : store.unanswered(Clock::time_point{}, 10)) kept.insert(group.example);
    CHECK(kept == std::set<std::string>{"question 2", "question 3", "question 4"});
  }
}

TEST_CASE("a full queue drops what does not fit, and counts it", "[learning]") {
  TempDatabase file("mlops-bot-learning");
  auto store = std::make_shared<bot::LearningStore>(file.path(), bot::LearningLimits{});
  // The writer sleeps until a batch is full or the hour is over: only flush() wakes it.
  bot::LearningRecorder recorder(store, {.queue_limit = 2, .batch = 100, .flush_interval = 1h});
  for (int i = 0; i < 5; ++i) recorder.answered(bot::Channel::ws, "hi", answer("smalltalk.greet", 1.0), 1ms);
  auto counters = recorder.counters();
  CHECK(counters.queued == 2);
  CHECK(counters.dropped == 3);
  recorder.flush();
  counters = recorder.counters();
  CHECK(counters.written == 2);
  CHECK(store->answer_rows() == 2);
}

TEST_CASE("the export writes question-set lines with the bot's guess as a suggestion", "[learning]") {
  bot::UnansweredGroup group;
  group.example = "what is kubeflow";
  group.intent = "topic.explain";
  group.confidence = 0.3141;
  group.count = 4;
  group.miss = "low_confidence";
  const auto line = bot::question_set_line(group);
  CHECK(line.at("text") == "what is kubeflow");
  CHECK(line.at("intent").is_null());
  CHECK(line.at("suggestion").at("intent") == "topic.explain");
  CHECK(line.at("suggestion").at("confidence").as_double() == 0.314);
  CHECK(line.at("entities").as_object().empty());
  CHECK(line.at("count") == 4);
}
