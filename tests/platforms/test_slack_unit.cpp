// Slack adapter, without a network: signatures, the event rules, mrkdwn and Block Kit.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "adapters/slack/event_dedupe.hpp"
#include "adapters/slack/form_decode.hpp"
#include "adapters/slack/mrkdwn.hpp"
#include "adapters/slack/request_signature.hpp"
#include "adapters/slack/slack_http_handler.hpp"
#include "adapters/slack/slack_message.hpp"
#include "bot/memory_conversation_store.hpp"

using namespace adapters::slack;
namespace http = boost::beast::http;

namespace {

// python-slack-sdk tests/slack_sdk/signature/test_signature_verifier.py (../shared/reference/platforms.md).
constexpr std::string_view kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr std::string_view kTimestamp = "1531420618";
constexpr std::string_view kBody =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
    "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack."
    "com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."
    "803a0bc887a14d10d2c447fce8b6703c";
constexpr std::string_view kExpected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
constexpr std::int64_t kVectorTime = 1531420618;

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

TEST_CASE("the published Slack signature vector signs and verifies") {
  CHECK(compute_signature(kSecret, kTimestamp, kBody) == kExpected);
  CHECK(verify_signature(kSecret, kTimestamp, kExpected, kBody, kVectorTime) == SignatureCheck::ok);
  CHECK(verify_signature(kSecret, kTimestamp, kExpected, kBody, kVectorTime + 300) == SignatureCheck::ok);
}

TEST_CASE("forged, stale, missing and malformed Slack signatures are refused") {
  CHECK(verify_signature(kSecret, kTimestamp, kExpected, std::string(kBody) + "x", kVectorTime) ==
        SignatureCheck::mismatch);
  CHECK(verify_signature("another secret", kTimestamp, kExpected, kBody, kVectorTime) == SignatureCheck::mismatch);
  CHECK(verify_signature(kSecret, kTimestamp, kExpected, kBody, kVectorTime + 301) == SignatureCheck::stale);
  CHECK(verify_signature(kSecret, kTimestamp, kExpected, kBody, kVectorTime - 301) == SignatureCheck::stale);
  CHECK(verify_signature(kSecret, "", kExpected, kBody, kVectorTime) == SignatureCheck::missing);
  CHECK(verify_signature(kSecret, kTimestamp, "", kBody, kVectorTime) == SignatureCheck::missing);
  CHECK(verify_signature(kSecret, "15314x0618", kExpected, kBody, kVectorTime) == SignatureCheck::malformed);
  CHECK(verify_signature(kSecret, std::to_string(std::numeric_limits<std::int64_t>::min()), kExpected, kBody,
                         kVectorTime) == SignatureCheck::stale);
  CHECK(verify_signature(kSecret, std::to_string(std::numeric_limits<std::int64_t>::max()), kExpected, kBody,
                         kVectorTime) == SignatureCheck::stale);
  std::string other_version(kExpected);
  other_version[1] = '1';
  CHECK(verify_signature(kSecret, kTimestamp, other_version, kBody, kVectorTime) == SignatureCheck::malformed);
  CHECK(verify_signature(kSecret, kTimestamp, kExpected.substr(0, 20), kBody, kVectorTime) == SignatureCheck::mismatch);
}

TEST_CASE("an event id is accepted once within its time, and the set stays bounded") {
  using namespace std::chrono_literals;
  EventDedupe dedupe(2, 10min);
  const auto start = EventDedupe::Clock::now();
  CHECK(dedupe.first_time("Ev1", start));
  CHECK_FALSE(dedupe.first_time("Ev1", start + 1s));
  CHECK_FALSE(dedupe.first_time("Ev1", start + 5min));
  CHECK(dedupe.first_time("Ev1", start + 11min));  // forgotten after the ttl
  CHECK(dedupe.first_time("Ev2", start + 11min));
  CHECK(dedupe.first_time("Ev3", start + 11min));  // evicts Ev1, the oldest
  CHECK(dedupe.first_time("Ev1", start + 11min));
}

TEST_CASE("a form body decodes with + and %-escapes") {
  const auto form = decode_form("text=mlops+vs+devops%3F&empty=&a=1&a=2&bad=%zz");
  CHECK(form.at("text") == "mlops vs devops?");
  CHECK(form.at("empty").empty());
  CHECK(form.at("a") == "1");
  CHECK(form.at("bad") == "%zz");
}

TEST_CASE("Markdown becomes Slack mrkdwn, with &, < and > escaped") {
  CHECK(to_mrkdwn("**Fresher**: ₹6–10 LPA") == "*Fresher*: ₹6–10 LPA");
  CHECK(to_mrkdwn("an *important* point") == "an _important_ point");
  CHECK(to_mrkdwn("R&D <team> > 5") == "R&amp;D &lt;team&gt; &gt; 5");
  CHECK(to_mrkdwn("**a <b>**") == "*a &lt;b&gt;*");
  CHECK(to_mrkdwn("- one\n* two\n  + nested") == "• one\n• two\n  • nested");
  CHECK(to_mrkdwn("## Skills") == "*Skills*");
  CHECK(to_mrkdwn("see [the docs](https://example.com/a?b=1&c=2)") ==
        "see <https://example.com/a?b=1&amp;c=2|the docs>");
  CHECK(to_mrkdwn("use `a<b` here") == "use `a&lt;b` here");
  CHECK(to_mrkdwn("```\nx = a**2 < b\n```") == "```\nx = a**2 &lt; b\n```");
  CHECK(to_mrkdwn("mlops_engineer and 2 * 3") == "mlops_engineer and 2 * 3");
  CHECK(to_mrkdwn("~~old~~") == "~old~");
}

TEST_CASE("a Markdown table becomes an aligned code block") {
  const auto text = to_mrkdwn("Pay:\n| Role | LPA |\n|---|---|\n| MLOps | 10–20 |\n| R&D | 5 |\nDone");
  CHECK(text == "Pay:\n```\nRole   LPA\nMLOps  10–20\nR&amp;D    5\n```\nDone");
}

TEST_CASE("an answer becomes Block Kit: text sections, comparison fields, sources context") {
  bot::Answer answer;
  answer.text = "**MLOps** pays more";
  answer.data["comparison"] = boost::json::array{{{"role", "mlops_engineer"}, {"min_lpa", 10}, {"max_lpa", 20}},
                                                 {{"role", "devops_engineer"}, {"min_lpa", 6.5}, {"max_lpa", 15}}};
  answer.sources = {{"mlops-engineer-salary-india", "Salary <by> role", "..."},
                    {"mlops-engineer-salary-india", "Salary <by> role", "another passage"}};
  const auto message = build_message(answer);
  CHECK(message.at("text") == "*MLOps* pays more");
  const auto& blocks = message.at("blocks").as_array();
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[0].at("type") == "section");
  CHECK(blocks[0].at("text").at("type") == "mrkdwn");
  const auto& fields = blocks[1].at("fields").as_array();
  REQUIRE(fields.size() == 2);
  CHECK(fields[0].at("text") == "*MLOps Engineer*\n₹10–20 LPA");
  CHECK(fields[1].at("text") == "*DevOps Engineer*\n₹6.5–15 LPA");
  CHECK(blocks[2].at("type") == "context");
  CHECK(blocks[2].at("elements").as_array().size() == 1);  // one section cited twice is one source
  CHECK(blocks[2]
            .at("elements")
            .as_array()[0]
            .at("text")
            .as_string()
            .ends_with("mlops-engineer-salary-india — Salary &lt;by&gt; role"));
}

