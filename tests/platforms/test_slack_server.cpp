// The Slack adapter in the real server (mlops-bot serve on a loopback port), posting its
// answers to a local fake of Slack's Web API.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <optional>

#include <boost/json.hpp>

#include "bot/learning_store.hpp"
#include "fake_http_server.hpp"
#include "platform_client.hpp"
#include "server_process.hpp"
#include "tests/unit/temp_database.hpp"

using namespace platforms_test;
using namespace std::chrono_literals;
namespace http = boost::beast::http;

namespace {

const std::string kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
const std::string kBotToken = "xoxb-test-token";

std::vector<boost::json::object> posts_to(const std::vector<RecordedRequest>& requests, const std::string& channel) {
  std::vector<boost::json::object> posts;
  for (const auto& request : requests) {
    if (!request.target.ends_with("/chat.postMessage")) continue;
    auto body = boost::json::parse(request.body).as_object();
    if (body.at("channel") == channel.c_str()) posts.push_back(std::move(body));
  }
  return posts;
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

// A fake Slack Web API that refuses the first `rate_limited` chat.postMessage calls with a 429.
struct SlackFixture {
  std::atomic<int> rate_limited{0};
  FakeHttpServer api{[this](const adapters::HttpRequest& request, std::size_t) {
    if (request.target().ends_with("/chat.postMessage") && rate_limited.fetch_sub(1) > 0) {
      auto response = FakeHttpServer::json(R"({"ok":false,"error":"ratelimited"})", http::status::too_many_requests);
      response.set(http::field::retry_after, "1");
      return response;
    }
    return FakeHttpServer::json(R"({"ok":true,"channel":"C1","ts":"1700000099.000100"})");
  }};
  ServerProcess server;

  explicit SlackFixture(const std::vector<std::string>& args = {})
      : server({{"SLACK_SIGNING_SECRET", kSecret}, {"SLACK_BOT_TOKEN", kBotToken}, {"SLACK_API_BASE", api.url("/api")}},
               args) {}

  adapters::HttpResponse send_event(const boost::json::object& envelope, Headers extra = {}) {
    const auto body = boost::json::serialize(envelope);
    auto headers = slack_headers(kSecret, body, unix_now());
    headers.merge(extra);
    return post(server.port(), "/slack/events", body, headers);
  }
};

boost::json::object event(const std::string& id, boost::json::object inner) {
  return {{"type", "event_callback"},
          {"team_id", "T1"},
          {"api_app_id", "A1"},
          {"event_id", id},
          {"event_time", 1700000000},
          {"event", std::move(inner)},
          {"authorizations", {{{"team_id", "T1"}, {"user_id", "UBOT"}, {"is_bot", true}}}}};
}

boost::json::object mention(const std::string& channel, const std::string& ts, const std::string& text) {
  return {{"type", "app_mention"}, {"user", "U1"}, {"text", text}, {"ts", ts}, {"channel", channel}, {"event_ts", ts}};
}

}  // namespace

TEST_CASE("Slack requests are verified by the server: url_verification, forged, stale, missing") {
  SlackFixture slack;
  const std::string body = R"({"token":"t","challenge":"chal-123","type":"url_verification"})";
  const auto port = slack.server.port();

  const auto ok = post(port, "/slack/events", body, slack_headers(kSecret, body, unix_now()));
  CHECK(ok.result() == http::status::ok);
  CHECK(boost::json::parse(ok.body()).at("challenge") == "chal-123");

  const auto forged = post(port, "/slack/events", body, slack_headers(kSecret, body + "x", unix_now()));
  CHECK(forged.result() == http::status::unauthorized);
  CHECK(forged.body().find("chal-123") == std::string::npos);
  const auto stale_time = std::to_string(std::stoll(unix_now()) - 3600);
  CHECK(post(port, "/slack/events", body, slack_headers(kSecret, body, stale_time)).result() ==
        http::status::unauthorized);
  CHECK(post(port, "/slack/events", body, {{"Content-Type", "application/json"}}).result() ==
        http::status::unauthorized);
  CHECK(slack.server.wait_for_log("slack.request_refused", 5s));
  CHECK(slack.server.log().find(kSecret) == std::string::npos);
}

TEST_CASE("an app_mention is acknowledged at once and answered in its thread, once however often retried") {
  SlackFixture slack;
  const auto envelope = event("Ev1", mention("C1", "1700000000.000100", "<@UBOT> what is mlops?"));

  const auto start = std::chrono::steady_clock::now();
  const auto ack = slack.send_event(envelope);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(ack.result() == http::status::ok);
  CHECK(elapsed < 100ms);

  for (int retry = 1; retry <= 3; ++retry) {
    const auto again = slack.send_event(
        envelope, {{"X-Slack-Retry-Num", std::to_string(retry)}, {"X-Slack-Retry-Reason", "http_timeout"}});
    CHECK(again.result() == http::status::ok);
  }
  // A later question in the same channel: once its answer is posted, any duplicate of the
  // first (which would have taken the channel's earlier slots) would have been too.
  slack.send_event(event("Ev2", mention("C1", "1700000000.000200", "<@UBOT> thanks")));
  REQUIRE(slack.api.wait_for([](const auto& requests) { return posts_to(requests, "C1").size() >= 2; }, 15s));

  const auto requests = slack.api.requests();
  const auto posts = posts_to(requests, "C1");
  REQUIRE(posts.size() == 2);
  CHECK(posts[0].at("thread_ts") == "1700000000.000100");
  CHECK(posts[1].at("thread_ts") == "1700000000.000200");
  CHECK(!posts[0].at("text").as_string().empty());
  CHECK(posts[0].at("text").as_string().find("UBOT") == std::string::npos);
  CHECK(posts[0].at("blocks").as_array().size() >= 1);
  for (const auto& request : requests) CHECK(request.authorization == "Bearer " + kBotToken);
}

TEST_CASE("the bot's own messages and other bots' are not answered") {
  SlackFixture slack;
  auto dm = [](const std::string& text) {
    return boost::json::object{{"type", "message"}, {"channel_type", "im"}, {"channel", "D1"},
                               {"user", "U1"},      {"text", text},         {"ts", "1700000000.000300"}};
  };
  auto own = dm("an answer the bot posted");
  own["user"] = "UBOT";
  auto other_bot = dm("another bot");
  other_bot["bot_id"] = "B9";
  auto bot_message = dm("a bot_message");
  bot_message["subtype"] = "bot_message";
  CHECK(slack.send_event(event("Ev10", own)).result() == http::status::ok);
  CHECK(slack.send_event(event("Ev11", other_bot)).result() == http::status::ok);
  CHECK(slack.send_event(event("Ev12", bot_message)).result() == http::status::ok);
  auto person = dm("what is mlops?");
  person["ts"] = "1700000000.000400";
  CHECK(slack.send_event(event("Ev13", person)).result() == http::status::ok);

  REQUIRE(slack.api.wait_for([](const auto& requests) { return !posts_to(requests, "D1").empty(); }, 15s));
  const auto posts = posts_to(slack.api.requests(), "D1");
  REQUIRE(posts.size() == 1);
  CHECK(posts[0].at("thread_ts") == "1700000000.000400");
}

TEST_CASE("a 429 from Slack's Web API is retried after its Retry-After") {
  SlackFixture slack;
  slack.rate_limited = 1;
  slack.send_event(event("Ev20", mention("C2", "1700000000.000500", "<@UBOT> what is mlops?")));
  REQUIRE(slack.api.wait_for([](const auto& requests) { return posts_to(requests, "C2").size() >= 2; }, 15s));
  std::vector<RecordedRequest> attempts;
  for (const auto& request : slack.api.requests())
    if (request.target.ends_with("/chat.postMessage")) attempts.push_back(request);
  REQUIRE(attempts.size() == 2);
  CHECK(attempts[1].received - attempts[0].received >= 950ms);
  CHECK(attempts[1].body == attempts[0].body);
  CHECK(slack.server.wait_for_log("slack.rate_limited", 1s));
}

TEST_CASE("a slash command is answered in its response, in the channel") {
  SlackFixture slack;
  const std::string form =
      "token=t&team_id=T1&channel_id=C1&user_id=U1&command=%2Fmlops&text=what+is+mlops%3F&response_url=http%3A%2F%2F"
      "127.0.0.1%2Fx&trigger_id=1";
  const auto response = post(slack.server.port(), "/slack/commands", form,
                             slack_headers(kSecret, form, unix_now(), "application/x-www-form-urlencoded"));
  CHECK(response.result() == http::status::ok);
  const auto json = boost::json::parse(response.body());
  CHECK(json.at("response_type") == "in_channel");
  CHECK(!json.at("text").as_string().empty());

  const std::string empty = "team_id=T1&channel_id=C1&user_id=U1&command=%2Fmlops&text=";
  const auto help = post(slack.server.port(), "/slack/commands", empty,
                         slack_headers(kSecret, empty, unix_now(), "application/x-www-form-urlencoded"));
  CHECK(boost::json::parse(help.body()).at("response_type") == "ephemeral");
  CHECK(slack.api.requests().empty());  // answered in the response, nothing posted
}

TEST_CASE("the answers carry the engine's figures: fresher band, and a role comparison", "[engine]") {
  SlackFixture slack;
  slack.send_event(
      event("Ev30", mention("C3", "1700000000.000600", "<@UBOT> what does a fresher mlops engineer earn?")));
  REQUIRE(slack.api.wait_for([](const auto& requests) { return !posts_to(requests, "C3").empty(); }, 15s));
  const auto posted = boost::json::serialize(posts_to(slack.api.requests(), "C3").at(0));
  CHECK(posted.find('6') != std::string::npos);
  CHECK(posted.find("10") != std::string::npos);

  const std::string form = "team_id=T1&channel_id=C1&user_id=U1&command=%2Fmlops&text=mlops+vs+devops+salary";
  const auto response = post(slack.server.port(), "/slack/commands", form,
                             slack_headers(kSecret, form, unix_now(), "application/x-www-form-urlencoded"));
  std::string body = response.body();
  for (auto& c : body) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CHECK(body.find("devops") != std::string::npos);
  CHECK(body.find("lpa") != std::string::npos);
}

TEST_CASE("without Slack's configuration the routes are not claimed") {
  ServerProcess server{Environment{}};
  const std::string body = R"({"type":"url_verification","challenge":"c"})";
  CHECK(post(server.port(), "/slack/events", body, slack_headers(kSecret, body, unix_now())).result() ==
        http::status::not_found);
  CHECK(post(server.port(), "/discord/interactions", "{}", {}).result() == http::status::not_found);
}

TEST_CASE("a replayed event without an event_id is answered once") {
  SlackFixture slack;
  auto envelope = event("", mention("C4", "1700000000.000700", "<@UBOT> what is mlops?"));
  envelope.erase("event_id");
  const auto body = boost::json::serialize(envelope);
  const auto headers = slack_headers(kSecret, body, unix_now());
  for (int i = 0; i < 3; ++i)
    CHECK(post(slack.server.port(), "/slack/events", body, headers).result() == http::status::ok);
  // Signed anew a second later, as a retry of it would be: still the same message.
  const auto later = std::to_string(std::stoll(unix_now()) + 1);
  CHECK(post(slack.server.port(), "/slack/events", body, slack_headers(kSecret, body, later)).result() ==
        http::status::ok);
  // A new message with the same event_id-less shape is answered: once it has been posted, any
  // duplicate of the first (which took the channel's earlier slots) would have been too.
  auto next = event("", mention("C4", "1700000000.000800", "<@UBOT> thanks"));
  next.erase("event_id");
  slack.send_event(next);
  REQUIRE(slack.api.wait_for([](const auto& requests) { return posts_to(requests, "C4").size() >= 2; }, 15s));
  const auto posts = posts_to(slack.api.requests(), "C4");
  REQUIRE(posts.size() == 2);
  CHECK(posts[0].at("thread_ts") == "1700000000.000700");
  CHECK(posts[1].at("thread_ts") == "1700000000.000800");
}

TEST_CASE("a replayed slash command is refused, not answered again") {
  SlackFixture slack;
  const std::string form = "team_id=T1&channel_id=C1&user_id=U1&command=%2Fmlops&text=what+is+mlops%3F";
  const auto headers = slack_headers(kSecret, form, unix_now(), "application/x-www-form-urlencoded");
  CHECK(post(slack.server.port(), "/slack/commands", form, headers).result() == http::status::ok);
  const auto replay = post(slack.server.port(), "/slack/commands", form, headers);
  CHECK(replay.result() == http::status::unauthorized);
  CHECK(replay.body().find("response_type") == std::string::npos);
  CHECK(slack.server.wait_for_log(R"("reason":"replay")", 5s));
}

TEST_CASE("half of Slack's variables say which one is missing, never a value") {
  SECTION("a bot token alone") {
    ServerProcess server(Environment{{"SLACK_BOT_TOKEN", "xoxb-only-token"}});
    REQUIRE(server.wait_for_log("slack.disabled", 5s));
    const auto log = server.log();
    CHECK(log.find(R"("level":"warn","event":"slack.disabled","set":["SLACK_BOT_TOKEN"])") != std::string::npos);
    CHECK(log.find(R"("missing":"SLACK_SIGNING_SECRET or SLACK_APP_TOKEN")") != std::string::npos);
    CHECK(log.find("xoxb-only-token") == std::string::npos);
  }
  SECTION("a signing secret alone") {
    ServerProcess server(Environment{{"SLACK_SIGNING_SECRET", kSecret}});
    REQUIRE(server.wait_for_log("slack.disabled", 5s));
    const auto log = server.log();
    CHECK(log.find(R"("missing":"SLACK_BOT_TOKEN")") != std::string::npos);
    CHECK(log.find(kSecret) == std::string::npos);
    const std::string body = R"({"type":"url_verification","challenge":"c"})";
    CHECK(post(server.port(), "/slack/events", body, slack_headers(kSecret, body, unix_now())).result() ==
          http::status::not_found);
  }
}

TEST_CASE("Slack's log lines keep to --log-level, and unauthenticated requests cannot flood it") {
  const std::string form = "team_id=T1&channel_id=C1&user_id=U1&command=%2Fmlops&text=hi";
  SECTION("at info, a hundred unsigned requests make one line") {
    SlackFixture slack;
    for (int i = 0; i < 100; ++i)
      CHECK(post(slack.server.port(), "/slack/commands", form, {}).result() == http::status::unauthorized);
    slack.server.stop();
    CHECK(count_of(slack.server.log(), "slack.request_refused") == 1);
  }
  SECTION("at warn, no info line") {
    SlackFixture slack({"--log-level", "warn"});
    slack.server.stop();
    CHECK(slack.server.log().find("slack.enabled") == std::string::npos);
  }
  SECTION("at off, nothing") {
    SlackFixture slack({"--log-level", "off"});
    CHECK(post(slack.server.port(), "/slack/commands", form, {}).result() == http::status::unauthorized);
    slack.server.stop();
    CHECK(slack.server.log().find("slack.") == std::string::npos);
  }
}

TEST_CASE("Slack answers are counted in the server's metrics, mentions and slash commands") {
  SlackFixture slack;
  const auto latencies = [&] {
    const auto text = get(slack.server.port(), "/metrics").body();
    const std::string series = "\nmlops_bot_answer_latency_seconds_count ";
    const auto at = text.find(series);
    return at == std::string::npos ? -1.0 : std::stod(text.substr(at + series.size()));
  };
  REQUIRE(latencies() == 0);
  const std::string form = "team_id=T1&channel_id=C1&user_id=U1&command=%2Fmlops&text=what+is+mlops%3F";
  REQUIRE(post(slack.server.port(), "/slack/commands", form,
               slack_headers(kSecret, form, unix_now(), "application/x-www-form-urlencoded"))
              .result() == http::status::ok);
  CHECK(latencies() == 1);
  slack.send_event(event("Ev40", mention("C5", "1700000000.000900", "<@UBOT> what is mlops?")));
  REQUIRE(slack.api.wait_for([](const auto& requests) { return !posts_to(requests, "C5").empty(); }, 15s));
  CHECK(latencies() == 2);
  CHECK(get(slack.server.port(), "/metrics").body().find("mlops_bot_answers_total{intent=") != std::string::npos);
}

namespace {

// application/x-www-form-urlencoded, as Slack encodes an interaction's payload field.
std::string form_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0xF];
    }
  }
  return encoded;
}

