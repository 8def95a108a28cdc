// `mlops-bot review`: what the learning loop recorded (serve's --learning-db, or with
// --sessions redis://... what every replica recorded in that Redis), in the terminal
// as tables, as JSON (--json, the admin views' objects), or the unanswered questions written as
// a question set to label (--export FILE.jsonl, ../shared/eval/README.md's format).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <boost/json.hpp>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/engine_options.hpp"
#include "adapters/cli/learning_options.hpp"
#include "adapters/cli/sessions_option.hpp"
#include "bot/answer.hpp"
#include "bot/learning_report.hpp"
#include "bot/learning_store.hpp"

namespace po = boost::program_options;

namespace cli {
namespace {

// `text` cut to at most `width` bytes at a UTF-8 character boundary, "…" marking the cut.
std::string clip(std::string_view text, std::size_t width) {
  if (text.size() <= width) return std::string(text);
  std::size_t end = width - 1;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "…";
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "-";
  char text[16];
  std::snprintf(text, sizeof text, "%.0f%%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return text;
}

// A bar of `value` against `largest`, at most 20 blocks wide.
std::string bar(std::uint64_t value, std::uint64_t largest) {
  if (largest == 0) return {};
  const auto blocks = std::max<std::uint64_t>(value > 0 ? 1 : 0, value * 20 / largest);
  std::string out;
  for (std::uint64_t i = 0; i < blocks; ++i) out += "█";
  return out;
}

void print_tables(const std::vector<bot::DayStats>& days, const std::vector<bot::UnansweredGroup>& groups,
                  const std::vector<bot::FeedbackEntry>& feedback, std::ostream& out) {
  char line[512];
  out << "Per day\n";
  std::uint64_t busiest = 0;
  for (const auto& day : days) busiest = std::max(busiest, day.questions);
  std::snprintf(line, sizeof line, "  %-10s %9s %12s %8s %8s %8s  %s\n", "day", "questions", "out of scope",
                "helpful", "p50 ms", "p99 ms", "");
  out << line;
  for (const auto& day : days) {
    std::snprintf(line, sizeof line, "  %-10s %9llu %12s %8s %8.2f %8.2f  ", day.day.c_str(),
                  static_cast<unsigned long long>(day.questions), percent(day.out_of_scope, day.questions).c_str(),
                  percent(day.helpful, day.feedback).c_str(), day.latency_p50_ms, day.latency_p99_ms);
    out << line << bar(day.questions, busiest) << "\n";
  }
  if (days.empty()) out << "  (nothing recorded)\n";

  out << "\nUnanswered (most frequent first)\n";
  std::snprintf(line, sizeof line, "  %5s  %-20s %-14s %-16s %s\n", "count", "last seen", "why", "guess", "example");
  out << line;
  for (const auto& group : groups) {
    std::snprintf(line, sizeof line, "  %5llu  %-20s %-14s %-16s ", static_cast<unsigned long long>(group.count),
                  bot::utc_time(group.last_seen).c_str(), group.miss.c_str(), clip(group.intent, 16).c_str());
    out << line << clip(group.example, 70) << "\n";
  }
  if (groups.empty()) out << "  (none)\n";

  out << "\nFeedback (latest first)\n";
  for (const auto& entry : feedback) {
    std::snprintf(line, sizeof line, "  %-20s %-4s %-16s ", bot::utc_time(entry.at).c_str(),
                  entry.helpful ? "good" : "bad", clip(entry.intent, 16).c_str());
    out << line << clip(entry.question, 50);
    if (!entry.comment.empty()) out << "  — " << clip(entry.comment, 60);
    out << "\n";
  }
  if (feedback.empty()) out << "  (none)\n";
}

}  // namespace

int run_review(Args args) {
  po::options_description description("review options");
  description.add_options()
      ("since", po::value<std::string>()->default_value("7d"), "from when: 7d, 12h, 30m or a date (2026-11-30); "
                                                              "\"\" for all that is kept")
      ("limit", po::value<std::size_t>()->default_value(50), "rows of each list at most")
      ("json", po::bool_switch(), "print {\"days\", \"unanswered\", \"feedback\"} as JSON, as GET /admin/* answers")
      ("export", po::value<std::string>(), "write the unanswered questions to FILE.jsonl as a question set to label")
      ("db", po::value<std::string>()->default_value(bot::EngineOptions::defaults().db_path.string()),
       "the knowledge base file (the learning file's default folder); env MLOPS_BOT_DB")
      ("sessions", po::value<std::string>()->default_value(""),
       "redis://HOST[:PORT][/DB]: read what the replicas serving with this --sessions recorded there, instead of "
       "the learning file (password: MLOPS_BOT_REDIS_PASSWORD)");
  add_learning_db_option(description);
  po::variables_map values;
  int exit_code = 0;
  if (!parse_command_line(args, "mlops-bot review [OPTIONS]", description, {}, values, exit_code)) return exit_code;

  const auto since = bot::parse_since(values["since"].as<std::string>(), std::chrono::system_clock::now());
  if (!since) {
    std::cerr << "mlops-bot review: --since must be like 7d, 12h, 30m or 2026-11-30\n";
    return 2;
  }
  const auto limit = values["limit"].as<std::size_t>();
  const auto& sessions = values["sessions"].as<std::string>();
  if (!sessions.empty() && !is_redis_setting(sessions)) {
    std::cerr << "mlops-bot review: --sessions must be redis://HOST[:PORT][/DB] (or left out for the learning file)\n";
    return 2;
  }
  const auto path = learning_db_path(values, values["db"].as<std::string>());
  if (sessions.empty() && !std::filesystem::exists(path)) {
    std::cerr << "mlops-bot review: no learning file at " << path.string()
              << " (serve records there unless --learning off; give --learning-db or --db)\n";
    return 1;
  }
  try {
    const adapters::JsonLog log(adapters::LogLevel::off);  // a failure is the error printed below
    std::shared_ptr<bot::LearningLog> shared = make_review_learning_store(sessions, log);
    std::shared_ptr<bot::LearningLog> opened =
        shared ? shared : std::make_shared<bot::LearningStore>(path, bot::LearningLimits{});
    auto& store = *opened;
    const auto groups = store.unanswered(*since, limit);
    if (values.count("export")) {
      const auto& file = values["export"].as<std::string>();
      std::ofstream out(file);
      for (const auto& group : groups) out << bot::serialize(bot::question_set_line(group)) << "\n";
      if (!out.flush()) {
        std::cerr << "mlops-bot review: cannot write " << file << "\n";
        return 1;
      }
      std::cout << "wrote " << groups.size() << " questions to " << file
                << "; give each its \"intent\" (the suggestion is the bot's guess) and expectations\n";
      return 0;
    }
    const auto days = store.stats(*since);
    const auto feedback = store.feedback(*since, limit);
    if (values["json"].as<bool>()) {
      boost::json::object all = bot::stats_json(days);
      all["unanswered"] = bot::unanswered_json(groups).at("unanswered");
      all["feedback"] = bot::feedback_json(feedback).at("feedback");
      std::cout << bot::serialize(all) << "\n";
      return 0;
    }
    print_tables(days, groups, feedback, std::cout);
  } catch (const std::exception& error) {
    std::cerr << "mlops-bot review: " << error.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace cli
