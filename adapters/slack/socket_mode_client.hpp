// Slack Socket Mode (api.slack.com/apis/connections/socket): for workspaces where the bot has
// no public URL. Opens a WebSocket with apps.connections.open and the app-level token,
// acknowledges every envelope by its envelope_id (a slash command's answer rides in the ack, or,
// when the conversation store may block, follows at the command's response_url; a click on a
// feedback button is acked at once and handled after),
// reconnects when Slack sends `disconnect`, and with backoff when the connection drops.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include "adapters/slack/slack_bot.hpp"
#include "adapters/slack/web_api_client.hpp"

namespace adapters::slack {

class SocketModeClient : public std::enable_shared_from_this<SocketModeClient> {
 public:
  static constexpr std::chrono::seconds kFirstBackoff{1};
  static constexpr std::chrono::seconds kMaxBackoff{60};
  // Slack's envelopes are small; this bounds what a broken peer can make us buffer.
  static constexpr std::size_t kMaxFrameBytes = 1 << 20;

  SocketModeClient(std::string app_token, std::shared_ptr<WebApiClient> web_api, std::shared_ptr<SlackBot> bot,
                   boost::asio::any_io_executor executor, std::shared_ptr<JsonLog> log);

  // Starts the connection loop on the executor; it runs until stop() or until the executor's
  // io_context stops. Call once.
  void start();
  // Ends the loop after the current connection; does not wait.
  void stop();

  // The ack for one frame from Slack: {"envelope_id"} (plus "payload" for a slash command that
  // accepts one, when SlackBot::on_command_without_waiting has it at once), or empty for frames
  // that are not envelopes (hello, disconnect).
  // Pure apart from what the bot does with the envelope.
  std::optional<boost::json::object> acknowledge(const boost::json::object& frame);

 private:
  boost::asio::awaitable<void> run();
  // One connection, until Slack asks to reconnect (returns true) or it fails (throws or false).
  boost::asio::awaitable<bool> connect_once();
  template <class WebSocket>
  boost::asio::awaitable<bool> serve(WebSocket& socket);

  const std::string app_token_;
  const std::shared_ptr<WebApiClient> web_api_;
  const std::shared_ptr<SlackBot> bot_;
  const boost::asio::any_io_executor executor_;
  const std::shared_ptr<JsonLog> log_;
  std::atomic<bool> stopped_{false};
  bool greeted_ = false;  // the current connection got its hello: the backoff starts over
};

}  // namespace adapters::slack
