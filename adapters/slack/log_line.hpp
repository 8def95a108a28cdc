// One structured log line on stderr for the platform adapters, in the server's format:
// {"time":"2026-11-28T16:40:01.123Z","level":"info","event":"...", ...fields}.
// Never pass a secret (token, signing secret) in `fields`.
#pragma once

#include <string_view>

#include <boost/json/object.hpp>

namespace adapters {

enum class LogSeverity { info, warn };

// Thread safety: callable from any thread; each line is written with a single write.
void log_line(LogSeverity level, std::string_view event, boost::json::object fields = {});

}  // namespace adapters
