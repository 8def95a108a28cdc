// The one JSON log of the adapters (adapters/common/json_log.hpp): the server's lines and the
// platform adapters' share its format, level and limits.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include "adapters/common/json_log.hpp"

namespace {

// The lines a JsonLog wrote, read back from an in-memory stream.
struct CapturedLog {
  char* text = nullptr;
  std::size_t size = 0;
  std::FILE* stream = open_memstream(&text, &size);
  ~CapturedLog() {
    std::fclose(stream);
    std::free(text);
  }
  std::string lines() {
    std::fflush(stream);
    return std::string(text, size);
  }
};

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

}  // namespace

TEST_CASE("the log keeps to its level") {
  CapturedLog out;
  adapters::JsonLog warn_only(adapters::LogLevel::warn, out.stream);
  warn_only.write(adapters::LogLevel::info, "slack.enabled");
  warn_only.write(adapters::LogLevel::warn, "slack.api_error", {{"error", "ratelimited"}});
  const auto lines = out.lines();
  CHECK(lines.find("slack.enabled") == std::string::npos);
  CHECK(count_of(lines, "\"level\":\"warn\",\"event\":\"slack.api_error\"") == 1);

  CapturedLog silent_out;
  adapters::JsonLog silent(adapters::LogLevel::off, silent_out.stream);
  silent.write(adapters::LogLevel::warn, "slack.api_error");
  silent.write_limited(adapters::LogLevel::warn, "slack.request_refused", {{"reason", "missing"}});
  CHECK(silent_out.lines().empty());
}

TEST_CASE("refused requests are logged at most once per interval, with the number left out") {
  using namespace std::chrono_literals;
  CapturedLog out;
  adapters::JsonLog log(adapters::LogLevel::info, out.stream);
  const auto start = adapters::JsonLog::Clock::now();
  const auto refused = [&](const char* event, const char* reason, auto when) {
    log.write_limited(adapters::LogLevel::warn, event, {{"reason", reason}}, when);
  };
  for (int i = 0; i < 1000; ++i) refused("slack.request_refused", "missing", start + i * 1ms);
  refused("discord.request_refused", "stale", start + 1s);  // another kind has its own interval
  CHECK(count_of(out.lines(), "slack.request_refused") == 1);
  CHECK(count_of(out.lines(), "discord.request_refused") == 1);
  CHECK(out.lines().find("suppressed") == std::string::npos);

  refused("slack.request_refused", "mismatch", start + adapters::JsonLog::kLimitInterval);
  const auto lines = out.lines();
  CHECK(count_of(lines, "slack.request_refused") == 2);
  CHECK(lines.find("\"reason\":\"mismatch\",\"suppressed\":999") != std::string::npos);
}

TEST_CASE("a line holds the time, the level and its members in order, escaped, durations with three decimals") {
  CapturedLog out;
  adapters::JsonLog log(adapters::LogLevel::debug, out.stream);
  log.write(adapters::LogLevel::info, adapters::LogLine()
                                          .add("event", "request")
                                          .add("path", "/v1/ask?q=\"quoted\"\n\x01")
                                          .add("status", std::int64_t{200})
                                          .add("took_ms", 1.23456));
  const auto line = out.lines();
  REQUIRE(line.ends_with("}\n"));
  CHECK(line.starts_with("{\"time\":\""));
  CHECK(line.find("\",\"level\":\"info\",\"event\":\"request\",\"path\":\"/v1/ask?q=\\\"quoted\\\"\\n\\u0001\","
                  "\"status\":200,\"took_ms\":1.235}") != std::string::npos);
  const auto parsed = boost::json::parse(line).as_object();
  CHECK(parsed.at("path").as_string() == "/v1/ask?q=\"quoted\"\n\x01");
  // 2026-11-28T16:40:01.123Z
  const auto time = std::string(parsed.at("time").as_string());
  CHECK(time.size() == 24);
  CHECK(time[10] == 'T');
  CHECK(time.ends_with("Z"));
}

TEST_CASE("copies of a log share its limits") {
  CapturedLog out;
  const adapters::JsonLog log(adapters::LogLevel::info, out.stream);
  const adapters::JsonLog copy = log;
  const auto now = adapters::JsonLog::Clock::now();
  log.write_limited(adapters::LogLevel::warn, "discord.request_refused", {{"reason", "bad_signature"}}, now);
  copy.write_limited(adapters::LogLevel::warn, "discord.request_refused", {{"reason", "bad_signature"}}, now);
  CHECK(count_of(out.lines(), "discord.request_refused") == 1);
}
