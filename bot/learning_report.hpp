// The learning store's lists as JSON, the same for GET /admin/* and `mlops-bot review --json`,
// and the question-set lines `review --export` writes (../shared/eval/README.md's format).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "bot/learning_store.hpp"

namespace bot {

// "7d", "12h", "30m" (that long before `now`) or a UTC date "2026-11-30"; empty text: the
// beginning of time. An empty optional for anything else.
std::optional<std::chrono::system_clock::time_point> parse_since(std::string_view text,
                                                                 std::chrono::system_clock::time_point now);

// "2026-12-01T19:52:31Z".
std::string utc_time(std::chrono::system_clock::time_point at);

// {"unanswered":[{"normalized","count","first_seen","last_seen","example","miss",
//   "guess":{"intent","confidence"},"sources":[...]}, ...]}
boost::json::object unanswered_json(const std::vector<UnansweredGroup>& groups);
// {"feedback":[{"answer_id","at","helpful","comment","question","intent","confidence","channel","sources"}, ...]}
boost::json::object feedback_json(const std::vector<FeedbackEntry>& entries);
// {"days":[{"day","questions","intents":{...},"out_of_scope","out_of_scope_rate","feedback",
//   "helpful","helpful_rate" (null without feedback),"latency_ms":{"p50","p90","p99"}}, ...]}
boost::json::object stats_json(const std::vector<DayStats>& days);

// One question-set line to label: {"text", "intent": null, "entities": {}, "expect": {},
// "suggestion": {"intent", "confidence"}, "count", "miss"}. The intent is left for a person:
// the bot's guess is only a suggestion.
boost::json::object question_set_line(const UnansweredGroup& group);

}  // namespace bot
