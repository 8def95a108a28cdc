// Socket Mode against local fakes: apps.connections.open on a fake Web API returns a ws://
// URL of a fake socket server, which sends hello, its envelopes (an event and a slash command,
// or clicks on feedback buttons), then `disconnect`.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>

#include "adapters/slack/slack_adapter.hpp"
#include "bot/learning_store.hpp"
#include "bot/memory_conversation_store.hpp"
#include "fake_http_server.hpp"
#include "fake_socket_mode_server.hpp"
#include "tests/unit/temp_database.hpp"

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

// A slash command whose later replies go to `response_url`.
std::string command_envelope(const std::string& response_url) {
  auto frame = boost::json::parse(kCommandEnvelope).as_object();
  frame["payload"].as_object()["response_url"] = response_url;
  return boost::json::serialize(frame);
}

// The in-memory store, saying it may block as Redis does: the adapter must then keep its turns
// off the I/O thread.
class NetworkLikeStore final : public bot::ConversationStore {
 public:
  std::optional<bot::Conversation> load(std::string_view key) override { return memory_.load(key); }
  void save(std::string_view key, const bot::Conversation& conversation) override { memory_.save(key, conversation); }
  void erase(std::string_view key) override { memory_.erase(key); }
  bool may_block() const override { return true; }

 private:
  bot::MemoryConversationStore memory_{100, std::chrono::minutes(30)};
};

// Socket Mode only (no signing secret), against the fake Web API `api`.
adapters::slack::SlackConfig socket_mode_config(const FakeHttpServer& api) {
  adapters::slack::SlackConfig config;
  config.bot_token = "xoxb-socket";
  config.app_token = "xapp-socket";
  config.api_base = api.url("/api");
  return config;
}

std::size_t count_target(const std::vector<RecordedRequest>& requests, std::string_view suffix) {
  return static_cast<std::size_t>(
      std::count_if(requests.begin(), requests.end(), [&](const auto& r) { return r.target.ends_with(suffix); }));
}

}  // namespace

