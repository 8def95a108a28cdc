// What the Slack adapter does with an event or a slash command, however it arrived (HTTP or
// Socket Mode): the transports verify and acknowledge, this class answers. No sockets here
// except the outgoing chat.postMessage, which it starts on the executor it was given.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include "adapters/slack/adapter_services.hpp"
#include "adapters/slack/event_dedupe.hpp"
#include "adapters/slack/web_api_client.hpp"
#include "bot/conversation_store.hpp"
#include "bot/engine_holder.hpp"

namespace adapters::slack {

// The fields of a slash command (form fields over HTTP, payload fields over Socket Mode).
struct SlashCommand {
  std::string team_id;
  std::string channel_id;
  std::string user_id;
  std::string text;
};

// Thread safety: every member may be called from any number of threads at once.
class SlackBot : public std::enable_shared_from_this<SlackBot> {
 public:
  // Each question is answered by the snapshot `engines` holds when it arrives.
  SlackBot(std::shared_ptr<const bot::EngineHolder> engines, std::shared_ptr<bot::ConversationStore> conversations,
           std::shared_ptr<WebApiClient> web_api, std::string bot_token, boost::asio::any_io_executor executor,
           AdapterServices services);

  // An Events API body. Returns the challenge of a url_verification; for an event_callback
  // with a new app_mention or direct message from a person, starts answering it in its
  // thread and returns at once (empty). Repeats are ignored: of an event_id, and of a message
  // (its team, channel and ts), so that a replayed body without an event_id is answered once
  // too. So are bots' messages (this one's included), messages without a ts and other events.
  std::optional<std::string> on_event(const boost::json::object& body);

  // The immediate response to a slash command: the answer in the channel, or the help as an
  // ephemeral reply when the command has no text.
  boost::json::object on_command(const SlashCommand& command) const;

 private:
  boost::asio::awaitable<void> answer_in_thread(std::string key, std::string channel, std::string thread_ts,
                                                std::string question);
  bot::Answer ask(const std::string& key, const std::string& question) const;

  const std::shared_ptr<const bot::EngineHolder> engines_;
  const std::shared_ptr<bot::ConversationStore> conversations_;
  const std::shared_ptr<WebApiClient> web_api_;
  const std::string bot_token_;
  const boost::asio::any_io_executor executor_;
  const AdapterServices services_;
  EventDedupe seen_events_;  // "event:" + event_id and "message:" + team:channel:ts
};

}  // namespace adapters::slack
