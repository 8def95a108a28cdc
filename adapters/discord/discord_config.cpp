#include "adapters/discord/discord_config.hpp"

#include <boost/json.hpp>

#include "adapters/common/secret_environment.hpp"

namespace adapters::discord {

std::optional<DiscordConfig> DiscordConfig::from_environment(const JsonLog& log) {
  DiscordConfig config;
  config.public_key = setting_from_environment("DISCORD_PUBLIC_KEY");
  config.application_id = setting_from_environment("DISCORD_APPLICATION_ID");
  config.bot_token = secret_from_environment("DISCORD_BOT_TOKEN");
  if (auto base = setting_from_environment("DISCORD_API_BASE"); !base.empty()) config.api_base = std::move(base);
  if (!config.public_key.empty()) return config;

  // Nothing set is no Discord, as intended; the registration's variables without the key that
  // verifies requests look like a serve that was meant to answer Discord.
  boost::json::array set;
  if (!config.application_id.empty()) set.emplace_back("DISCORD_APPLICATION_ID");
  if (!config.bot_token.empty()) set.emplace_back("DISCORD_BOT_TOKEN");
  if (!set.empty())
    log.write(LogLevel::warn, "discord.disabled",
              {{"set", std::move(set)},
               {"missing", "DISCORD_PUBLIC_KEY"},
               {"effect", "/discord/interactions is off: see docs/discord.md"}});
  return std::nullopt;
}

}  // namespace adapters::discord
