#include "adapters/slack/slack_bot.hpp"

#include <string_view>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/json.hpp>

#include "adapters/common/feedback_buttons.hpp"
#include "adapters/common/url.hpp"
#include "adapters/slack/slack_message.hpp"

namespace adapters::slack {
namespace {

// Slack retries a delivery at most three times, the last about five minutes after the first.
constexpr std::size_t kRememberedEvents = 10000;
constexpr std::chrono::minutes kEventMemory{10};

std::string field(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string{};
}

// The bot's own user id for the installation that received the event, when Slack says it.
std::string bot_user_id(const boost::json::object& body) {
  const auto* authorizations = body.if_contains("authorizations");
  if (!authorizations || !authorizations->is_array()) return {};
  for (const auto& entry : authorizations->get_array())
    if (entry.is_object()) {
      const auto* is_bot = entry.get_object().if_contains("is_bot");
      if (is_bot && is_bot->is_bool() && is_bot->get_bool()) return field(entry.get_object(), "user_id");
    }
  return {};
}

// The question without the mention that addressed it: every <@bot_id>, or, when the bot's id
// is unknown, the leading mention of an app_mention (which is what triggered it).
std::string strip_mentions(std::string text, const std::string& bot_id, bool leading_mention) {
  if (!bot_id.empty()) {
    const std::string mention = "<@" + bot_id + ">";
    for (auto at = text.find(mention); at != std::string::npos; at = text.find(mention, at))
      text.erase(at, mention.size());
  } else if (leading_mention) {
    const auto start = text.find_first_not_of(' ');
    if (start != std::string::npos && text.compare(start, 2, "<@") == 0)
      if (const auto end = text.find('>', start); end != std::string::npos) text.erase(0, end + 1);
  }
  const auto begin = text.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\n") - begin + 1);
}

// Said instead of an answer when none can be given now; the person may ask again.
constexpr std::string_view kBusy = "Too many questions at once just now; please ask again in a minute.";
constexpr std::string_view kLoading = "The knowledge base is loading; please ask again in a minute.";

boost::json::object notice(std::string_view text) { return {{"text", text}}; }

// A reply at an interaction's response_url that only the person who clicked sees, below the
// message they clicked in (which stays as it was).
boost::json::object ephemeral_reply(std::string_view text) {
  return {{"response_type", "ephemeral"}, {"replace_original", false}, {"text", text}};
}

struct FeedbackClick {
  std::string answer_id;  // the button's value
  bool helpful = false;
};

// The click on a feedback button in a block_actions payload, if it is one.
std::optional<FeedbackClick> feedback_click(const boost::json::object& payload) {
  if (field(payload, "type") != "block_actions") return std::nullopt;
  const auto* actions = payload.if_contains("actions");
  if (!actions || !actions->is_array()) return std::nullopt;
  for (const auto& action : actions->get_array()) {
    if (!action.is_object()) continue;
    const auto action_id = field(action.get_object(), "action_id");
    if (action_id == kHelpfulAction || action_id == kNotHelpfulAction)
      return FeedbackClick{field(action.get_object(), "value"), action_id == kHelpfulAction};
  }
  return std::nullopt;
}

}  // namespace

SlackBot::SlackBot(std::shared_ptr<const bot::Assistant> assistant, std::shared_ptr<WebApiClient> web_api,
                   std::string bot_token, boost::asio::any_io_executor executor, AdapterServices services)
    : assistant_(std::move(assistant)),
      web_api_(std::move(web_api)),
      bot_token_(std::move(bot_token)),
      executor_(std::move(executor)),
      services_(std::move(services)),
      seen_events_(kRememberedEvents, kEventMemory) {}

std::optional<std::string> SlackBot::on_event(const boost::json::object& body) {
  const auto type = field(body, "type");
  if (type == "url_verification") return field(body, "challenge");
  if (type != "event_callback") return std::nullopt;
  const auto* event_value = body.if_contains("event");
  if (!event_value || !event_value->is_object()) return std::nullopt;
  const auto& event = event_value->get_object();

  const auto event_type = field(event, "type");
  const bool mention = event_type == "app_mention";
  const bool direct_message = event_type == "message" && field(event, "channel_type") == "im";
  if (!mention && !direct_message) return std::nullopt;

  // Any subtype (bot_message, message_changed, channel_join, …) is not a person asking.
  const auto bot_id = bot_user_id(body);
  if (event.contains("bot_id") || event.contains("subtype") || field(event, "user").empty() ||
      (!bot_id.empty() && field(event, "user") == bot_id))
    return std::nullopt;

  // Deduplicate only what would be answered, so an ignored event costs no memory. Slack's
  // retries share the event_id; a replay of a signed body within its five minutes shares the
  // message's team, channel and ts, whether or not the body has an event_id.
  const auto event_id = field(body, "event_id");
  const auto channel = field(event, "channel");
  const auto ts = field(event, "ts");
  if (ts.empty()) return std::nullopt;  // every message has one; without it no replay can be told
  const bool new_event = event_id.empty() || seen_events_.first_time("event:" + event_id);
  if (!new_event || !seen_events_.first_time("message:" + field(body, "team_id") + ":" + channel + ":" + ts)) {
    // A replay can be sent many times a second: limited, as refused requests are.
    services_.log->write_limited(LogLevel::info, "slack.duplicate_event", {{"event_id", event_id}, {"ts", ts}});
    return std::nullopt;
  }

  auto thread_ts = field(event, "thread_ts");
  if (thread_ts.empty()) thread_ts = ts;
  auto question = strip_mentions(field(event, "text"), bot_id, mention);
  auto key = "slack:" + field(body, "team_id") + ":" + channel + ":" + thread_ts;
  auto answer = [self = shared_from_this(), key = std::move(key), channel, thread_ts, question = std::move(question)] {
    boost::asio::co_spawn(self->executor_,
                          self->post_in_thread(self->answer_message(key, question), channel, thread_ts),
                          boost::asio::detached);
  };
  if (!assistant_->store_may_block()) {
    // Answered on the executor, after this event is acknowledged.
    boost::asio::post(executor_, std::move(answer));
  } else if (!assistant_->submit(std::move(answer))) {
    services_.log->write_limited(LogLevel::warn, "slack.busy", {{"event_id", event_id}});
    boost::asio::co_spawn(executor_, post_in_thread(notice(kBusy), std::move(channel), std::move(thread_ts)),
                          boost::asio::detached);
  }
  return std::nullopt;
}

boost::json::object SlackBot::on_command(const SlashCommand& command) const {
  if (command.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    auto message = help();
    message["response_type"] = "ephemeral";
    return message;
  }
  auto message =
      ask("slack:" + command.team_id + ":" + command.channel_id + ":command:" + command.user_id, command.text);
  message["response_type"] = "in_channel";
  return message;
}

std::optional<boost::json::object> SlackBot::on_command_without_waiting(const SlashCommand& command) {
  auto response_url = Url::parse(command.response_url);
  if (!assistant_->store_may_block() || !response_url) return on_command(command);
  auto answer = [self = shared_from_this(), command, url = std::move(*response_url)] {
    boost::asio::co_spawn(self->executor_, self->web_api_->respond(url, self->on_command(command)),
                          boost::asio::detached);
  };
  if (assistant_->submit(std::move(answer))) return std::nullopt;
  services_.log->write_limited(LogLevel::warn, "slack.busy", {{"channel", command.channel_id}});
  auto busy = notice(kBusy);
  busy["response_type"] = "ephemeral";
  return busy;
}

void SlackBot::on_interaction(const boost::json::object& payload) {
  auto click = feedback_click(payload);
  if (!click) return;
  // Without a response_url (Slack always sends one) the feedback is still recorded, silently.
  auto response_url = Url::parse(field(payload, "response_url"));
  auto record = [self = shared_from_this(), click = std::move(*click), url = response_url] {
    const auto notice = record_feedback(self->assistant_->learning().get(), click.answer_id, click.helpful);
    if (url)
      boost::asio::co_spawn(self->executor_, self->web_api_->respond(*url, ephemeral_reply(notice)),
                            boost::asio::detached);
  };
  if (!assistant_->store_may_block()) {
    boost::asio::post(executor_, std::move(record));
  } else if (!assistant_->submit(std::move(record))) {
    services_.log->write_limited(LogLevel::warn, "slack.busy", {{"interaction", "block_actions"}});
    if (response_url)
      boost::asio::co_spawn(executor_, web_api_->respond(std::move(*response_url), ephemeral_reply(kBusy)),
                            boost::asio::detached);
  }
}

boost::json::object SlackBot::answer_message(const std::string& key, const std::string& question) const {
  return question.empty() ? help() : ask(key, question);
}

boost::asio::awaitable<void> SlackBot::post_in_thread(boost::json::object message, std::string channel,
                                                      std::string thread_ts) {
  message["channel"] = channel;
  message["thread_ts"] = thread_ts;
  message["unfurl_links"] = false;
  // The client logs a failed post; there is nobody else to tell.
  co_await web_api_->post_message(std::move(message), bot_token_);
}

boost::json::object SlackBot::ask(const std::string& key, const std::string& question) const {
  auto turn = assistant_->ask(bot::Channel::slack, key, question);
  if (!turn) return notice(kLoading);
  services_.count_answer(turn->answer.intent, turn->took);
  return build_message(turn->answer, assistant_->learning() ? FeedbackButtons::on : FeedbackButtons::off);
}

boost::json::object SlackBot::help() const {
  const auto started = std::chrono::steady_clock::now();
  const auto answer = assistant_->help();
  if (!answer) return notice(kLoading);
  services_.count_answer(answer->intent, std::chrono::steady_clock::now() - started);
  return build_message(*answer);
}

}  // namespace adapters::slack
