// Must compile: the core includes its own headers and those of the layers below it.
#include "bot/engine.hpp"
#include "intents/matcher.hpp"
#include "knowledge/knowledge_base.hpp"