TEST_CASE("a long answer is split into sections within Block Kit's limits") {
  bot::Answer answer;
  for (int i = 0; i < 2000; ++i) answer.text += "line " + std::to_string(i) + " of a very long answer\n";
  const auto message = build_message(answer);
  const auto& blocks = message.at("blocks").as_array();
  CHECK(blocks.size() > 1);
  CHECK(blocks.size() <= kMaxBlocks);
  for (const auto& block : blocks) CHECK(block.at("text").at("text").as_string().size() <= kMaxSectionText);
}

TEST_CASE("an answer with an answer_id carries the feedback buttons while learning is on, last and within limits") {
  bot::Answer answer;
  answer.text = "MLOps is ...";
  answer.answer_id = "a-0123456789abcdef0123456789abcdef";
  answer.sources = {{"what-is-mlops", "Intro", "..."}};

  CHECK(build_message(answer).at("blocks").as_array().back().at("type") == "context");
  const auto message = build_message(answer, FeedbackButtons::on);
  const auto& actions = message.at("blocks").as_array().back();
  REQUIRE(actions.at("type") == "actions");
  const auto& buttons = actions.at("elements").as_array();
  REQUIRE(buttons.size() == 2);
  CHECK(buttons[0].at("type") == "button");
  CHECK(buttons[0].at("action_id") == kHelpfulAction.data());
  CHECK(buttons[1].at("action_id") == kNotHelpfulAction.data());
  CHECK(buttons[0].at("text").at("type") == "plain_text");
  for (const auto& button : buttons) CHECK(button.at("value") == answer.answer_id.c_str());

  // Without an answer_id there is nothing to rate.
  answer.answer_id.clear();
  CHECK(build_message(answer, FeedbackButtons::on).at("blocks").as_array().back().at("type") == "context");

  // A very long answer leaves room for them within Slack's 50 blocks.
  answer.answer_id = "a-0123456789abcdef0123456789abcdef";
  for (int i = 0; i < 20000; ++i) answer.text += "line " + std::to_string(i) + " of a very long answer\n";
  const auto long_message = build_message(answer, FeedbackButtons::on);
  CHECK(long_message.at("blocks").as_array().size() <= kMaxBlocks);
  CHECK(long_message.at("blocks").as_array().back().at("type") == "actions");
}

