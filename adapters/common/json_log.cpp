#include "adapters/common/json_log.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace adapters::server {

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        if (byte < 0x20) {
          out.append("\\u00").push_back(kHex[byte >> 4]);
          out.push_back(kHex[byte & 0xf]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void LogLine::key(std::string_view name) {
  if (!members_.empty()) members_.push_back(',');
  members_.push_back('"');
  members_.append(name).append("\":");
}

LogLine& LogLine::add(std::string_view name, std::string_view value) {
  key(name);
  append_json_string(members_, value);
  return *this;
}

LogLine& LogLine::add(std::string_view name, std::int64_t value) {
  key(name);
  members_.append(std::to_string(value));
  return *this;
}

LogLine& LogLine::add(std::string_view name, double value) {
  key(name);
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value);
  members_.append(text);
  return *this;
}

void JsonLog::write(LogLevel level, const LogLine& line) const {
  if (!enabled(level)) return;
  const auto now = std::chrono::system_clock::now();
  const auto seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char time[40];
  const int length = std::snprintf(time, sizeof time, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                                   utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                                   static_cast<int>(millis));
  static constexpr std::string_view kLevels[] = {"debug", "info", "warn"};
  std::string out;
  out.reserve(64 + line.members().size());
  out.append("{\"time\":\"").append(time, static_cast<std::size_t>(length)).append("\",\"level\":\"");
  out.append(kLevels[static_cast<int>(level)]).push_back('"');
  if (!line.members().empty()) out.append(",").append(line.members());
  out.append("}\n");
  // A failed log write has nowhere to be reported; the server carries on.
  std::size_t written = 0;
  while (written < out.size()) {
    const auto result = ::write(STDERR_FILENO, out.data() + written, out.size() - written);
    if (result <= 0) break;
    written += static_cast<std::size_t>(result);
  }
}

}  // namespace adapters::server
