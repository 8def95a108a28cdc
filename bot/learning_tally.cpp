#include "bot/learning_tally.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace bot {
namespace {

using Clock = std::chrono::system_clock;

// "2026-12-01": the UTC day of `at`, as SQLite's date(at, 'unixepoch') writes it.
std::string utc_day(Clock::time_point at) {
  const std::chrono::year_month_day date{std::chrono::floor<std::chrono::days>(at)};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

}  // namespace

double latency_percentile_ms(const std::vector<std::int64_t>& sorted_us, double fraction) {
  if (sorted_us.empty()) return 0;
  // Nearest rank: the smallest value with at least `fraction` of the values at or below it.
  const auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(sorted_us.size())));
  return static_cast<double>(sorted_us[std::clamp<std::size_t>(rank, 1, sorted_us.size()) - 1]) / 1000.0;
}

void LearningTally::add(const LearningEvent& event) {
  const auto order = added_++;
  if (const auto* shared = std::get_if<SharedTurn>(&event)) {
    const AnsweredTurn& answered = **shared;
    if (answers_.contains(answered.answer_id)) return;
    Kept kept{answered, order};
    if (kept.turn.miss == Miss::none) {
      kept.turn.question.clear();
      kept.turn.sources_json.clear();
    }
    answers_.emplace(answered.answer_id, std::move(kept));
    return;
  }
  const auto& [turn, verdict] = std::get<FeedbackEvent>(event);
  // As the SQLite store does: feedback keeps its answer's question, and a 👎 makes a confident
  // answer a miss (a miss it had stays).
  const Miss judged = turn.miss != Miss::none ? turn.miss : verdict.helpful ? Miss::none : Miss::unhelpful;
  auto [found, inserted] = answers_.try_emplace(turn.answer_id, Kept{turn, order});
  auto& kept = found->second.turn;
  if (inserted) {
    kept.miss = judged;
  } else {
    kept.question = turn.question;
    kept.sources_json = turn.sources_json;
    if (kept.miss == Miss::none) kept.miss = judged;
  }
  feedback_.insert_or_assign(verdict.answer_id, verdict);
}

std::vector<UnansweredGroup> LearningTally::unanswered(Clock::time_point since, std::size_t limit) const {
  struct Group {
    UnansweredGroup group;
    const Kept* latest = nullptr;
  };
  std::unordered_map<std::string, Group> groups;
  for (const auto& [id, kept] : answers_) {
    const auto& turn = kept.turn;
    if (turn.miss == Miss::none || turn.question.empty() || turn.at < since) continue;
    auto normalized = normalize_for_grouping(turn.question);
    auto& entry = groups[normalized];
    if (entry.group.count++ == 0) {
      entry.group.normalized = std::move(normalized);
      entry.group.first_seen = entry.group.last_seen = turn.at;
    }
    entry.group.first_seen = std::min(entry.group.first_seen, turn.at);
    entry.group.last_seen = std::max(entry.group.last_seen, turn.at);
    if (!entry.latest || std::pair(turn.at, kept.order) > std::pair(entry.latest->turn.at, entry.latest->order))
      entry.latest = &kept;
  }
  std::vector<UnansweredGroup> result;
  result.reserve(groups.size());
  for (auto& [normalized, entry] : groups) {
    const auto& turn = entry.latest->turn;
    auto& group = entry.group;
    group.example = turn.question;
    group.intent = turn.intent;
    group.confidence = turn.confidence;
    group.miss = miss_name(turn.miss);
    group.sources_json = turn.sources_json;
    result.push_back(std::move(group));
  }
  std::sort(result.begin(), result.end(), [](const UnansweredGroup& a, const UnansweredGroup& b) {
    return a.count != b.count ? a.count > b.count : a.last_seen > b.last_seen;
  });
  if (result.size() > limit) result.resize(limit);
  return result;
}

std::vector<FeedbackEntry> LearningTally::feedback(Clock::time_point since, std::size_t limit) const {
  std::vector<FeedbackEntry> result;
  for (const auto& [id, verdict] : feedback_) {
    if (verdict.at < since) continue;
    FeedbackEntry entry{verdict.answer_id, verdict.at, verdict.helpful, verdict.comment, {}, {}, {}, {}, 0};
    if (const auto found = answers_.find(id); found != answers_.end()) {
      const auto& turn = found->second.turn;
      entry.question = turn.question;
      entry.intent = turn.intent;
      entry.channel = channel_name(turn.channel);
      entry.sources_json = turn.sources_json;
      entry.confidence = turn.confidence;
    }
    result.push_back(std::move(entry));
  }
  std::sort(result.begin(), result.end(), [](const FeedbackEntry& a, const FeedbackEntry& b) { return a.at > b.at; });
  if (result.size() > limit) result.resize(limit);
  return result;
}

std::vector<DayStats> LearningTally::stats(Clock::time_point since) const {
  std::map<std::string, DayStats> days;
  std::map<std::string, std::vector<std::int64_t>> latencies;
  for (const auto& [id, kept] : answers_) {
    const auto& turn = kept.turn;
    if (turn.at < since) continue;
    const auto name = utc_day(turn.at);
    auto& day = days[name];
    ++day.questions;
    ++day.intents[turn.intent];
    if (turn.intent == "out_of_scope") ++day.out_of_scope;
    latencies[name].push_back(turn.latency.count());
  }
  for (const auto& [id, verdict] : feedback_) {
    if (verdict.at < since) continue;
    auto& day = days[utc_day(verdict.at)];
    ++day.feedback;
    if (verdict.helpful) ++day.helpful;
  }
  std::vector<DayStats> result;
  for (auto& [name, day] : days) {
    day.day = name;
    if (auto found = latencies.find(name); found != latencies.end()) {
      auto& values = found->second;
      std::sort(values.begin(), values.end());
      day.latency_p50_ms = latency_percentile_ms(values, 0.50);
      day.latency_p90_ms = latency_percentile_ms(values, 0.90);
      day.latency_p99_ms = latency_percentile_ms(values, 0.99);
    }
    result.push_back(std::move(day));
  }
  return result;
}

}  // namespace bot