TEST_CASE("the Slack HTTP handler verifies before it answers") {
  boost::asio::io_context io;  // never run: nothing here may start an outgoing call
  auto engine = bot::Engine::open(bot::EngineOptions::defaults());
  auto store = std::make_shared<bot::MemoryConversationStore>(100, std::chrono::minutes(30));
  const adapters::AdapterServices services;
  auto web_api = std::make_shared<WebApiClient>(*adapters::Url::parse("http://127.0.0.1:9/api"), services.log);
  auto bot =
      std::make_shared<SlackBot>(std::make_shared<bot::Assistant>(std::make_shared<bot::EngineHolder>(engine), store),
                                 web_api, "xoxb-test", io.get_executor(), services);
  SlackHttpHandler handler(std::string(kSecret), bot, services.log);
  CHECK(handler.handles("/slack/events"));
  CHECK(handler.handles("/slack/commands"));
  CHECK(handler.handles("/slack/interactions"));
  CHECK_FALSE(handler.waits_for_store("/slack/interactions"));  // acked at once, recorded later
  CHECK_FALSE(handler.handles("/slack"));

  const std::string body = R"({"token":"t","challenge":"chal-123","type":"url_verification"})";
  auto request = [&](std::string target, std::string payload, std::string timestamp, std::string signature) {
    adapters::HttpRequest r{http::verb::post, target, 11};
    if (!timestamp.empty()) r.set("X-Slack-Request-Timestamp", timestamp);
    if (!signature.empty()) r.set("X-Slack-Signature", signature);
    r.body() = std::move(payload);
    r.prepare_payload();
    return r;
  };
  const auto ts = std::to_string(now_seconds());

  SECTION("url_verification gets its challenge") {
    const auto response = handler.handle(request("/slack/events", body, ts, compute_signature(kSecret, ts, body)));
    CHECK(response.result() == http::status::ok);
    CHECK(boost::json::parse(response.body()).at("challenge") == "chal-123");
  }
  SECTION("forged, stale and missing signatures get 401 and no answer") {
    const auto stale = std::to_string(now_seconds() - 3600);
    for (const auto& bad : {request("/slack/events", body, ts, compute_signature(kSecret, ts, body + " ")),
                            request("/slack/events", body, stale, compute_signature(kSecret, stale, body)),
                            request("/slack/events", body, "", "")}) {
      const auto response = handler.handle(bad);
      CHECK(response.result() == http::status::unauthorized);
      CHECK(response.body().find("chal-123") == std::string::npos);
    }
  }
  SECTION("the unsigned ssl_check of a slash command gets a plain 200") {
    const auto response = handler.handle(request("/slack/commands", "ssl_check=1&token=x", "", ""));
    CHECK(response.result() == http::status::ok);
    CHECK(response.body().empty());
  }
  SECTION("a slash command is answered once: the same signed request again is a replay") {
    const std::string form = "team_id=T1&channel_id=C1&user_id=U1&command=%2Fmlops&text=what+is+mlops";
    const auto signed_form = request("/slack/commands", form, ts, compute_signature(kSecret, ts, form));
    CHECK(handler.handle(signed_form).result() == http::status::ok);
    const auto replayed = handler.handle(signed_form);
    CHECK(replayed.result() == http::status::unauthorized);
    CHECK(replayed.body().find("text") == std::string::npos);
    // The same question asked again is a new request, with its own signature.
    const auto later = std::to_string(now_seconds() + 1);
    CHECK(handler.handle(request("/slack/commands", form, later, compute_signature(kSecret, later, form))).result() ==
          http::status::ok);
  }
  SECTION("an empty slash command gets the help, only for the asker") {
    const std::string form = "team_id=T1&channel_id=C1&user_id=U1&command=%2Fmlops&text=";
    const auto response = handler.handle(request("/slack/commands", form, ts, compute_signature(kSecret, ts, form)));
    CHECK(response.result() == http::status::ok);
    const auto json = boost::json::parse(response.body());
    CHECK(json.at("response_type") == "ephemeral");
    CHECK(json.at("text") == build_message(engine->help()).at("text"));
  }
  SECTION("a GET is refused") {
    adapters::HttpRequest get{http::verb::get, "/slack/events", 11};
    CHECK(handler.handle(get).result() == http::status::method_not_allowed);
  }
}

