#include "adapters/slack/web_api_client.hpp"

#include <algorithm>
#include <charconv>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

#include "bot/answer.hpp"

namespace adapters::slack {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;

// A Retry-After that says nothing useful still gets a pause; a huge one is capped so an
// answer is not held for hours.
constexpr std::chrono::seconds kDefaultRetryAfter{1};
constexpr std::chrono::seconds kMaxRetryAfter{60};
// Past this many channels, the pacing table forgets those whose slot has passed.
constexpr std::size_t kPacingTableSweepSize = 1024;

std::chrono::seconds retry_after(const HttpResponse& response) {
  const auto header = response[http::field::retry_after];
  unsigned seconds = 0;
  const auto [end, error] = std::from_chars(header.data(), header.data() + header.size(), seconds);
  if (header.empty() || error != std::errc() || end != header.data() + header.size()) return kDefaultRetryAfter;
  return std::min(std::chrono::seconds(seconds), kMaxRetryAfter);
}

boost::json::object failure(const JsonLog& log, std::string_view method, std::string error) {
  log.write(LogLevel::warn, "slack.api_error", {{"method", method}, {"error", error}});
  return {{"ok", false}, {"error", std::move(error)}};
}

asio::awaitable<void> wait_until(std::chrono::steady_clock::time_point when) {
  asio::steady_timer timer(co_await asio::this_coro::executor, when);
  co_await timer.async_wait(asio::use_awaitable);
}

}  // namespace

WebApiClient::WebApiClient(Url api_base, std::shared_ptr<JsonLog> log)
    : api_base_(std::move(api_base)), log_(std::move(log)) {}

asio::awaitable<boost::json::object> WebApiClient::call(std::string method, boost::json::object body,
                                                        std::string token) {
  const auto url = api_base_.with_path("/" + method);
  for (int attempt = 0;; ++attempt) {
    HttpRequest request{http::verb::post, url.target, 11};
    request.set(http::field::authorization, "Bearer " + token);
    request.set(http::field::user_agent, "mlops-bot");
    if (body.empty()) {
      request.set(http::field::content_type, "application/x-www-form-urlencoded");
    } else {
      request.set(http::field::content_type, "application/json; charset=utf-8");
      request.body() = bot::serialize(body);
    }
    HttpResponse response;
    try {
      response = co_await send_request(url, std::move(request));
    } catch (const std::exception& error) {
      co_return failure(*log_, method, std::string("transport: ") + error.what());
    }
    if (response.result() == http::status::too_many_requests) {
      const auto pause = retry_after(response);
      log_->write(LogLevel::warn, "slack.rate_limited",
                  {{"method", method}, {"retry_after_s", pause.count()}, {"attempt", attempt + 1}});
      if (attempt == kMaxRateLimitRetries) co_return failure(*log_, method, "ratelimited");
      co_await wait_until(std::chrono::steady_clock::now() + pause);
      continue;
    }
    if (response.result_int() / 100 != 2)
      co_return failure(*log_, method, "http_" + std::to_string(response.result_int()));
    boost::system::error_code parse_error;
    auto parsed = boost::json::parse(response.body(), parse_error);
    if (parse_error || !parsed.is_object()) co_return failure(*log_, method, "invalid_json");
    auto& object = parsed.get_object();
    if (const auto* ok = object.if_contains("ok"); !ok || !ok->is_bool() || !ok->get_bool()) {
      const auto* error = object.if_contains("error");
      failure(*log_, method, error && error->is_string() ? std::string(error->get_string()) : "unknown");
    }
    co_return std::move(object);
  }
}

asio::awaitable<boost::json::object> WebApiClient::post_message(boost::json::object message, std::string token) {
  const auto* channel = message.if_contains("channel");
  const std::string channel_id = channel && channel->is_string() ? std::string(channel->get_string()) : "";
  if (const auto slot = reserve_slot(channel_id); slot > std::chrono::steady_clock::now()) co_await wait_until(slot);
  co_return co_await call("chat.postMessage", std::move(message), std::move(token));
}

asio::awaitable<void> WebApiClient::respond(Url response_url, boost::json::object message) {
  HttpRequest request{http::verb::post, response_url.target, 11};
  request.set(http::field::user_agent, "mlops-bot");
  request.set(http::field::content_type, "application/json; charset=utf-8");
  request.body() = bot::serialize(message);
  try {
    const auto response = co_await send_request(response_url, std::move(request));
    if (response.result_int() / 100 != 2) failure(*log_, "response_url", "http_" + std::to_string(response.result_int()));
  } catch (const std::exception& error) {
    failure(*log_, "response_url", std::string("transport: ") + error.what());
  }
}

std::chrono::steady_clock::time_point WebApiClient::reserve_slot(const std::string& channel) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  if (next_slot_.size() >= kPacingTableSweepSize)
    std::erase_if(next_slot_, [now](const auto& entry) { return entry.second < now; });
  auto& next = next_slot_[channel];
  const auto slot = std::max(next, now);
  next = slot + kChannelInterval;
  return slot;
}

}  // namespace adapters::slack
