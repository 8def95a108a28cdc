#include "adapters/slack/slack_http_handler.hpp"

#include <chrono>

#include <boost/json.hpp>

#include "adapters/slack/form_decode.hpp"
#include "adapters/slack/request_signature.hpp"
#include "bot/answer.hpp"

namespace adapters::slack {
namespace {

namespace http = boost::beast::http;

constexpr std::string_view kEventsPath = "/slack/events";
constexpr std::string_view kCommandsPath = "/slack/commands";
constexpr std::string_view kInteractionsPath = "/slack/interactions";
// A signature is accepted for 5 minutes either side of its timestamp: 10 minutes in all.
constexpr std::size_t kRememberedCommands = 10000;
constexpr std::chrono::seconds kCommandMemory{2 * kMaxSignatureAgeSeconds};

std::string_view path_of(const HttpRequest& request) {
  const auto target = request.target();
  return {target.data(), std::min(target.find('?'), target.size())};
}

HttpResponse reply(const HttpRequest& request, http::status status, std::string body = {},
                   std::string_view content_type = "text/plain; charset=utf-8") {
  HttpResponse response{status, request.version()};
  response.keep_alive(request.keep_alive());
  if (!body.empty()) response.set(http::field::content_type, content_type);
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

HttpResponse reply_json(const HttpRequest& request, const boost::json::object& body) {
  return reply(request, http::status::ok, bot::serialize(body), "application/json; charset=utf-8");
}

std::string form_field(const std::map<std::string, std::string, std::less<>>& form, std::string_view name) {
  const auto found = form.find(name);
  return found == form.end() ? std::string{} : found->second;
}

}  // namespace

SlackHttpHandler::SlackHttpHandler(std::string signing_secret, std::shared_ptr<SlackBot> bot,
                                   std::shared_ptr<JsonLog> log)
    : signing_secret_(std::move(signing_secret)),
      bot_(std::move(bot)),
      log_(std::move(log)),
      seen_commands_(kRememberedCommands, kCommandMemory) {}

bool SlackHttpHandler::handles(std::string_view path) const {
  return path == kEventsPath || path == kCommandsPath || path == kInteractionsPath;
}

bool SlackHttpHandler::waits_for_store(std::string_view path) const { return path == kCommandsPath; }

HttpResponse SlackHttpHandler::handle(const HttpRequest& request) {
  if (request.method() != http::verb::post) {
    auto response = reply(request, http::status::method_not_allowed);
    response.set(http::field::allow, "POST");
    return response;
  }
  const auto path = path_of(request);
  // Slack's certificate check of a slash command's URL is unsigned and wants only a 200.
  if (path == kCommandsPath && form_field(decode_form(request.body()), "ssl_check") == "1")
    return reply(request, http::status::ok);

  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const auto signature = request["X-Slack-Signature"];
  const auto check =
      verify_signature(signing_secret_, request["X-Slack-Request-Timestamp"], signature, request.body(), now);
  if (check != SignatureCheck::ok) return refuse(request, path, to_string(check));
  if (path == kEventsPath) return events(request);
  // Events are deduplicated by what they say (Slack retries them with new signatures).
  if (!seen_commands_.first_time(signature)) return refuse(request, path, "replay");
  return path == kInteractionsPath ? interaction(request) : command(request);
}

HttpResponse SlackHttpHandler::refuse(const HttpRequest& request, std::string_view path, std::string_view reason) {
  log_->write_limited(LogLevel::warn, "slack.request_refused", {{"path", path}, {"reason", reason}});
  return reply(request, http::status::unauthorized, "invalid signature\n");
}

HttpResponse SlackHttpHandler::events(const HttpRequest& request) {
  boost::system::error_code error;
  auto body = boost::json::parse(request.body(), error);
  if (error || !body.is_object()) return reply(request, http::status::bad_request, "expected a JSON object\n");
  if (auto challenge = bot_->on_event(body.get_object()))
    return reply_json(request, {{"challenge", std::move(*challenge)}});
  return reply(request, http::status::ok);
}

HttpResponse SlackHttpHandler::command(const HttpRequest& request) {
  const auto form = decode_form(request.body());
  const SlashCommand command{form_field(form, "team_id"), form_field(form, "channel_id"), form_field(form, "user_id"),
                             form_field(form, "text"), form_field(form, "response_url")};
  return reply_json(request, bot_->on_command(command));
}

HttpResponse SlackHttpHandler::interaction(const HttpRequest& request) {
  // The interaction is JSON in the form field `payload`.
  boost::system::error_code error;
  auto payload = boost::json::parse(form_field(decode_form(request.body()), "payload"), error);
  if (error || !payload.is_object())
    return reply(request, http::status::bad_request, "expected a payload field holding a JSON object\n");
  bot_->on_interaction(payload.get_object());
  return reply(request, http::status::ok);
}

}  // namespace adapters::slack
