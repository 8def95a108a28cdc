#include "adapters/slack/slack_config.hpp"

#include <cstdlib>

#include "adapters/secret_environment.hpp"

namespace adapters::slack {
namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

std::optional<SlackConfig> SlackConfig::from_environment() {
  SlackConfig config;
  config.signing_secret = secret_from_environment("SLACK_SIGNING_SECRET");
  config.bot_token = secret_from_environment("SLACK_BOT_TOKEN");
  config.app_token = secret_from_environment("SLACK_APP_TOKEN");
  if (auto base = environment("SLACK_API_BASE"); !base.empty()) config.api_base = std::move(base);
  if (config.bot_token.empty() || (config.signing_secret.empty() && config.app_token.empty())) return std::nullopt;
  return config;
}

}  // namespace adapters::slack
