// The Slack adapter's configuration, read from the environment only: secrets never come from
// flags and are never logged; each may instead be in a file named by its variable + "_FILE".
#pragma once

#include <optional>
#include <string>

#include "adapters/common/json_log.hpp"

namespace adapters::slack {

inline constexpr const char* kDefaultApiBase = "https://slack.com/api";

struct SlackConfig {
  std::string signing_secret;              // SLACK_SIGNING_SECRET: verifies HTTP requests; empty → no HTTP routes
  std::string bot_token;                   // SLACK_BOT_TOKEN (xoxb-…): posts answers
  std::string app_token;                   // SLACK_APP_TOKEN (xapp-…): Socket Mode; empty → no Socket Mode
  std::string api_base = kDefaultApiBase;  // SLACK_API_BASE, for tests against a local server

  // Empty unless SLACK_BOT_TOKEN is set together with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN
  // (without a way to receive questions and a way to answer them, nothing is started). When
  // some of them are set but not enough, `log` gets a warn line "slack.disabled" naming the
  // variables set and the ones missing (never a value).
  // Throws std::runtime_error naming the variable when a secret's file cannot be read.
  static std::optional<SlackConfig> from_environment(const JsonLog& log);
};

}  // namespace adapters::slack
