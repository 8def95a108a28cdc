// Must not compile: the core (bot/) includes an adapter's header. See CMakeLists.txt.
#include "adapters/common/answer_parts.hpp"
