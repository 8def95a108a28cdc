// Must compile: the Discord adapter includes its own headers, the shared ones and the core's.
#include "adapters/common/https_client.hpp"
#include "adapters/discord/discord_message.hpp"
#include "bot/answer.hpp"
