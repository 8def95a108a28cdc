#include "adapters/discord/discord_config.hpp"

#include <cstdlib>

#include "adapters/secret_environment.hpp"

namespace adapters::discord {
namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

std::optional<DiscordConfig> DiscordConfig::from_environment() {
  DiscordConfig config;
  config.public_key = environment("DISCORD_PUBLIC_KEY");
  config.application_id = environment("DISCORD_APPLICATION_ID");
  config.bot_token = secret_from_environment("DISCORD_BOT_TOKEN");
  if (auto base = environment("DISCORD_API_BASE"); !base.empty()) config.api_base = std::move(base);
  if (config.public_key.empty()) return std::nullopt;
  return config;
}

}  // namespace adapters::discord
