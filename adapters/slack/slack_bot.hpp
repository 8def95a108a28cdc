// What the Slack adapter does with an event, a slash command or a click on a feedback button,
// however it arrived (HTTP or Socket Mode): the transports verify and acknowledge, this class
// answers. No sockets here
// except the outgoing chat.postMessage, which it starts on the executor it was given.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include "adapters/common/adapter_services.hpp"
#include "adapters/slack/event_dedupe.hpp"
#include "adapters/slack/web_api_client.hpp"
#include "bot/assistant.hpp"

namespace adapters::slack {

// The fields of a slash command (form fields over HTTP, payload fields over Socket Mode).
struct SlashCommand {
  std::string team_id;
  std::string channel_id;
  std::string user_id;
  std::string text;
  std::string response_url;  // where later replies to the command are POSTed
};

// Thread safety: every member may be called from any number of threads at once.
class SlackBot : public std::enable_shared_from_this<SlackBot> {
 public:
  // Each question is answered by `assistant` (its conversation is keyed by team, channel and thread).
  SlackBot(std::shared_ptr<const bot::Assistant> assistant, std::shared_ptr<WebApiClient> web_api,
           std::string bot_token, boost::asio::any_io_executor executor, AdapterServices services);

  // An Events API body. Returns the challenge of a url_verification; for an event_callback
  // with a new app_mention or direct message from a person, starts answering it in its
  // thread and returns at once (empty): the answer is worked out on the executor, or on the
  // assistant's threads when its store may block (when they are full, the thread gets a
  // "busy" reply instead). Repeats are ignored: of an event_id, and of a message
  // (its team, channel and ts), so that a replayed body without an event_id is answered once
  // too. So are bots' messages (this one's included), messages without a ts and other events.
  std::optional<std::string> on_event(const boost::json::object& body);

  // The immediate response to a slash command: the answer in the channel, or the help as an
  // ephemeral reply when the command has no text. Waits for the conversation store.
  boost::json::object on_command(const SlashCommand& command) const;

  // The same for Socket Mode, whose acknowledgement is written on an I/O thread, which must not
  // wait for a store that may block (Redis). With such a store, the answer is worked out on the
  // assistant's threads and POSTed to the command's response_url (Slack's way of replying
  // later), and this returns empty: the ack carries nothing. When those threads are full it
  // returns a "busy" notice. With a store that never blocks, or a command without a usable
  // response_url, it is on_command().
  std::optional<boost::json::object> on_command_without_waiting(const SlashCommand& command);

  // An interaction payload (the `payload` form field over HTTP, an "interactive" envelope's
  // payload over Socket Mode). A block_actions click on an answer's 👍/👎 button records the
  // feedback and tells the person, only them, at the payload's response_url (thanks, or why
  // not: an answer too old to rate, learning off, a button naming no answer). Recording may
  // wait for the learning store, so it runs on the executor, or on the assistant's threads when
  // the store may block (when they are full the person is told to try again). Every other
  // interaction is ignored. Returns at once.
  void on_interaction(const boost::json::object& payload);

 private:
  // The answer to `question` in the conversation `key` (the help when it is empty), as a message.
  boost::json::object answer_message(const std::string& key, const std::string& question) const;
  // Posts `message` in the thread `thread_ts` of `channel`.
  boost::asio::awaitable<void> post_in_thread(boost::json::object message, std::string channel, std::string thread_ts);
  // The answer as a message, counted; a short notice instead while there is no engine.
  boost::json::object ask(const std::string& key, const std::string& question) const;
  boost::json::object help() const;

  const std::shared_ptr<const bot::Assistant> assistant_;
  const std::shared_ptr<WebApiClient> web_api_;
  const std::string bot_token_;
  const boost::asio::any_io_executor executor_;
  const AdapterServices services_;
  EventDedupe seen_events_;  // "event:" + event_id and "message:" + team:channel:ts
};

}  // namespace adapters::slack
