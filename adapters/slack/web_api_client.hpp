// Calls Slack's Web API (api.slack.com/web): JSON POSTs with a Bearer token, Slack's 429
// rate limiting honoured, chat.postMessage paced per channel.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include "adapters/common/json_log.hpp"
#include "adapters/common/https_client.hpp"

namespace adapters::slack {

// Thread safety: shared by all answers in flight; every member may be called concurrently.
class WebApiClient {
 public:
  // About one message a second per channel is what Slack allows (platforms.md).
  static constexpr std::chrono::milliseconds kChannelInterval{1000};
  // How many times a call refused with 429 is tried again.
  static constexpr int kMaxRateLimitRetries = 3;

  WebApiClient(Url api_base, std::shared_ptr<JsonLog> log);

  // POSTs `body` to `method` (e.g. "chat.postMessage") with `Authorization: Bearer <token>`;
  // an empty `body` is sent as an empty form (methods without arguments). A 429 waits
  // Retry-After seconds and tries again. Returns the response's JSON object, which holds
  // "ok"; a transport failure, a non-JSON answer or an HTTP error is returned as
  // {"ok": false, "error": …} and, like every ok:false, logged (without the token).
  boost::asio::awaitable<boost::json::object> call(std::string method, boost::json::object body, std::string token);

  // chat.postMessage of `message` (which names its "channel"), waiting for the channel's next
  // free slot first so one channel gets at most a message per kChannelInterval.
  boost::asio::awaitable<boost::json::object> post_message(boost::json::object message, std::string token);

  // POSTs `message` as JSON to a slash command's `response_url` (no token: the URL is the
  // credential, and it is never logged). Slack accepts a few such replies within 30 minutes of
  // the command; a failure is logged, and there is nobody else to tell.
  boost::asio::awaitable<void> respond(Url response_url, boost::json::object message);

 private:
  // Reserves the channel's next sending slot and returns when it begins.
  std::chrono::steady_clock::time_point reserve_slot(const std::string& channel);

  const Url api_base_;
  const std::shared_ptr<JsonLog> log_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::chrono::steady_clock::time_point> next_slot_;  // by channel
};

}  // namespace adapters::slack
