// Must not compile: the Discord adapter includes one of Slack's headers. See CMakeLists.txt.
#include "adapters/slack/slack_config.hpp"
