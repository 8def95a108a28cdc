// The Discord adapter's configuration, read from the environment only: secrets never come
// from flags and are never logged; each may instead be in a file named by its variable + "_FILE".
#pragma once

#include <optional>
#include <string>

#include "adapters/common/json_log.hpp"

namespace adapters::discord {

inline constexpr const char* kDefaultApiBase = "https://discord.com/api/v10";

struct DiscordConfig {
  std::string public_key;                  // DISCORD_PUBLIC_KEY: 64 hex digits, verifies interactions
  std::string application_id;              // DISCORD_APPLICATION_ID: for registering the command
  std::string bot_token;                   // DISCORD_BOT_TOKEN: for registering the command
  std::string api_base = kDefaultApiBase;  // DISCORD_API_BASE, for tests against a local server

  // Empty unless DISCORD_PUBLIC_KEY is set (the interactions endpoint needs nothing else).
  // When DISCORD_APPLICATION_ID or DISCORD_BOT_TOKEN is set without it, `log` gets a warn line
  // "discord.disabled" naming the variables set and the missing one (never a value).
  // Throws std::runtime_error naming the variable when a secret's file cannot be read.
  static std::optional<DiscordConfig> from_environment(const JsonLog& log);
};

}  // namespace adapters::discord
