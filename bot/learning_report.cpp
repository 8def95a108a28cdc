#include "bot/learning_report.hpp"

#include <charconv>
#include <cmath>

#include <boost/json.hpp>

namespace bot {
namespace {

namespace json = boost::json;
using Clock = std::chrono::system_clock;

json::value parse_sources(const std::string& text) {
  if (text.empty()) return json::array();
  boost::system::error_code ec;
  json::value sources = json::parse(text, ec);
  return ec ? json::value(json::array()) : sources;
}

double rounded(double value) { return std::round(value * 1000.0) / 1000.0; }

}  // namespace

std::optional<Clock::time_point> parse_since(std::string_view text, Clock::time_point now) {
  if (text.empty()) return Clock::time_point{};
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    int year = 0, month = 0, day = 0;
    const auto number = [](std::string_view digits, int& value) {
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      return ec == std::errc() && end == digits.data() + digits.size();
    };
    if (!number(text.substr(0, 4), year) || !number(text.substr(5, 2), month) || !number(text.substr(8, 2), day))
      return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                           std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok()) return std::nullopt;
    return Clock::time_point(std::chrono::sys_days(date));
  }
  long count = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, count);
  if (ec != std::errc() || end != text.data() + text.size() - 1 || count < 0 || count > 100'000) return std::nullopt;
  switch (text.back()) {
    case 'd':
      return now - std::chrono::days(count);
    case 'h':
      return now - std::chrono::hours(count);
    case 'm':
      return now - std::chrono::minutes(count);
    default:
      return std::nullopt;
  }
}

std::string utc_time(Clock::time_point at) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(at);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{seconds - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<long>(time.hours().count()), static_cast<long>(time.minutes().count()),
                static_cast<long>(time.seconds().count()));
  return text;
}

json::object unanswered_json(const std::vector<UnansweredGroup>& groups) {
  json::array list;
  for (const auto& group : groups)
    list.push_back(json::object{{"normalized", group.normalized},
                                {"count", group.count},
                                {"first_seen", utc_time(group.first_seen)},
                                {"last_seen", utc_time(group.last_seen)},
                                {"example", group.example},
                                {"miss", group.miss},
                                {"guess", {{"intent", group.intent}, {"confidence", rounded(group.confidence)}}},
                                {"sources", parse_sources(group.sources_json)}});
  return {{"unanswered", std::move(list)}};
}

json::object feedback_json(const std::vector<FeedbackEntry>& entries) {
  json::array list;
  for (const auto& entry : entries)
    list.push_back(json::object{{"answer_id", entry.answer_id},
                                {"at", utc_time(entry.at)},
                                {"helpful", entry.helpful},
                                {"comment", entry.comment},
                                {"question", entry.question},
                                {"intent", entry.intent},
                                {"confidence", rounded(entry.confidence)},
                                {"channel", entry.channel},
                                {"sources", parse_sources(entry.sources_json)}});
  return {{"feedback", std::move(list)}};
}

json::object stats_json(const std::vector<DayStats>& days) {
  json::array list;
  for (const auto& day : days) {
    json::object intents;
    for (const auto& [intent, count] : day.intents) intents[intent] = count;
    const auto rate = [](std::uint64_t part, std::uint64_t whole) -> json::value {
      if (whole == 0) return nullptr;
      return rounded(static_cast<double>(part) / static_cast<double>(whole));
    };
    list.push_back(json::object{
        {"day", day.day},
        {"questions", day.questions},
        {"intents", std::move(intents)},
        {"out_of_scope", day.out_of_scope},
        {"out_of_scope_rate", rate(day.out_of_scope, day.questions)},
        {"feedback", day.feedback},
        {"helpful", day.helpful},
        {"helpful_rate", rate(day.helpful, day.feedback)},
        {"latency_ms",
         {{"p50", rounded(day.latency_p50_ms)}, {"p90", rounded(day.latency_p90_ms)}, {"p99", rounded(day.latency_p99_ms)}}}});
  }
  return {{"days", std::move(list)}};
}

json::object question_set_line(const UnansweredGroup& group) {
  return {{"text", group.example},
          {"intent", nullptr},
          {"entities", json::object()},
          {"expect", json::object()},
          {"suggestion", {{"intent", group.intent}, {"confidence", rounded(group.confidence)}}},
          {"count", group.count},
          {"miss", group.miss}};
}

}  // namespace bot
