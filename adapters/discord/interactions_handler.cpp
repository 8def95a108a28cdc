#include "adapters/discord/interactions_handler.hpp"

#include <chrono>
#include <stdexcept>

#include <boost/json.hpp>

#include "adapters/common/feedback_buttons.hpp"
#include "adapters/discord/discord_message.hpp"

namespace adapters::discord {
namespace {

namespace http = boost::beast::http;

constexpr std::string_view kPath = "/discord/interactions";

// Interaction and response types (discord.com/developers/docs/interactions/receiving-and-responding).
constexpr std::int64_t kPing = 1;
constexpr std::int64_t kApplicationCommand = 2;
constexpr std::int64_t kMessageComponent = 3;
constexpr std::int64_t kPong = 1;
constexpr std::int64_t kChannelMessageWithSource = 4;
constexpr std::int64_t kEphemeralFlag = 64;

HttpResponse reply(const HttpRequest& request, http::status status, std::string body, std::string_view content_type) {
  HttpResponse response{status, request.version()};
  response.keep_alive(request.keep_alive());
  response.set(http::field::content_type, content_type);
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

std::string string_at(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string{};
}

const boost::json::object* object_at(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_object() ? &value->get_object() : nullptr;
}

// The user is member.user in a guild and user in a DM.
std::string user_id(const boost::json::object& interaction) {
  if (const auto* member = object_at(interaction, "member"))
    if (const auto* user = object_at(*member, "user")) return string_at(*user, "id");
  if (const auto* user = object_at(interaction, "user")) return string_at(*user, "id");
  return {};
}

std::string option_value(const boost::json::object& data, std::string_view name) {
  const auto* options = data.if_contains("options");
  if (!options || !options->is_array()) return {};
  for (const auto& option : options->get_array())
    if (option.is_object() && string_at(option.get_object(), "name") == name)
      return string_at(option.get_object(), "value");
  return {};
}

boost::json::object message(boost::json::object data) {
  return {{"type", kChannelMessageWithSource}, {"data", std::move(data)}};
}

// A message only the person who sent the interaction sees.
boost::json::object ephemeral(std::string_view text) {
  return message(
      {{"content", text}, {"flags", kEphemeralFlag}, {"allowed_mentions", {{"parse", boost::json::array{}}}}});
}

// Instead of an answer while there is no engine yet: the person may ask again.
boost::json::object loading() { return ephemeral("The knowledge base is loading; please ask again in a minute."); }

}  // namespace

InteractionsHandler::InteractionsHandler(InteractionVerifier verifier, std::shared_ptr<const bot::Assistant> assistant,
                                         AdapterServices services)
    : verifier_(verifier), assistant_(std::move(assistant)), services_(std::move(services)) {}

bool InteractionsHandler::handles(std::string_view path) const { return path == kPath; }

HttpResponse InteractionsHandler::handle(const HttpRequest& request) {
  if (request.method() != http::verb::post) {
    auto response = reply(request, http::status::method_not_allowed, "", "text/plain");
    response.set(http::field::allow, "POST");
    return response;
  }
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  if (const auto check =
          verifier_.check(request["X-Signature-Ed25519"], request["X-Signature-Timestamp"], request.body(), now);
      check != InteractionCheck::ok) {
    services_.log->write_limited(LogLevel::warn, "discord.request_refused", {{"reason", to_string(check)}});
    return reply(request, http::status::unauthorized, "invalid request signature\n", "text/plain; charset=utf-8");
  }
  boost::system::error_code error;
  auto interaction = boost::json::parse(request.body(), error);
  if (error || !interaction.is_object())
    return reply(request, http::status::bad_request, "expected a JSON object\n", "text/plain; charset=utf-8");
  auto response = respond(interaction.get_object());
  if (response.empty())
    return reply(request, http::status::bad_request, "unsupported interaction\n", "text/plain; charset=utf-8");
  return reply(request, http::status::ok, bot::serialize(response), "application/json");
}

boost::json::object InteractionsHandler::respond(const boost::json::object& interaction) const {
  const auto* type = interaction.if_contains("type");
  if (!type || !type->is_int64()) return {};
  if (type->get_int64() == kPing) return {{"type", kPong}};
  if (type->get_int64() == kMessageComponent) return on_component(interaction);
  if (type->get_int64() != kApplicationCommand) return {};

  const auto* data = object_at(interaction, "data");
  if (!data || string_at(*data, "name") != kAskCommand) return ephemeral("I only know the /ask command.");
  const auto question = option_value(*data, kQuestionOption);
  if (question.find_first_not_of(" \t\r\n") == std::string::npos) {
    const auto started = std::chrono::steady_clock::now();
    const auto help = assistant_->help();
    if (!help) return loading();
    services_.count_answer(help->intent, std::chrono::steady_clock::now() - started);
    return message(build_response_data(*help));
  }

  const auto key = "discord:" + string_at(interaction, "channel_id") + ":" + user_id(interaction);
  const auto turn = assistant_->ask(bot::Channel::discord, key, question);
  if (!turn) return loading();
  services_.count_answer(turn->answer.intent, turn->took);
  return message(
      build_response_data(turn->answer, assistant_->learning() ? FeedbackButtons::on : FeedbackButtons::off));
}

boost::json::object InteractionsHandler::on_component(const boost::json::object& interaction) const {
  const auto* data = object_at(interaction, "data");
  const auto click = data ? parse_feedback_custom_id(string_at(*data, "custom_id")) : std::nullopt;
  if (!click) return ephemeral(kUnreadableFeedback);
  return ephemeral(record_feedback(assistant_->learning().get(), click->answer_id, click->helpful));
}

std::shared_ptr<HttpHandler> make_discord_adapter(const DiscordConfig& config,
                                                  std::shared_ptr<const bot::Assistant> assistant,
                                                  AdapterServices services) {
  auto verifier = InteractionVerifier::from_hex(config.public_key);
  if (!verifier) throw std::invalid_argument("DISCORD_PUBLIC_KEY is not 64 hex digits");
  services.log->write(LogLevel::info, "discord.enabled");
  return std::make_shared<InteractionsHandler>(*verifier, std::move(assistant), std::move(services));
}

}  // namespace adapters::discord
