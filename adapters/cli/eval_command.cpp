// `mlops-bot eval [--quiet] [--json] [--min-intent X] [--min-answer X] [--min-turns X] FILE...`:
// scores the engine on question sets (../shared/eval/README.md), like `rasa test`.
//
// Every set is read and checked before the engine opens, so a broken line fails fast
// (exit 2, naming the file and line). Each single question is asked in a fresh
// conversation and each dialog's turns in order in one, in process; the answers are judged
// by evaluation/evaluation.hpp exactly as ../shared/eval/score.py judges `ask --json`, so the totals
// agree with it. Exit 0, or 1 when a --min-* threshold is not met.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/engine_options.hpp"
#include "evaluation/evaluation.hpp"

namespace po = boost::program_options;
namespace json = boost::json;

namespace cli {
namespace {

// The confused pairs the text report shows; --json lists them all.
constexpr std::size_t kConfusedShown = 10;

// Reads every question set; throws std::runtime_error("FILE:LINE: what is wrong").
std::vector<evaluation::Session> read_sets(const std::vector<std::string>& files) {
  std::vector<evaluation::Session> sessions;
  for (const auto& file : files) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error(file + ": cannot open");
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t\v\f") == std::string::npos) continue;  // score.py skips blank lines
      const auto where = file + ":" + std::to_string(number) + ": ";
      boost::system::error_code error;
      const auto value = json::parse(line, error);
      if (error) throw std::runtime_error(where + "not JSON: " + error.message());
      try {
        sessions.push_back(evaluation::parse_session(value));
      } catch (const std::invalid_argument& bad) {
        throw std::runtime_error(where + bad.what());
      }
    }
    if (in.bad()) throw std::runtime_error(file + ": read error");
  }
  return sessions;
}

// Asks every session in its own conversation. Should the engine throw, that turn and the
// rest of its dialog are answered {"error": ...}, as score.py scores a process that failed.
evaluation::Report run_sessions(const bot::Engine& engine, const std::vector<evaluation::Session>& sessions) {
  evaluation::Report report;
  for (const auto& session : sessions) {
    bot::Conversation conversation;
    std::optional<std::string> failure;
    for (const auto& question : session.questions) {
      json::object answer;
      if (!failure) {
        try {
          answer = bot::to_json(engine.ask(conversation, question.text));
        } catch (const std::exception& error) {
          failure = error.what();
        }
      }
      if (failure) answer = {{"error", *failure}};
      report.add(question, evaluation::judge(question, answer), session.dialog);
    }
  }
  return report;
}

std::string percent(double rate) {
  char out[16];
  std::snprintf(out, sizeof out, "%.1f%%", 100 * rate);
  return out;
}

void print_text(const evaluation::Report& report, bool quiet, std::ostream& out) {
  if (!quiet)
    for (const auto& miss : report.misses)
      out << "MISS " << evaluation::python_repr(json::value(miss.text)) << ": " << miss.why << "\n";

  const auto scores = evaluation::per_intent(report.confusion);
  if (!scores.empty()) {
    auto rows = scores;
    rows.push_back(evaluation::macro_average(scores));
    rows.push_back(evaluation::weighted_average(scores));
    std::size_t width = 6;
    for (const auto& score : rows) width = std::max(width, score.intent.size());
    char row[256];
    std::snprintf(row, sizeof row, "\n%-*s  precision  recall     f1  support\n", static_cast<int>(width), "intent");
    out << row;
    for (const auto& score : rows) {
      std::snprintf(row, sizeof row, "%-*s  %9.3f  %6.3f  %5.3f  %7d\n", static_cast<int>(width),
                    score.intent.c_str(), score.precision, score.recall, score.f1, score.support);
      out << row;
    }
  }
  if (const auto pairs = evaluation::most_confused(report.confusion, kConfusedShown); !pairs.empty()) {
    out << "\nmost confused (want -> got):\n";
    for (const auto& pair : pairs) out << "  " << pair.count << "\t" << pair.want << " -> " << pair.got << "\n";
  }

  // score.py's totals, line for line, so the two can be diffed.
  const auto& r = report;
  out << "\nintent accuracy: " << r.intents.right << "/" << r.intents.total << " = " << percent(r.intents.rate()) << "\n"
      << "entities right:  " << r.entities.right << "/" << r.entities.total << "\n"
      << "answers right:   " << r.answers.right << "/" << r.answers.total << " = " << percent(r.answers.rate()) << "\n";
  if (r.turns.total) out << "dialog turns right: " << r.turns.right << "/" << r.turns.total << "\n";
  if (quiet) return;
  // How far a confidence can be trusted: answers right per confidence bucket.
  out << "\ncalibration (confidence: answers right):\n";
  for (std::size_t bucket = 0; bucket < r.calibration.size(); ++bucket)
    if (r.calibration[bucket].total)
      out << "  " << evaluation::bucket_label(bucket) << "\t" << r.calibration[bucket].right << "/"
          << r.calibration[bucket].total << " = " << percent(r.calibration[bucket].rate()) << "\n";
  out << "clarifying questions asked: " << r.clarifications << "\n";
}

