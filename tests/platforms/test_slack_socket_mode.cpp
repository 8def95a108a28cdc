// Socket Mode against local fakes: apps.connections.open on a fake Web API returns a ws://
// URL of a fake socket server, which sends hello, an events envelope, a slash-command
// envelope, then `disconnect`.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "adapters/slack/slack_adapter.hpp"
#include "bot/memory_conversation_store.hpp"
#include "fake_http_server.hpp"
#include "fake_socket_mode_server.hpp"

using namespace platforms_test;
using namespace std::chrono_literals;

namespace {

const std::string kEventsEnvelope = R"({"envelope_id":"env-events","type":"events_api","accepts_response_payload":false,
  "retry_attempt":0,"retry_reason":"","payload":{"type":"event_callback","team_id":"T1","api_app_id":"A1",
  "event_id":"EvS1","event_time":1700000001,"authorizations":[{"user_id":"UBOT","is_bot":true}],
  "event":{"type":"app_mention","user":"U1","text":"<@UBOT> what is mlops?","ts":"1700000001.000200",
  "channel":"C7","event_ts":"1700000001.000200"}}})";
const std::string kCommandEnvelope = R"({"envelope_id":"env-command","type":"slash_commands",
  "accepts_response_payload":true,"payload":{"team_id":"T1","channel_id":"C7","user_id":"U1","command":"/mlops",
  "text":"what is mlops?","response_url":"http://127.0.0.1/x","trigger_id":"1"}})";

std::size_t count_target(const std::vector<RecordedRequest>& requests, std::string_view suffix) {
  return static_cast<std::size_t>(
      std::count_if(requests.begin(), requests.end(), [&](const auto& r) { return r.target.ends_with(suffix); }));
}

}  // namespace

TEST_CASE("Socket Mode acks every envelope, posts the answer, counts it, and reconnects on disconnect") {
  FakeSocketModeServer socket_server({kEventsEnvelope, kCommandEnvelope});
  FakeHttpServer api([&](const adapters::HttpRequest& request, std::size_t) {
    if (request.target().ends_with("/apps.connections.open"))
      return FakeHttpServer::json(
          boost::json::serialize(boost::json::object{{"ok", true}, {"url", socket_server.url()}}));
    return FakeHttpServer::json(R"({"ok":true,"ts":"1700000099.000100"})");
  });

  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  adapters::slack::SlackConfig config;
  config.bot_token = "xoxb-socket";
  config.app_token = "xapp-socket";
  config.api_base = api.url("/api");
  std::atomic<int> answers_counted = 0;
  adapters::AdapterServices services;
  services.count_answer = [&](std::string_view intent, std::chrono::nanoseconds took) {
    if (!intent.empty() && took.count() > 0) ++answers_counted;
  };
  auto adapter = adapters::slack::make_slack_adapter(
      config,
      std::make_shared<bot::Assistant>(
          std::make_shared<bot::EngineHolder>(bot::Engine::open(bot::EngineOptions::defaults())),
          std::make_shared<bot::MemoryConversationStore>(100, std::chrono::minutes(30))),
      io.get_executor(), services);
  std::thread runner([&] { io.run(); });

  CHECK_FALSE(adapter->handles("/slack/events"));  // no signing secret: no HTTP routes

  REQUIRE(
      socket_server.wait_for([](const auto& seen) { return seen.connections >= 2 && seen.frames.size() >= 2; }, 15s));
  REQUIRE(api.wait_for([](const auto& requests) { return count_target(requests, "/chat.postMessage") >= 1; }, 15s));

  const auto seen = socket_server.observed();
  CHECK(seen.targets.at(0) == "/link?ticket=test");
  const auto events_ack = boost::json::parse(seen.frames.at(0)).as_object();
  const auto command_ack = boost::json::parse(seen.frames.at(1)).as_object();
  CHECK(events_ack.at("envelope_id") == "env-events");
  CHECK_FALSE(events_ack.contains("payload"));
  CHECK(command_ack.at("envelope_id") == "env-command");
  CHECK(command_ack.at("payload").at("response_type") == "in_channel");
  CHECK(!command_ack.at("payload").at("text").as_string().empty());

  const auto requests = api.requests();
  CHECK(count_target(requests, "/apps.connections.open") >= 2);
  for (const auto& request : requests) {
    if (request.target.ends_with("/apps.connections.open")) CHECK(request.authorization == "Bearer xapp-socket");
    if (request.target.ends_with("/chat.postMessage")) {
      CHECK(request.authorization == "Bearer xoxb-socket");
      const auto body = boost::json::parse(request.body);
      CHECK(body.at("channel") == "C7");
      CHECK(body.at("thread_ts") == "1700000001.000200");
    }
  }
  CHECK(answers_counted == 2);  // the mention and the slash command, each once

  adapter.reset();
  io.stop();
  runner.join();
}
