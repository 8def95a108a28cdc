#include "adapters/slack/slack_http_handler.hpp"

#include <chrono>

#include <boost/json.hpp>

#include "adapters/slack/form_decode.hpp"
#include "adapters/slack/log_line.hpp"
#include "adapters/slack/request_signature.hpp"

namespace adapters::slack {
namespace {

namespace http = boost::beast::http;

constexpr std::string_view kEventsPath = "/slack/events";
constexpr std::string_view kCommandsPath = "/slack/commands";

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
  return reply(request, http::status::ok, boost::json::serialize(body), "application/json; charset=utf-8");
}

std::string form_field(const std::map<std::string, std::string, std::less<>>& form, std::string_view name) {
  const auto found = form.find(name);
  return found == form.end() ? std::string{} : found->second;
}

}  // namespace

SlackHttpHandler::SlackHttpHandler(std::string signing_secret, std::shared_ptr<SlackBot> bot)
    : signing_secret_(std::move(signing_secret)), bot_(std::move(bot)) {}

bool SlackHttpHandler::handles(std::string_view path) const { return path == kEventsPath || path == kCommandsPath; }

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
  const auto check = verify_signature(signing_secret_, request["X-Slack-Request-Timestamp"],
                                      request["X-Slack-Signature"], request.body(), now);
  if (check != SignatureCheck::ok) {
    log_line(LogSeverity::warn, "slack.request_refused", {{"path", path}, {"reason", to_string(check)}});
    return reply(request, http::status::unauthorized, "invalid signature\n");
  }
  return path == kEventsPath ? events(request) : command(request);
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
                             form_field(form, "text")};
  return reply_json(request, bot_->on_command(command));
}

}  // namespace adapters::slack
