#include "adapters/slack/log_line.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

#include <boost/json/serialize.hpp>

namespace adapters {
namespace {

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const auto seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  const auto length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + length, sizeof text - length, ".%03dZ", static_cast<int>(millis));
  return text;
}

}  // namespace

void log_line(LogSeverity level, std::string_view event, boost::json::object fields) {
  boost::json::object line;
  line["time"] = utc_now();
  line["level"] = level == LogSeverity::warn ? "warn" : "info";
  line["event"] = event;
  for (auto& field : fields) line[field.key()] = std::move(field.value());
  std::string text = boost::json::serialize(line);
  text += '\n';
  // One fwrite per line so lines from several threads do not interleave.
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace adapters
