#include "adapters/discord/command_registration.hpp"

#include <stdexcept>

#include <boost/json.hpp>

#include "adapters/discord/interactions_handler.hpp"
#include "adapters/common/https_client.hpp"

namespace adapters::discord {
namespace {

namespace http = boost::beast::http;

constexpr std::int64_t kChatInputCommand = 1;
constexpr std::int64_t kStringOption = 3;

bool is_snowflake(const std::string& id) {
  return !id.empty() && id.size() <= 20 && id.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

boost::json::object ask_command_definition() {
  return {{"name", kAskCommand},
          {"type", kChatInputCommand},
          {"description", "Ask about MLOps careers and pay in India"},
          {"options",
           {{{"name", kQuestionOption},
             {"description", "Your question, e.g. what does a fresher MLOps engineer earn?"},
             {"type", kStringOption},
             {"required", true}}}}};
}

HttpResponse register_ask_command(const DiscordConfig& config, const std::optional<std::string>& guild_id) {
  if (!is_snowflake(config.application_id)) throw std::invalid_argument("DISCORD_APPLICATION_ID is not set to an id");
  if (config.bot_token.empty()) throw std::invalid_argument("DISCORD_BOT_TOKEN is not set");
  if (guild_id && !is_snowflake(*guild_id)) throw std::invalid_argument("the guild id is not a number");
  const auto base = Url::parse(config.api_base);
  if (!base) throw std::invalid_argument("DISCORD_API_BASE is not an http(s) URL: " + config.api_base);

  std::string path = "/applications/" + config.application_id;
  if (guild_id) path += "/guilds/" + *guild_id;
  path += "/commands";
  const auto url = base->with_path(path);

  HttpRequest request{http::verb::post, url.target, 11};
  request.set(http::field::authorization, "Bot " + config.bot_token);
  // Discord asks for this form of User-Agent on REST calls.
  request.set(http::field::user_agent, "DiscordBot (https://github.com/mlops-bot/mlops-bot, 0.1)");
  request.set(http::field::content_type, "application/json");
  request.body() = boost::json::serialize(ask_command_definition());
  return send_request_blocking(url, std::move(request));
}

}  // namespace adapters::discord
