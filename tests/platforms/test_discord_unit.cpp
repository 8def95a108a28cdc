// Discord adapter, without a network: the Ed25519 check, fitting answers to Discord's limits,
// and the interactions handler's replies.
#include <catch2/catch.hpp>

#include <chrono>
#include <limits>

#include <boost/json.hpp>
#include <sodium.h>

#include "adapters/discord/command_registration.hpp"
#include "adapters/discord/discord_message.hpp"
#include "adapters/discord/interaction_signature.hpp"
#include "adapters/discord/interactions_handler.hpp"
#include "bot/memory_conversation_store.hpp"

using namespace adapters::discord;
namespace http = boost::beast::http;

namespace {

// ../shared/reference/platforms.md: RFC 8032 §7.1 TEST 1 key, body {"type":1}.
constexpr std::string_view kSeed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr std::string_view kPublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr std::string_view kTimestamp = "1700000000";
constexpr std::string_view kPingBody = R"({"type":1})";
constexpr std::string_view kSignature =
    "1695961a47c91a1ec033b819b7e87e3dbc583dd0cee6d1fd0216f58ac87b6228ae531ddbf91fb7bc28d7edf7f08604da16f54624f38a6bc061"
    "4e"
    "4dc13cd47f0f";

// Signs as Discord would, with the vector's private seed.
std::string sign(std::string_view timestamp, std::string_view body) {
  unsigned char seed[crypto_sign_SEEDBYTES], public_key[crypto_sign_PUBLICKEYBYTES],
      secret_key[crypto_sign_SECRETKEYBYTES];
  sodium_hex2bin(seed, sizeof seed, kSeed.data(), kSeed.size(), nullptr, nullptr, nullptr);
  crypto_sign_seed_keypair(public_key, secret_key, seed);
  const std::string message = std::string(timestamp) + std::string(body);
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_key);
  char hex[2 * crypto_sign_BYTES + 1];
  return sodium_bin2hex(hex, sizeof hex, signature, sizeof signature);
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

TEST_CASE("the Discord vector verifies, and any change to it does not") {
  const auto verifier = InteractionVerifier::from_hex(kPublicKey);
  REQUIRE(verifier);
  CHECK(sign(kTimestamp, kPingBody) == kSignature);
  CHECK(verifier->verify(kSignature, kTimestamp, kPingBody));
  CHECK_FALSE(verifier->verify(kSignature, "1700000001", kPingBody));
  CHECK_FALSE(verifier->verify(kSignature, kTimestamp, R"({"type":2})"));
  std::string flipped(kSignature);
  flipped[0] = '0';
  CHECK_FALSE(verifier->verify(flipped, kTimestamp, kPingBody));
  CHECK_FALSE(verifier->verify(std::string(128, '0'), kTimestamp, kPingBody));
  CHECK_FALSE(verifier->verify(kSignature.substr(2), kTimestamp, kPingBody));
  CHECK_FALSE(verifier->verify("", kTimestamp, kPingBody));
  CHECK_FALSE(verifier->verify(kSignature, "", kPingBody));
  CHECK_FALSE(InteractionVerifier::from_hex("abc"));
  CHECK_FALSE(InteractionVerifier::from_hex(std::string(64, 'x')));
}

TEST_CASE("a Discord timestamp must be an integer within five minutes of now, however well signed") {
  const auto verifier = InteractionVerifier::from_hex(kPublicKey);
  REQUIRE(verifier);
  constexpr std::int64_t kVectorTime = 1700000000;
  CHECK(verifier->check(kSignature, kTimestamp, kPingBody, kVectorTime) == InteractionCheck::ok);
  CHECK(verifier->check(kSignature, kTimestamp, kPingBody, kVectorTime + 300) == InteractionCheck::ok);
  CHECK(verifier->check(kSignature, kTimestamp, kPingBody, kVectorTime - 300) == InteractionCheck::ok);
  CHECK(verifier->check(kSignature, kTimestamp, kPingBody, kVectorTime + 301) == InteractionCheck::stale);
  CHECK(verifier->check(kSignature, kTimestamp, kPingBody, kVectorTime - 301) == InteractionCheck::stale);
  CHECK(verifier->check(kSignature, kTimestamp, kPingBody, kVectorTime + 365 * 86400) == InteractionCheck::stale);
  for (const std::string timestamp : {"hello", "1700000000.5", " 1700000000", "0x6553f100", "+1700000000", "",
                                      "99999999999999999999"}) {
    INFO(timestamp);
    CHECK(verifier->check(sign(timestamp, kPingBody), timestamp, kPingBody, kVectorTime) != InteractionCheck::ok);
  }
  const auto lowest = std::to_string(std::numeric_limits<std::int64_t>::min());
  CHECK(verifier->check(sign(lowest, kPingBody), lowest, kPingBody, kVectorTime) == InteractionCheck::stale);
  CHECK(verifier->check(kSignature, kTimestamp, R"({"type":2})", kVectorTime) == InteractionCheck::mismatch);
  CHECK(verifier->check("", kTimestamp, kPingBody, kVectorTime) == InteractionCheck::missing);
}

TEST_CASE("text longer than Discord's 2000 characters is fitted") {
  CHECK(fit_text("short", kMaxContent) == "short");
  std::string long_text;
  for (int i = 0; i < 300; ++i) long_text += "₹" + std::to_string(i) + " LPA is a line of the answer\n";
  REQUIRE(discord_length(long_text) > kMaxContent);
  const auto fitted = fit_text(long_text, kMaxContent);
  CHECK(discord_length(fitted) <= kMaxContent);
  CHECK(fitted.ends_with("…"));
  CHECK(long_text.starts_with(fitted.substr(0, fitted.size() - std::string("…").size())));

  SECTION("an open code block is closed") {
    const auto fenced = fit_text("```\n" + long_text + "```", kMaxContent);
    CHECK(discord_length(fenced) <= kMaxContent);
    CHECK(fenced.ends_with("…\n```"));
  }
  SECTION("characters outside the BMP count twice, as Discord counts them") {
    CHECK(discord_length("😀") == 2);
    CHECK(discord_length("₹") == 1);
    const auto emoji = fit_text(
        std::string(1500, 'a') + " " +
            [] {
              std::string text;
              for (int i = 0; i < 600; ++i) text += "😀";
              return text;
            }(),
        kMaxContent);
    CHECK(discord_length(emoji) <= kMaxContent);
  }
}

TEST_CASE("a Discord answer carries the comparison as embed fields and mentions nobody") {
  bot::Answer answer;
  answer.text = "Compared: @everyone";
  answer.data["comparison"] = boost::json::array{{{"role", "mlops_engineer"}, {"min_lpa", 10}, {"max_lpa", 20}},
                                                 {{"role", "data_scientist"}, {"min_lpa", 8}, {"max_lpa", 18}}};
  answer.sources = {{"mlops-vs-devops", "Pay", "..."}, {"salary-guide", "", "..."}, {"mlops-vs-devops", "Pay", "more"}};
  const auto data = build_response_data(answer);
  CHECK(data.at("content") == "Compared: @everyone");
  CHECK(data.at("allowed_mentions").at("parse").as_array().empty());
  const auto& embed = data.at("embeds").as_array().at(0);
  const auto& fields = embed.at("fields").as_array();
  REQUIRE(fields.size() == 2);
  CHECK(fields[0].at("name") == "MLOps Engineer");
  CHECK(fields[0].at("value") == "₹10–20 LPA");
  CHECK(fields[1].at("name") == "Data Scientist");
  CHECK(embed.at("footer").at("text") == "Sources: mlops-vs-devops — Pay; salary-guide");
}

TEST_CASE("many sources and rows stay within the embed limits") {
  bot::Answer answer;
  answer.text = std::string(5000, 'x');
  boost::json::array rows;
  for (int i = 0; i < 40; ++i)
    rows.push_back({{"role", "role_" + std::to_string(i)}, {"min_lpa", i}, {"max_lpa", i + 1}});
  answer.data["comparison"] = std::move(rows);
  for (int i = 0; i < 200; ++i) answer.sources.push_back({"document-" + std::to_string(i), std::string(40, 's'), ""});
  const auto data = build_response_data(answer);
  CHECK(discord_length(data.at("content").as_string()) <= kMaxContent);
  const auto& embed = data.at("embeds").as_array().at(0);
  CHECK(embed.at("fields").as_array().size() <= kMaxEmbedFields);
  CHECK(discord_length(embed.at("footer").at("text").as_string()) <= kMaxFooter);
}

TEST_CASE("a Discord answer with an answer_id carries one row of feedback buttons while learning is on") {
  bot::Answer answer;
  answer.text = "MLOps is ...";
  answer.answer_id = "a-0123456789abcdef0123456789abcdef";
  CHECK_FALSE(build_response_data(answer).contains("components"));
  const auto data = build_response_data(answer, FeedbackButtons::on);
  const auto& rows = data.at("components").as_array();
  REQUIRE(rows.size() == 1);
  const auto& buttons = rows[0].at("components").as_array();
  REQUIRE(buttons.size() == 2);
  CHECK(buttons[0].at("custom_id") == "feedback:up:a-0123456789abcdef0123456789abcdef");
  CHECK(buttons[1].at("custom_id") == "feedback:down:a-0123456789abcdef0123456789abcdef");
  for (const auto& button : buttons) CHECK(button.at("custom_id").as_string().size() <= kMaxCustomId);

  answer.answer_id.clear();
  CHECK_FALSE(build_response_data(answer, FeedbackButtons::on).contains("components"));
  // An id too long for a custom_id gets no buttons rather than an answer Discord refuses.
  answer.answer_id = std::string(100, 'a');
  CHECK_FALSE(build_response_data(answer, FeedbackButtons::on).contains("components"));
}

TEST_CASE("a feedback button's custom_id is read back, and anything else is not a click on one") {
  const auto up = parse_feedback_custom_id("feedback:up:a-1");
  REQUIRE(up);
  CHECK(up->answer_id == "a-1");
  CHECK(up->helpful);
  const auto down = parse_feedback_custom_id("feedback:down:a-2");
  REQUIRE(down);
  CHECK(down->answer_id == "a-2");
  CHECK_FALSE(down->helpful);
  for (const auto* other : {"", "feedback:", "feedback:up:", "feedback:sideways:a-1", "up:a-1", "Feedback:up:a-1"})
    CHECK_FALSE(parse_feedback_custom_id(other));
}

TEST_CASE("the interactions handler answers PING and refuses bad signatures") {
  auto engines = std::make_shared<bot::EngineHolder>(bot::Engine::open(bot::EngineOptions::defaults()));
  auto store = std::make_shared<bot::MemoryConversationStore>(100, std::chrono::minutes(30));
  DiscordConfig config;
  config.public_key = kPublicKey;
  auto handler =
      make_discord_adapter(config, std::make_shared<bot::Assistant>(engines, store), adapters::AdapterServices{});
  CHECK(handler->handles("/discord/interactions"));
  CHECK_FALSE(handler->handles("/slack/events"));

  auto request = [](std::string_view body, std::string_view timestamp, std::string signature) {
    adapters::HttpRequest r{http::verb::post, "/discord/interactions", 11};
    r.set("X-Signature-Timestamp", timestamp);
    r.set("X-Signature-Ed25519", signature);
    r.body() = std::string(body);
    r.prepare_payload();
    return r;
  };
  const auto now = std::to_string(now_seconds());
  const auto pong = handler->handle(request(kPingBody, now, sign(now, kPingBody)));
  CHECK(pong.result() == http::status::ok);
  CHECK(boost::json::parse(pong.body()) == boost::json::parse(R"({"type":1})"));
  CHECK(handler->handle(request(kPingBody, now, std::string(128, '0'))).result() == http::status::unauthorized);
  CHECK(handler->handle(request(kPingBody, "", "")).result() == http::status::unauthorized);
  // The published vector is correctly signed, but from 2023: a replay.
  CHECK(handler->handle(request(kPingBody, kTimestamp, std::string(kSignature))).result() ==
        http::status::unauthorized);
  CHECK(handler->handle(request(kPingBody, "hello", sign("hello", kPingBody))).result() == http::status::unauthorized);

  const std::string ask =
      R"({"type":2,"token":"t","channel_id":"C9","user":{"id":"U9"},"data":{"name":"ask","type":1,"options":[{"type":3,"name":"question","value":"what is mlops?"}]}})";
  const auto answer = handler->handle(request(ask, now, sign(now, ask)));
  CHECK(answer.result() == http::status::ok);
  const auto json = boost::json::parse(answer.body());
  CHECK(json.at("type") == 4);
  CHECK(!json.at("data").at("content").as_string().empty());
  CHECK(json.at("data").at("allowed_mentions").at("parse").as_array().empty());
}

TEST_CASE("the /ask command definition follows Discord's naming rules") {
  const auto definition = ask_command_definition();
  CHECK(definition.at("name") == "ask");
  CHECK(definition.at("description").as_string().size() <= 100);
  const auto& option = definition.at("options").as_array().at(0);
  CHECK(option.at("name") == "question");
  CHECK(option.at("type") == 3);
  CHECK(option.at("required") == true);
}
