// How much the JSON log writes (serve --log-level): lines at the level and above; off: none.
#pragma once

namespace adapters {

enum class LogLevel { debug, info, warn, off };

}  // namespace adapters
