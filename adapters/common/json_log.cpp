#include "adapters/common/json_log.hpp"

#include <cmath>
#include <ctime>
#include <map>
#include <mutex>
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
  char text[40];
  const auto length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(text + length, sizeof text - length, ".%03dZ", static_cast<int>(millis));
  return text;
}

std::string_view level_name(LogLevel level) {
  switch (level) {
    case LogLevel::debug:
      return "debug";
    case LogLevel::info:
      return "info";
    default:
      return "warn";
  }
}

// Boost.JSON writes every double in exponent form (1.5E0); a log is read by people too.
void append_value(std::string& out, const boost::json::value& value) {
  if (value.is_double() && std::isfinite(value.get_double())) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value.get_double());
    out += text;
  } else {
    out += boost::json::serialize(value);
  }
}

}  // namespace

struct JsonLog::Limits {
  struct Window {
    Clock::time_point last_written;
    std::uint64_t suppressed = 0;
  };
  std::mutex mutex;
  std::map<std::string, Window, std::less<>> windows;  // by event: a fixed set of names
};

LogLine& LogLine::add(std::string_view key, std::string_view value) {
  members_[key] = value;
  return *this;
}

LogLine& LogLine::add(std::string_view key, std::int64_t value) {
  members_[key] = value;
  return *this;
}

LogLine& LogLine::add(std::string_view key, double value) {
  members_[key] = value;
  return *this;
}

JsonLog::JsonLog(LogLevel minimum, std::FILE* out)
    : minimum_(minimum), out_(out), limits_(std::make_shared<Limits>()) {}

void JsonLog::write(LogLevel level, const LogLine& line) const {
  if (enabled(level)) write_members(level, line.members());
}

void JsonLog::write(LogLevel level, std::string_view event, boost::json::object fields) const {
  if (!enabled(level)) return;
  boost::json::object members;
  members.reserve(fields.size() + 1);
  members["event"] = event;
  for (auto& field : fields) members[field.key()] = std::move(field.value());
  write_members(level, members);
}

void JsonLog::write_members(LogLevel level, const boost::json::object& members) const {
  std::string out;
  out.reserve(64 + 32 * members.size());
  out.append("{\"time\":\"").append(utc_now()).append("\",\"level\":\"").append(level_name(level)).append("\"");
  for (const auto& member : members) {
    out += ',';
    out += boost::json::serialize(boost::json::string_view(member.key()));
    out += ':';
    append_value(out, member.value());
  }
  out.append("}\n");
  // One fwrite on a stream that is unbuffered (stderr) or flushed at once: one line, one write.
  // A failed log write has nowhere to be reported; the program carries on.
  std::fwrite(out.data(), 1, out.size(), out_);
  std::fflush(out_);
}

void JsonLog::write_limited(LogLevel level, std::string_view event, boost::json::object fields,
                            Clock::time_point now) const {
  if (!enabled(level)) return;
  {
    std::lock_guard lock(limits_->mutex);
    auto& windows = limits_->windows;
    auto found = windows.find(event);
    if (found == windows.end()) {
      windows.emplace(std::string(event), Limits::Window{now, 0});
    } else if (now - found->second.last_written < kLimitInterval) {
      ++found->second.suppressed;
      return;
    } else {
      if (found->second.suppressed > 0) fields["suppressed"] = found->second.suppressed;
      found->second = Limits::Window{now, 0};
    }
  }
  write(level, event, std::move(fields));
}

}  // namespace adapters