json::object count_json(const evaluation::Count& count) {
  return {{"right", count.right}, {"total", count.total}, {"rate", count.rate()}};
}

json::object score_json(const evaluation::IntentScore& score) {
  return {{"intent", score.intent},
          {"precision", score.precision},
          {"recall", score.recall},
          {"f1", score.f1},
          {"support", score.support}};
}

json::object report_json(const evaluation::Report& report, bool quiet, const evaluation::Thresholds& thresholds,
                         const std::vector<std::string>& unmet) {
  const auto scores = evaluation::per_intent(report.confusion);
  json::array intents;
  for (const auto& score : scores) intents.push_back(score_json(score));
  json::array confused;
  for (const auto& pair : evaluation::most_confused(report.confusion, std::numeric_limits<std::size_t>::max()))
    confused.push_back({{"want", pair.want}, {"got", pair.got}, {"count", pair.count}});

  json::object out{{"intent_accuracy", count_json(report.intents)},
                   {"entities", count_json(report.entities)},
                   {"answers", count_json(report.answers)},
                   {"dialog_turns", count_json(report.turns)},
                   {"intents", std::move(intents)},
                   {"macro_avg", score_json(evaluation::macro_average(scores))},
                   {"weighted_avg", score_json(evaluation::weighted_average(scores))},
                   {"confused", std::move(confused)},
                   {"thresholds", {{"intent", thresholds.intent},
                                   {"answer", thresholds.answer},
                                   {"turns", thresholds.turns},
                                   {"unmet", json::value_from(unmet)}}},
                   {"calibration", [&] {
                      json::array buckets;
                      for (std::size_t bucket = 0; bucket < report.calibration.size(); ++bucket)
                        buckets.push_back({{"confidence", evaluation::bucket_label(bucket)},
                                           {"right", report.calibration[bucket].right},
                                           {"total", report.calibration[bucket].total}});
                      return buckets;
                    }()},
                   {"clarifications", report.clarifications},
                   {"passed", report.passed()},
                   {"failed", report.failed()}};
  if (!quiet) {
    json::array misses;
    for (const auto& miss : report.misses)
      misses.push_back({{"text", miss.text}, {"why", miss.why}, {"dialog", miss.in_dialog}});
    out["misses"] = std::move(misses);
  }
  return out;
}

}  // namespace

int run_eval(Args args) {
  const char* usage = "mlops-bot eval [--quiet] [--json] [--min-intent X] [--min-answer X] [--min-turns X] FILE...";
  evaluation::Thresholds thresholds;
  po::options_description description("eval options");
  description.add_options()
      ("quiet", po::bool_switch(), "leave out the misses")
      ("json", po::bool_switch(), "print the report as one JSON object")
      ("min-intent", po::value(&thresholds.intent)->default_value(0), "exit 1 below this intent accuracy (0-1)")
      ("min-answer", po::value(&thresholds.answer)->default_value(0), "exit 1 below this answer pass rate (0-1)")
      ("min-turns", po::value(&thresholds.turns)->default_value(0), "exit 1 below this dialog turn pass rate (0-1)")
      ("file", po::value<std::vector<std::string>>()->required(), "question sets (.jsonl); dialogs have \"turns\"");
  add_engine_options(description);
  po::positional_options_description positional;
  positional.add("file", -1);
  po::variables_map values;
  int exit_code = 0;
  if (!parse_command_line(args, usage, description, positional, values, exit_code)) return exit_code;
  for (const double minimum : {thresholds.intent, thresholds.answer, thresholds.turns}) {
    if (!(minimum >= 0 && minimum <= 1)) {
      std::cerr << "mlops-bot eval: a --min-* threshold is a fraction from 0 to 1, not " << minimum << "\n";
      return 2;
    }
  }

  std::vector<evaluation::Session> sessions;
  std::shared_ptr<const bot::Engine> engine;
  try {
    sessions = read_sets(values["file"].as<std::vector<std::string>>());
    engine = bot::Engine::open(engine_options_from(values));
  } catch (const std::runtime_error& error) {
    // Nothing was scored: a setup error, not a low score.
    std::cerr << "mlops-bot eval: " << error.what() << "\n";
    return 2;
  }

  const auto report = run_sessions(*engine, sessions);
  const bool quiet = values["quiet"].as<bool>();
  const auto unmet = evaluation::unmet(report, thresholds);
  if (values["json"].as<bool>()) {
    std::cout << json::serialize(report_json(report, quiet, thresholds, unmet)) << "\n";
  } else {
    print_text(report, quiet, std::cout);
    std::cout.flush();
    for (const auto& line : unmet) std::cerr << "mlops-bot eval: below the threshold: " << line << "\n";
    std::cout << report.passed() << " passed, " << report.failed() << " failed\n";
  }
  return unmet.empty() ? 0 : 1;
}

}  // namespace cli
