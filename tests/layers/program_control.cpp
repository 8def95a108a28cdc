// Must compile: a program linking the server includes the server's public headers.
#include "adapters/server/corpus_watcher.hpp"
#include "adapters/server/server.hpp"