// A block_actions interaction: a click on the button `action_id` whose value is `value`.
std::string click_form(const std::string& action_id, const std::string& value, const std::string& response_url) {
  boost::json::object action{{"action_id", action_id},
                             {"block_id", "b1"},
                             {"type", "button"},
                             {"value", value},
                             {"action_ts", "1700000002.000300"}};
  const boost::json::object payload{{"type", "block_actions"},
                                    {"user", {{"id", "U1"}, {"username", "someone"}}},
                                    {"team", {{"id", "T1"}}},
                                    {"channel", {{"id", "C5"}}},
                                    {"trigger_id", "1.2.3"},
                                    {"response_url", response_url},
                                    {"actions", boost::json::array{std::move(action)}}};
  return "payload=" + form_encode(boost::json::serialize(payload));
}

adapters::HttpResponse send_click(SlackFixture& slack, const std::string& form) {
  return post(slack.server.port(), "/slack/interactions", form,
              slack_headers(kSecret, form, unix_now(), "application/x-www-form-urlencoded"));
}

// The JSON POSTed to `path` on the fake API (a response_url), once it came.
std::optional<boost::json::object> posted_to(const FakeHttpServer& api, const std::string& path) {
  if (!api.wait_for(
          [&](const auto& requests) {
            return std::any_of(requests.begin(), requests.end(), [&](const auto& r) { return r.target == path; });
          },
          15s))
    return std::nullopt;
  for (const auto& request : api.requests())
    if (request.target == path) return boost::json::parse(request.body).as_object();
  return std::nullopt;
}

}  // namespace

