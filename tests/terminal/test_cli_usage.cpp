// The command line as a user meets it: every subcommand's --help prints its help and exits 0
// (even where arguments are required), and a mistyped flag gets the error and a pointer to
// --help, short enough that the error stays on the screen; and review over a learning file.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <fstream>
#include <string>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "../platforms/server_process.hpp"
#include "bot/learning_store.hpp"

namespace {

const char* const kCommands[] = {"ask", "index", "facts", "eval", "serve", "chat", "bench", "discord-register", "review"};

std::size_t lines_of(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("every subcommand's --help prints its help and exits 0", "[cli]") {
  for (const std::string command : kCommands) {
    for (const char* flag : {"--help", "-h"}) {
      std::string output;
      const int status = platforms_test::run_command({command, flag}, {}, output);
      INFO(command << " " << flag << ":\n" << output);
      CHECK(status == 0);
      CHECK(output.starts_with("usage: mlops-bot " + command));
      CHECK(output.find("--help") != std::string::npos);
    }
  }
  std::string output;
  CHECK(platforms_test::run_command({"--help"}, {}, output) == 0);
  CHECK(output.find("commands:") != std::string::npos);
}

TEST_CASE("a mistyped flag gets the error and one line pointing to --help", "[cli]") {
  for (const std::string command : kCommands) {
    std::string output;
    const int status = platforms_test::run_command({command, "--no-such-flag"}, {}, output);
    INFO(command << ":\n" << output);
    CHECK(status == 2);
    CHECK(output.starts_with("mlops-bot " + command + ": "));
    CHECK(output.find("--no-such-flag") != std::string::npos);
    CHECK(output.find("mlops-bot " + command + " --help") != std::string::npos);
    CHECK(lines_of(output) == 2);
  }
}

TEST_CASE("a bad value or a missing argument is reported the same short way", "[cli]") {
  std::string output;
  CHECK(platforms_test::run_command({"bench", "-c", "many", "ws://127.0.0.1:9/v1/chat"}, {}, output) == 2);
  INFO(output);
  CHECK(output.find("'many'") != std::string::npos);
  CHECK(lines_of(output) == 2);
  output.clear();
  CHECK(platforms_test::run_command({"eval"}, {}, output) == 2);
  CHECK(output.find("file") != std::string::npos);
  CHECK(lines_of(output) == 2);
}

TEST_CASE("index says per document what it read, and facts lists it with its sources", "[cli]") {
  const std::filesystem::path corpus = std::filesystem::path(MLOPS_BOT_SOURCE_DIR) / "tests/eval/docs-dev";
  const auto db = std::filesystem::temp_directory_path() / "mlops-bot-cli-index-test.db";
  std::filesystem::remove(db);
  std::string output;
  REQUIRE(platforms_test::run_command({"index", "--corpus", corpus.string(), "--db", db.string()}, {}, output) == 0);
  INFO(output);
  CHECK(output.find("machine-learning-engineer-salary-india.md (markdown)") != std::string::npos);
  CHECK(output.find("about ml_engineer; 4 salary figures") != std::string::npos);
  CHECK(output.find("cloud-engineer-salary-india.html (html)") != std::string::npos);
  CHECK(output.find("skipped README.md") == std::string::npos);  // a Markdown file is a document

  output.clear();
  const std::vector<std::string> facts = {"facts", "--corpus", corpus.string(), "--db", db.string(), "--role", "ml_engineer"};
  REQUIRE(platforms_test::run_command(facts, {}, output) == 0);
  CHECK(output.find("ml_engineer | entry, 0–2 years | ₹7–12 LPA | machine-learning-engineer-salary-india") != std::string::npos);
  CHECK(output.find("cloud_engineer |") == std::string::npos);  // only the role asked for

  output.clear();
  CHECK(platforms_test::run_command({"facts", "--corpus", corpus.string(), "--db", db.string(), "--role", "astronaut"}, {},
                                    output) == 1);
  CHECK(output.find("name no role \"astronaut\"") != std::string::npos);
  CHECK(output.find("ml_engineer") != std::string::npos);

  // Indexing a folder without documents fails and leaves the knowledge base as it was.
  const auto empty = std::filesystem::temp_directory_path() / "mlops-bot-cli-empty-corpus";
  std::filesystem::create_directories(empty);
  const auto size_before = std::filesystem::file_size(db);
  output.clear();
  CHECK(platforms_test::run_command({"index", "--corpus", empty.string(), "--db", db.string()}, {}, output) != 0);
  CHECK(output.find("no documents") != std::string::npos);
  REQUIRE(std::filesystem::exists(db));
  CHECK(std::filesystem::file_size(db) == size_before);
  output.clear();
  CHECK(platforms_test::run_command(facts, {}, output) == 0);  // still answers from it
  std::filesystem::remove(empty);
  std::filesystem::remove(db);
}

TEST_CASE("review shows, as tables or JSON, and exports what serve recorded", "[cli][learning]") {
  const auto file = std::filesystem::temp_directory_path() / ("mlops-bot-review-" + std::to_string(getpid()) + ".db");
  const auto exported = std::filesystem::path(file.string() + ".jsonl");
  const auto now = std::chrono::system_clock::now();
  {
    bot::LearningStore store(file, {});
    const auto turn = [&](std::string id, std::string question, std::chrono::minutes ago) {
      return std::make_shared<const bot::AnsweredTurn>(
          bot::AnsweredTurn{std::move(id), now - ago, bot::Channel::ws, "out_of_scope", 0.2,
                            std::chrono::microseconds(900), bot::Miss::out_of_scope, std::move(question), "[]"});
    };
    store.write({turn("a-1", "How do I bake bread?", std::chrono::minutes(5)),
                 turn("a-2", "how do i bake bread", std::chrono::minutes(3)),
                 turn("a-3", "Who won the match?", std::chrono::minutes(1)),
                 turn("a-4", "An old one", std::chrono::minutes(60 * 24 * 10))});
  }
  const std::string db = file.string();
  std::string output;
  REQUIRE(platforms_test::run_command({"review", "--learning-db", db, "--json"}, {}, output) == 0);
  const auto all = boost::json::parse(output).as_object();
  const auto& unanswered = all.at("unanswered").as_array();
  REQUIRE(unanswered.size() == 2);  // the 10-day-old one is before the default --since 7d
  CHECK(unanswered[0].at("count") == 2);
  CHECK(unanswered[0].at("example") == "how do i bake bread");
  CHECK(all.at("days").as_array().size() >= 1);
  CHECK(all.at("feedback").as_array().empty());

  output.clear();
  REQUIRE(platforms_test::run_command({"review", "--learning-db", db, "--since", "30d"}, {}, output) == 0);
  CHECK(output.find("Unanswered") != std::string::npos);
  CHECK(output.find("An old one") != std::string::npos);
  CHECK(output.find("how do i bake bread") != std::string::npos);

  output.clear();
  REQUIRE(platforms_test::run_command({"review", "--learning-db", db, "--export", exported.string()}, {}, output) == 0);
  std::ifstream lines(exported);
  std::string first;
  REQUIRE(std::getline(lines, first));
  const auto line = boost::json::parse(first).as_object();
  CHECK(line.at("text") == "how do i bake bread");
  CHECK(line.at("intent").is_null());
  CHECK(line.at("suggestion").at("intent") == "out_of_scope");

  output.clear();
  CHECK(platforms_test::run_command({"review", "--learning-db", db, "--since", "last week"}, {}, output) == 2);
  output.clear();
  CHECK(platforms_test::run_command({"review", "--learning-db", db + ".missing"}, {}, output) == 1);
  CHECK(output.find("no learning file") != std::string::npos);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
  std::filesystem::remove(exported);
}
