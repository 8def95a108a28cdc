#include "adapters/common/adapter_log.hpp"

#include <ctime>

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

}  // namespace

void AdapterLog::write(LogLevel level, std::string_view event, boost::json::object fields) const {
  if (!enabled(level)) return;
  boost::json::object line;
  line["time"] = utc_now();
  line["level"] = level_name(level);
  line["event"] = event;
  for (auto& field : fields) line[field.key()] = std::move(field.value());
  std::string text = boost::json::serialize(line);
  text += '\n';
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fflush(out_);
}

void AdapterLog::write_limited(LogLevel level, std::string_view event, boost::json::object fields,
                               Clock::time_point now) {
  if (!enabled(level)) return;
  {
    std::lock_guard lock(mutex_);
    auto found = limited_.find(event);
    if (found == limited_.end()) {
      limited_.emplace(std::string(event), Window{now, 0});
    } else if (now - found->second.last_written < kLimitInterval) {
      ++found->second.suppressed;
      return;
    } else {
      if (found->second.suppressed > 0) fields["suppressed"] = found->second.suppressed;
      found->second = Window{now, 0};
    }
  }
  write(level, event, std::move(fields));
}

}  // namespace adapters