TEST_CASE("Socket Mode acks every envelope, posts the answer, counts it, and reconnects on disconnect") {
  FakeSocketModeServer socket_server({{kEventsEnvelope, kCommandEnvelope}});
  FakeHttpServer api([&](const adapters::HttpRequest& request, std::size_t) {
    if (request.target().ends_with("/apps.connections.open"))
      return FakeHttpServer::json(
          boost::json::serialize(boost::json::object{{"ok", true}, {"url", socket_server.url()}}));
    return FakeHttpServer::json(R"({"ok":true,"ts":"1700000099.000100"})");
  });

  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  const auto config = socket_mode_config(api);
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

TEST_CASE("With a store that may block, a slash command is acked at once and answered at its response_url, and when "
          "the assistant's threads are full, the ack says busy") {
  const bool threads_full = GENERATE(false, true);
  std::string socket_url;  // set before the client starts, read by the fake API's thread after
  FakeHttpServer api([&](const adapters::HttpRequest& request, std::size_t) {
    if (request.target().ends_with("/apps.connections.open"))
      return FakeHttpServer::json(boost::json::serialize(boost::json::object{{"ok", true}, {"url", socket_url}}));
    return FakeHttpServer::json(R"({"ok":true,"ts":"1700000099.000100"})");
  });
  FakeSocketModeServer socket_server({{kEventsEnvelope, command_envelope(api.url("/hook/T1/42/secret"))}});
  socket_url = socket_server.url();

  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  boost::asio::thread_pool turns(1);
  std::atomic<int> offloaded = 0;
  auto offload = [&](std::function<void()> turn) {
    if (threads_full) return false;
    ++offloaded;
    boost::asio::post(turns, std::move(turn));
    return true;
  };
  const auto config = socket_mode_config(api);
  auto adapter = adapters::slack::make_slack_adapter(
      config,
      std::make_shared<bot::Assistant>(
          std::make_shared<bot::EngineHolder>(bot::Engine::open(bot::EngineOptions::defaults())),
          std::make_shared<NetworkLikeStore>(), nullptr, offload),
      io.get_executor(), adapters::AdapterServices{});
  std::thread runner([&] { io.run(); });

  REQUIRE(socket_server.wait_for([](const auto& seen) { return seen.frames.size() >= 2; }, 15s));
  const auto command_ack = boost::json::parse(socket_server.observed().frames.at(1)).as_object();
  CHECK(command_ack.at("envelope_id") == "env-command");
  if (!threads_full) {
    // The mention and the command each ran on the turn threads; the command's answer follows
    // at its response_url, without the bot token.
    REQUIRE(api.wait_for([](const auto& requests) { return count_target(requests, "/hook/T1/42/secret") >= 1; }, 15s));
    CHECK(offloaded == 2);
    CHECK_FALSE(command_ack.contains("payload"));
    for (const auto& request : api.requests()) {
      if (!request.target.ends_with("/hook/T1/42/secret")) continue;
      CHECK(request.authorization.empty());
      const auto body = boost::json::parse(request.body).as_object();
      CHECK(body.at("response_type") == "in_channel");
      CHECK(body.at("text").as_string().find("MLOps") != boost::json::string::npos);
    }
  } else {
    // Nothing was answered: the ack tells the person, only them, to ask again; the mention gets
    // the same in its thread.
    REQUIRE(api.wait_for([](const auto& requests) { return count_target(requests, "/chat.postMessage") >= 1; }, 15s));
    CHECK(command_ack.at("payload").at("response_type") == "ephemeral");
    CHECK(command_ack.at("payload").at("text").as_string().find("again") != boost::json::string::npos);
    CHECK(count_target(api.requests(), "/hook/T1/42/secret") == 0);
  }

  adapter.reset();
  io.stop();
  runner.join();
  turns.join();
}

namespace {

// A click on an answer's feedback button, as an "interactive" envelope.
std::string click_envelope(const std::string& envelope_id, const std::string& answer_id, bool helpful,
                           const std::string& response_url) {
  boost::json::object action{{"action_id", helpful ? "feedback_helpful" : "feedback_not_helpful"},
                             {"block_id", "b1"},
                             {"type", "button"},
                             {"value", answer_id},
                             {"action_ts", "1700000002.000300"}};
  boost::json::object payload{{"type", "block_actions"},
                              {"user", {{"id", "U1"}}},
                              {"team", {{"id", "T1"}}},
                              {"channel", {{"id", "C7"}}},
                              {"trigger_id", "1.2.3"},
                              {"response_url", response_url},
                              {"actions", boost::json::array{std::move(action)}}};
  return boost::json::serialize(boost::json::object{{"envelope_id", envelope_id},
                                                    {"type", "interactive"},
                                                    {"accepts_response_payload", false},
                                                    {"payload", std::move(payload)}});
}

const boost::json::object* response_at(const std::vector<RecordedRequest>& requests, std::string_view path,
                                       boost::json::value& parsed) {
  for (const auto& request : requests)
    if (request.target == path) {
      parsed = boost::json::parse(request.body);
      return &parsed.as_object();
    }
  return nullptr;
}

}  // namespace

TEST_CASE("a click on a feedback button over Socket Mode is acked, recorded with the channel slack, and thanked "
          "at its response_url, and an unknown answer is too old to rate") {
  const bool store_may_block = GENERATE(false, true);
  TempDatabase file("socket-feedback");
  auto learning_store = std::make_shared<bot::LearningStore>(file.path(), bot::LearningLimits{});
  auto learning = std::make_shared<bot::LearningRecorder>(learning_store, bot::LearningOptions{});
  boost::asio::thread_pool turns(1);
  std::atomic<int> offloaded = 0;
  auto offload = [&](std::function<void()> turn) {
    ++offloaded;
    boost::asio::post(turns, std::move(turn));
    return true;
  };
  std::shared_ptr<bot::ConversationStore> conversations =
      store_may_block ? std::shared_ptr<bot::ConversationStore>(std::make_shared<NetworkLikeStore>())
                      : std::make_shared<bot::MemoryConversationStore>(100, std::chrono::minutes(30));
  auto assistant = std::make_shared<bot::Assistant>(
      std::make_shared<bot::EngineHolder>(bot::Engine::open(bot::EngineOptions::defaults())), conversations, learning,
      offload);
  // The answer the person rates, given in Slack (as a mention would be).
  const auto turn = assistant->ask(bot::Channel::slack, "slack:T1:C7:1700000001.000200", "what is mlops?");
  REQUIRE(turn);
  REQUIRE(!turn->answer.answer_id.empty());

  std::string socket_url;  // set before the client starts, read by the fake API's thread after
  FakeHttpServer api([&](const adapters::HttpRequest& request, std::size_t) {
    if (request.target().ends_with("/apps.connections.open"))
      return FakeHttpServer::json(boost::json::serialize(boost::json::object{{"ok", true}, {"url", socket_url}}));
    return FakeHttpServer::json(R"({"ok":true})");
  });
  FakeSocketModeServer socket_server(
      {{click_envelope("env-click", turn->answer.answer_id, true, api.url("/actions/T1/1/known")),
        click_envelope("env-old", "a-00000000000000000000000000000000", false, api.url("/actions/T1/2/unknown"))}});
  socket_url = socket_server.url();

  boost::asio::io_context io;
  auto work = boost::asio::make_work_guard(io);
  const auto config = socket_mode_config(api);
  auto adapter = adapters::slack::make_slack_adapter(config, assistant, io.get_executor(), adapters::AdapterServices{});
  std::thread runner([&] { io.run(); });

  REQUIRE(socket_server.wait_for([](const auto& seen) { return seen.frames.size() >= 2; }, 15s));
  REQUIRE(api.wait_for(
      [](const auto& requests) {
        return count_target(requests, "/actions/T1/1/known") == 1 &&
               count_target(requests, "/actions/T1/2/unknown") == 1;
      },
      15s));
  // Each envelope was acked by its id alone: the reply goes to the response_url.
  const auto seen = socket_server.observed();
  CHECK(boost::json::parse(seen.frames.at(0)) == boost::json::parse(R"({"envelope_id":"env-click"})"));
  CHECK(boost::json::parse(seen.frames.at(1)) == boost::json::parse(R"({"envelope_id":"env-old"})"));
  CHECK(offloaded == (store_may_block ? 2 : 0));

  const auto requests = api.requests();
  boost::json::value parsed;
  const auto* thanks = response_at(requests, "/actions/T1/1/known", parsed);
  REQUIRE(thanks);
  CHECK(thanks->at("response_type") == "ephemeral");
  CHECK(thanks->at("replace_original") == false);
  CHECK(thanks->at("text") == "Thanks — noted.");
  const auto* too_old = response_at(requests, "/actions/T1/2/unknown", parsed);
  REQUIRE(too_old);
  CHECK(too_old->at("response_type") == "ephemeral");
  CHECK(too_old->at("text").as_string().find("too old") != boost::json::string::npos);
  for (const auto& request : requests)
    if (request.target.starts_with("/actions/")) CHECK(request.authorization.empty());

  learning->flush();
  const auto entries = learning_store->feedback(std::chrono::system_clock::time_point{}, 10);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].answer_id == turn->answer.answer_id);
  CHECK(entries[0].channel == "slack");
  CHECK(entries[0].helpful);

  adapter.reset();
  io.stop();
  runner.join();
  turns.join();
}