TEST_CASE("an answer carries 👍/👎 buttons, and a click over HTTP is acked, recorded with the channel slack, and thanked "
          "at its response_url") {
  TempDatabase learning("slack-feedback");
  std::optional<SlackFixture> slack(std::in_place, std::vector<std::string>{"--learning-db", learning.path().string()});
  slack->send_event(event("Ev50", mention("C5", "1700000000.000900", "<@UBOT> what is mlops?")));
  REQUIRE(slack->api.wait_for([](const auto& requests) { return !posts_to(requests, "C5").empty(); }, 15s));
  const auto blocks = posts_to(slack->api.requests(), "C5").at(0).at("blocks").as_array();
  const auto& actions = blocks.back();
  REQUIRE(actions.at("type") == "actions");
  const auto& buttons = actions.at("elements").as_array();
  REQUIRE(buttons.size() == 2);
  CHECK(buttons[0].at("action_id") == "feedback_helpful");
  CHECK(buttons[0].at("text").at("text") == "👍 Helpful");
  CHECK(buttons[1].at("action_id") == "feedback_not_helpful");
  CHECK(buttons[1].at("text").at("text") == "👎 Not helpful");
  const std::string answer_id(buttons[1].at("value").as_string());
  CHECK(buttons[0].at("value") == answer_id.c_str());

  const auto start = std::chrono::steady_clock::now();
  const auto ack = send_click(*slack, click_form("feedback_not_helpful", answer_id, slack->api.url("/actions/T1/1/a")));
  CHECK(std::chrono::steady_clock::now() - start < 1s);  // acked before it is recorded
  CHECK(ack.result() == http::status::ok);
  CHECK(ack.body().empty());
  const auto thanks = posted_to(slack->api, "/actions/T1/1/a");
  REQUIRE(thanks);
  CHECK(thanks->at("response_type") == "ephemeral");
  CHECK(thanks->at("replace_original") == false);
  CHECK(thanks->at("text") == "Thanks — noted.");

  SECTION("an answer the server does not know is too old to rate, and nothing is recorded for it") {
    send_click(*slack,
               click_form("feedback_helpful", "a-00000000000000000000000000000000", slack->api.url("/actions/T1/2/b")));
    const auto reply = posted_to(slack->api, "/actions/T1/2/b");
    REQUIRE(reply);
    CHECK(reply->at("response_type") == "ephemeral");
    CHECK(reply->at("text").as_string().find("too old") != boost::json::string::npos);
  }
  SECTION("a button value that is no answer id is said to be unreadable") {
    send_click(*slack, click_form("feedback_helpful", "drop table", slack->api.url("/actions/T1/3/c")));
    const auto reply = posted_to(slack->api, "/actions/T1/3/c");
    REQUIRE(reply);
    CHECK(reply->at("text").as_string().find("nothing was recorded") != boost::json::string::npos);
  }
  bool latest_helpful = false;
  SECTION("a replayed click, a forged one and a payload that is not JSON are refused") {
    latest_helpful = true;  // the click let through changes the 👎 to a 👍
    const auto form = click_form("feedback_helpful", answer_id, slack->api.url("/actions/T1/4/d"));
    const auto headers = slack_headers(kSecret, form, unix_now(), "application/x-www-form-urlencoded");
    CHECK(post(slack->server.port(), "/slack/interactions", form, headers).result() == http::status::ok);
    CHECK(post(slack->server.port(), "/slack/interactions", form, headers).result() == http::status::unauthorized);
    CHECK(post(slack->server.port(), "/slack/interactions", form,
               slack_headers(kSecret, form + "x", unix_now(), "application/x-www-form-urlencoded"))
              .result() == http::status::unauthorized);
    CHECK(send_click(*slack, "payload=%7Bnot+json").result() == http::status::bad_request);
    REQUIRE(posted_to(slack->api, "/actions/T1/4/d"));
  }

  // The server writes what it recorded when it stops: one verdict per answer, the latest.
  slack.reset();
  bot::LearningStore store(learning.path(), bot::LearningLimits{});
  const auto entries = store.feedback(std::chrono::system_clock::time_point{}, 10);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].answer_id == answer_id);
  CHECK(entries[0].channel == "slack");
  CHECK(entries[0].helpful == latest_helpful);
  CHECK(entries[0].question == "what is mlops?");
}

TEST_CASE("with learning off, Slack answers carry no feedback buttons") {
  SlackFixture slack({"--learning", "off"});
  slack.send_event(event("Ev60", mention("C6", "1700000001.000100", "<@UBOT> what is mlops?")));
  REQUIRE(slack.api.wait_for([](const auto& requests) { return !posts_to(requests, "C6").empty(); }, 15s));
  const auto posts = posts_to(slack.api.requests(), "C6");
  for (const auto& block : posts.at(0).at("blocks").as_array()) CHECK(block.at("type") != "actions");
  const std::string form = "team_id=T1&channel_id=C6&user_id=U1&command=%2Fmlops&text=what+is+mlops%3F";
  const auto response = post(slack.server.port(), "/slack/commands", form,
                             slack_headers(kSecret, form, unix_now(), "application/x-www-form-urlencoded"));
  CHECK(response.body().find("feedback_helpful") == std::string::npos);
  CHECK(response.body().find("blocks") != std::string::npos);
}
