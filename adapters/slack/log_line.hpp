// One structured log line on stderr for the platform adapters: {"event":"...", ...fields}.
// Never pass a secret (token, signing secret) in `fields`.
#pragma once

#include <string_view>

#include <boost/json/object.hpp>

namespace adapters {

// Thread safety: callable from any thread; each line is written with a single write.
void log_line(std::string_view event, boost::json::object fields = {});

}  // namespace adapters
