// Must not compile: the knowledge layer includes the core above it. See CMakeLists.txt.
#include "bot/answer.hpp"
