// `mlops-bot discord-register [--guild ID]`: registers the /ask slash command with Discord,
// using DISCORD_APPLICATION_ID, DISCORD_BOT_TOKEN (or DISCORD_BOT_TOKEN_FILE) and
// DISCORD_API_BASE from the environment.
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/engine_options.hpp"
#include "adapters/discord/command_registration.hpp"
#include "adapters/common/secret_environment.hpp"

namespace po = boost::program_options;

namespace cli {

int run_discord_register(Args args) {
  po::options_description description("discord-register options");
  description.add_options()("guild", po::value<std::string>(),
                            "register in this guild (server) only: available at once, unlike a global command");
  po::variables_map values;
  int exit_code = 0;
  if (!parse_command_line(args, "mlops-bot discord-register [--guild ID]", description, {}, values, exit_code))
    return exit_code;

  adapters::discord::DiscordConfig config;
  if (const char* id = std::getenv("DISCORD_APPLICATION_ID")) config.application_id = id;
  config.bot_token = adapters::secret_from_environment("DISCORD_BOT_TOKEN");
  if (const char* base = std::getenv("DISCORD_API_BASE"); base && *base) config.api_base = base;
  std::optional<std::string> guild;
  if (values.count("guild")) guild = values["guild"].as<std::string>();

  const auto response = adapters::discord::register_ask_command(config, guild);
  if (response.result_int() / 100 != 2) {
    std::cerr << "mlops-bot discord-register: Discord answered " << response.result_int() << ": "
              << response.body().substr(0, 500) << "\n";
    return 1;
  }
  std::cout << "registered /ask " << (guild ? "in guild " + *guild : std::string("globally")) << " for application "
            << config.application_id << "\n";
  return 0;
}

}  // namespace cli
