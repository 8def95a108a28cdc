// The platform adapters' (Slack, Discord) log: one JSON object per line on stderr, in the
// server's format {"time":"2026-11-28T16:40:01.123Z","level":"info","event":"...", ...fields},
// at the server's --log-level. Never pass a secret (token, signing secret) in `fields`.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "adapters/server/server_config.hpp"

namespace adapters {

using server::LogLevel;

// Thread safety: every member may be called from any thread; each line is written with a
// single write, so lines from several threads do not interleave.
class AdapterLog {
 public:
  using Clock = std::chrono::steady_clock;

  // Lines that requests can cause at will are written at most once per this interval each.
  static constexpr std::chrono::seconds kLimitInterval{10};

  // Writes lines at `minimum` and above (none at LogLevel::off) to `out`.
  explicit AdapterLog(LogLevel minimum, std::FILE* out = stderr) : minimum_(minimum), out_(out) {}

  bool enabled(LogLevel level) const { return minimum_ != LogLevel::off && level >= minimum_; }

  void write(LogLevel level, std::string_view event, boost::json::object fields = {}) const;

  // A line that a request can cause at will, such as one refused before it could be
  // authenticated (a bad signature, a stale timestamp) or a replay: so that such requests
  // cannot flood the log, at most one line per `event` is written per kLimitInterval; the next
  // one written carries "suppressed": the number left out since the previous one.
  void write_limited(LogLevel level, std::string_view event, boost::json::object fields,
                     Clock::time_point now = Clock::now());

 private:
  struct Window {
    Clock::time_point last_written;
    std::uint64_t suppressed = 0;
  };

  const LogLevel minimum_;
  std::FILE* const out_;
  std::mutex mutex_;
  std::map<std::string, Window, std::less<>> limited_;  // by event: a fixed set of names
};

}  // namespace adapters
