#include "adapters/slack/slack_config.hpp"

#include <boost/json.hpp>

#include "adapters/common/secret_environment.hpp"

namespace adapters::slack {

std::optional<SlackConfig> SlackConfig::from_environment(const JsonLog& log) {
  SlackConfig config;
  config.signing_secret = secret_from_environment("SLACK_SIGNING_SECRET");
  config.bot_token = secret_from_environment("SLACK_BOT_TOKEN");
  config.app_token = secret_from_environment("SLACK_APP_TOKEN");
  if (auto base = setting_from_environment("SLACK_API_BASE"); !base.empty()) config.api_base = std::move(base);
  const bool can_receive = !config.signing_secret.empty() || !config.app_token.empty();
  if (!config.bot_token.empty() && can_receive) return config;

  // Nothing set is no Slack, as intended; part of it set is a mistake worth a line.
  boost::json::array set;
  if (!config.bot_token.empty()) set.emplace_back("SLACK_BOT_TOKEN");
  if (!config.signing_secret.empty()) set.emplace_back("SLACK_SIGNING_SECRET");
  if (!config.app_token.empty()) set.emplace_back("SLACK_APP_TOKEN");
  if (!set.empty())
    log.write(LogLevel::warn, "slack.disabled",
              {{"set", std::move(set)},
               {"missing", config.bot_token.empty() ? "SLACK_BOT_TOKEN" : "SLACK_SIGNING_SECRET or SLACK_APP_TOKEN"},
               {"effect", "Slack is off: see docs/slack.md"}});
  return std::nullopt;
}

}  // namespace adapters::slack
