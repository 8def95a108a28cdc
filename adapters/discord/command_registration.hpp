// Registers the bot's /ask slash command with Discord
// (discord.com/developers/docs/interactions/application-commands).
#pragma once

#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "adapters/discord/discord_config.hpp"
#include "adapters/common/http_handler.hpp"

namespace adapters::discord {

// The /ask command: a required string option "question".
boost::json::object ask_command_definition();

// POSTs the definition to {api_base}/applications/{id}/commands, or to
// …/guilds/{guild}/commands (available at once, where global commands may take a while);
// POST upserts by name, so other commands of the application are left alone. Needs
// config.application_id and config.bot_token. Returns Discord's response; throws
// std::invalid_argument for a bad configuration and boost::system::system_error for a
// transport failure. Blocking.
HttpResponse register_ask_command(const DiscordConfig& config, const std::optional<std::string>& guild_id);

}  // namespace adapters::discord
