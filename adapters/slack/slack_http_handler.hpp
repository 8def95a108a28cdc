// Slack's HTTP endpoints on the bot's server: POST /slack/events (Events API),
// POST /slack/commands (slash commands) and POST /slack/interactions (interactivity: clicks on
// the answers' feedback buttons). Every request is verified with the signing secret first; a
// refused one gets 401 and a log line (at most one per JsonLog::kLimitInterval), never an
// answer. A slash command or an interaction whose signature was already seen is a replay (Slack
// never sends one twice) and is refused the same way.
#pragma once

#include <memory>
#include <string>

#include "adapters/common/http_handler.hpp"
#include "adapters/common/json_log.hpp"
#include "adapters/slack/event_dedupe.hpp"
#include "adapters/slack/slack_bot.hpp"

namespace adapters::slack {

class SlackHttpHandler final : public HttpHandler {
 public:
  SlackHttpHandler(std::string signing_secret, std::shared_ptr<SlackBot> bot, std::shared_ptr<JsonLog> log);

  bool handles(std::string_view path) const override;
  // A slash command is answered in its response; an event or an interaction is handled later,
  // off this thread.
  bool waits_for_store(std::string_view path) const override;
  // Returns within milliseconds: an event or an interaction is acknowledged before it is handled.
  HttpResponse handle(const HttpRequest& request) override;

 private:
  HttpResponse events(const HttpRequest& request);
  HttpResponse command(const HttpRequest& request);
  HttpResponse interaction(const HttpRequest& request);

  HttpResponse refuse(const HttpRequest& request, std::string_view path, std::string_view reason);

  const std::string signing_secret_;
  const std::shared_ptr<SlackBot> bot_;
  const std::shared_ptr<JsonLog> log_;
  EventDedupe seen_commands_;  // slash commands and interactions, by signature
};

}  // namespace adapters::slack
