// The JSON log every adapter writes (the server, Slack, Discord, the command line): one object
// per line on stderr, {"time":"2026-11-28T16:40:01.123Z","level":"info","event":"...", ...}, at
// serve --log-level. Never pass a secret (token, signing secret, password) in a line.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string_view>

#include <boost/json/object.hpp>

#include "adapters/common/log_level.hpp"

namespace adapters {

// The members of one log line, in the order added. Keys are trusted literals.
class LogLine {
 public:
  LogLine& add(std::string_view key, std::string_view value);
  LogLine& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
  LogLine& add(std::string_view key, std::int64_t value);
  LogLine& add(std::string_view key, double value);  // written with three decimals
  const boost::json::object& members() const { return members_; }

 private:
  boost::json::object members_;
};

// Thread safety: every member may be called from any thread; each line is written with a
// single write, so lines from several threads do not interleave. Copies share the limits of
// write_limited().
class JsonLog {
 public:
  using Clock = std::chrono::steady_clock;

  // Lines that requests can cause at will are written at most once per this interval each.
  static constexpr std::chrono::seconds kLimitInterval{10};

  // Writes lines at `minimum` and above (none at LogLevel::off) to `out`.
  explicit JsonLog(LogLevel minimum, std::FILE* out = stderr);

  bool enabled(LogLevel level) const { return minimum_ != LogLevel::off && level >= minimum_; }

  // {"time":...,"level":...,<the line's members>}
  void write(LogLevel level, const LogLine& line) const;
  // {"time":...,"level":...,"event":event,<fields>}
  void write(LogLevel level, std::string_view event, boost::json::object fields = {}) const;

  // A line that a request can cause at will, such as one refused before it could be
  // authenticated (a bad signature, a stale timestamp) or a replay: so that such requests
  // cannot flood the log, at most one line per `event` is written per kLimitInterval; the next
  // one written carries "suppressed": the number left out since the previous one.
  void write_limited(LogLevel level, std::string_view event, boost::json::object fields,
                     Clock::time_point now = Clock::now()) const;

 private:
  struct Limits;

  void write_members(LogLevel level, const boost::json::object& members) const;

  LogLevel minimum_;
  std::FILE* out_;
  std::shared_ptr<Limits> limits_;
};

}  // namespace adapters
