// Must not compile: a program linking the server includes one of its internals. See CMakeLists.txt.
#include "adapters/server/chat_protocol.hpp"
