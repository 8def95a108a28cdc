// One JSON object per line on stderr: the server's request and message log.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/server/server_config.hpp"

namespace adapters::server {

// Builds the members of one log line. Strings are escaped; keys are trusted literals.
class LogLine {
 public:
  LogLine& add(std::string_view key, std::string_view value);
  LogLine& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
  LogLine& add(std::string_view key, std::int64_t value);
  LogLine& add(std::string_view key, double value);
  const std::string& members() const { return members_; }

 private:
  void key(std::string_view name);
  std::string members_;
};

// Appends `text` to `out` as a JSON string literal (quotes included).
void append_json_string(std::string& out, std::string_view text);

// Thread safety: write() may be called from any thread; each line goes out in one write(2),
// so lines from different threads never interleave.
class JsonLog {
 public:
  explicit JsonLog(LogLevel level) : level_(level) {}
  bool enabled(LogLevel level) const { return level_ != LogLevel::off && level >= level_; }
  // {"time":"2026-11-28T16:40:01.123Z","level":"info",<members>}
  void write(LogLevel level, const LogLine& line) const;

 private:
  LogLevel level_;
};

}  // namespace adapters::server
