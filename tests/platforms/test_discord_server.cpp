// The Discord adapter in the real server (mlops-bot serve on a loopback port), and
// `mlops-bot discord-register` against a local fake of Discord's API.
#include <catch2/catch.hpp>

#include <optional>

#include <boost/json.hpp>
#include <sodium.h>

#include "adapters/discord/discord_message.hpp"
#include "bot/learning_store.hpp"
#include "fake_http_server.hpp"
#include "platform_client.hpp"
#include "server_process.hpp"
#include "tests/unit/temp_database.hpp"

using namespace platforms_test;
namespace http = boost::beast::http;

namespace {

// ../shared/reference/platforms.md: RFC 8032 §7.1 TEST 1 key.
constexpr std::string_view kSeed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const std::string kPublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

Headers discord_headers(const std::string& body, const std::string& timestamp = unix_now()) {
  unsigned char seed[crypto_sign_SEEDBYTES], public_key[crypto_sign_PUBLICKEYBYTES],
      secret_key[crypto_sign_SECRETKEYBYTES];
  sodium_hex2bin(seed, sizeof seed, kSeed.data(), kSeed.size(), nullptr, nullptr, nullptr);
  crypto_sign_seed_keypair(public_key, secret_key, seed);
  const std::string message = timestamp + body;
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_key);
  char hex[2 * crypto_sign_BYTES + 1];
  return {{"Content-Type", "application/json"},
          {"X-Signature-Timestamp", timestamp},
          {"X-Signature-Ed25519", sodium_bin2hex(hex, sizeof hex, signature, sizeof signature)}};
}

std::string ask_interaction(const std::string& question) {
  return boost::json::serialize(
      boost::json::object{{"type", 2},
                          {"id", "1"},
                          {"application_id", "123"},
                          {"token", "tok"},
                          {"channel_id", "C9"},
                          {"member", {{"user", {{"id", "U9"}, {"username", "x"}}}}},
                          {"data",
                           {{"id", "9"},
                            {"name", "ask"},
                            {"type", 1},
                            {"options", {{{"type", 3}, {"name", "question"}, {"value", question}}}}}}});
}

const Environment kDiscordEnvironment{
    {"DISCORD_PUBLIC_KEY", kPublicKey}, {"DISCORD_APPLICATION_ID", "123"}, {"DISCORD_BOT_TOKEN", "bars"}};

ServerProcess discord_server(const std::vector<std::string>& args = {}) {
  return ServerProcess(kDiscordEnvironment, args);
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

// The value of the first line of /metrics that starts with `series`, or -1.
double metric(unsigned short port, const std::string& series) {
  const auto text = get(port, "/metrics").body();
  for (auto at = text.find(series); at != std::string::npos; at = text.find(series, at + 1))
    if (at == 0 || text[at - 1] == '\n') return std::stod(text.substr(at + series.size()));
  return -1;
}

}  // namespace

TEST_CASE("Discord PING is answered with PONG, bad signatures with 401") {
  auto server = discord_server();
  const std::string ping = R"({"type":1})";
  const auto pong = post(server.port(), "/discord/interactions", ping, discord_headers(ping));
  CHECK(pong.result() == http::status::ok);
  CHECK(boost::json::parse(pong.body()).at("type") == 1);

  auto forged = discord_headers(ping);
  forged["X-Signature-Ed25519"] = std::string(128, '0');
  CHECK(post(server.port(), "/discord/interactions", ping, forged).result() == http::status::unauthorized);
  CHECK(post(server.port(), "/discord/interactions", R"({"type":2})", discord_headers(ping)).result() ==
        http::status::unauthorized);
  CHECK(post(server.port(), "/discord/interactions", ping, {{"Content-Type", "application/json"}}).result() ==
        http::status::unauthorized);
  CHECK(server.wait_for_log("discord.request_refused", std::chrono::seconds(5)));
}

TEST_CASE("a Discord request signed over an old or a non-numeric timestamp is refused: no replays") {
  auto server = discord_server();
  const auto body = ask_interaction("what is mlops?");
  const auto year_ago = std::to_string(std::stoll(unix_now()) - 365 * 86400);
  const auto ten_minutes_ahead = std::to_string(std::stoll(unix_now()) + 600);
  for (const auto& timestamp : {year_ago, ten_minutes_ahead, std::string("hello"), std::string("1700000000")}) {
    INFO(timestamp);
    const auto response = post(server.port(), "/discord/interactions", body, discord_headers(body, timestamp));
    CHECK(response.result() == http::status::unauthorized);
    CHECK(response.body().find("content") == std::string::npos);
  }
  CHECK(server.wait_for_log(R"("event":"discord.request_refused","reason":"stale")", std::chrono::seconds(5)));
  CHECK(post(server.port(), "/discord/interactions", body, discord_headers(body)).result() == http::status::ok);
}

TEST_CASE("Discord's variables without the public key say what is missing") {
  ServerProcess server(Environment{{"DISCORD_APPLICATION_ID", "123"}, {"DISCORD_BOT_TOKEN", "bars-secret"}});
  REQUIRE(server.wait_for_log("discord.disabled", std::chrono::seconds(5)));
  const auto log = server.log();
  CHECK(log.find(R"("level":"warn","event":"discord.disabled")") != std::string::npos);
  CHECK(log.find(R"("missing":"DISCORD_PUBLIC_KEY")") != std::string::npos);
  CHECK(log.find("bars-secret") == std::string::npos);
  CHECK(post(server.port(), "/discord/interactions", "{}", {}).result() == http::status::not_found);
}

TEST_CASE("Discord answers are counted in the server's metrics") {
  auto server = discord_server();
  const std::string answers = "mlops_bot_answers_total{intent=\"salary.estimate\"} ";
  const std::string latencies = "mlops_bot_answer_latency_seconds_count ";
  REQUIRE(metric(server.port(), latencies) == 0);
  const auto body = ask_interaction("salary for 7 years experience");
  REQUIRE(post(server.port(), "/discord/interactions", body, discord_headers(body)).result() == http::status::ok);
  CHECK(metric(server.port(), answers) == 1);
  CHECK(metric(server.port(), latencies) == 1);
}

TEST_CASE("Discord's log lines keep to --log-level, and refused requests cannot flood it") {
  const std::string ping = R"({"type":1})";
  auto forged = discord_headers(ping);
  forged["X-Signature-Ed25519"] = std::string(128, '0');

  SECTION("at warn, no info line; many refused requests make one line") {
    auto server = discord_server({"--log-level", "warn"});
    for (int i = 0; i < 50; ++i)
      CHECK(post(server.port(), "/discord/interactions", ping, forged).result() == http::status::unauthorized);
    server.stop();
    const auto log = server.log();
    CHECK(log.find("discord.enabled") == std::string::npos);
    CHECK(count_of(log, "discord.request_refused") == 1);
  }
  SECTION("at off, nothing") {
    auto server = discord_server({"--log-level", "off"});
    CHECK(post(server.port(), "/discord/interactions", ping, forged).result() == http::status::unauthorized);
    server.stop();
    CHECK(server.log().find("discord.") == std::string::npos);
  }
}

TEST_CASE("a Discord /ask is answered in the response, within Discord's limits, mentioning nobody") {
  auto server = discord_server();
  const auto body = ask_interaction("what is mlops? @everyone");
  const auto response = post(server.port(), "/discord/interactions", body, discord_headers(body));
  REQUIRE(response.result() == http::status::ok);
  const auto json = boost::json::parse(response.body()).as_object();
  CHECK(json.at("type") == 4);
  const auto& data = json.at("data").as_object();
  CHECK(!data.at("content").as_string().empty());
  CHECK(adapters::discord::discord_length(data.at("content").as_string()) <= adapters::discord::kMaxContent);
  CHECK(data.at("allowed_mentions").at("parse").as_array().empty());
}

TEST_CASE("a Discord answer states the engine's band for 7 years", "[engine]") {
  auto server = discord_server();
  const auto body = ask_interaction("salary for 7 years experience");
  const auto response = post(server.port(), "/discord/interactions", body, discord_headers(body));
  const auto data = boost::json::serialize(boost::json::parse(response.body()).at("data"));
  CHECK(data.find("20") != std::string::npos);
  CHECK(data.find("40") != std::string::npos);
}

TEST_CASE("discord-register registers /ask with Discord, globally or in one guild") {
  std::atomic<bool> refuse = false;
  FakeHttpServer api([&](const adapters::HttpRequest&, std::size_t) {
    if (refuse) return FakeHttpServer::json(R"({"message":"401: Unauthorized","code":0})", http::status::unauthorized);
    return FakeHttpServer::json(R"({"id":"555","application_id":"123","name":"ask","type":1})", http::status::created);
  });
  const Environment environment{
      {"DISCORD_APPLICATION_ID", "123"}, {"DISCORD_BOT_TOKEN", "bars"}, {"DISCORD_API_BASE", api.url("/api/v10")}};
  std::string output;
  REQUIRE(run_command({"discord-register", "--guild", "42"}, environment, output) == 0);
  REQUIRE(run_command({"discord-register"}, environment, output) == 0);

  const auto requests = api.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].method == "POST");
  CHECK(requests[0].target == "/api/v10/applications/123/guilds/42/commands");
  CHECK(requests[1].target == "/api/v10/applications/123/commands");
  for (const auto& request : requests) {
    CHECK(request.authorization == "Bot bars");
    CHECK(request.content_type == "application/json");
    const auto command = boost::json::parse(request.body);
    CHECK(command.at("name") == "ask");
    CHECK(command.at("options").at(0).at("name") == "question");
  }
  CHECK(output.find("bars") == std::string::npos);  // the token is never printed

  refuse = true;
  std::string refused;
  CHECK(run_command({"discord-register"}, environment, refused) == 1);
  CHECK(refused.find("401") != std::string::npos);
  std::string unconfigured;
  CHECK(run_command({"discord-register"}, {{"DISCORD_BOT_TOKEN", "bars"}}, unconfigured) == 1);
}

namespace {

// A MESSAGE_COMPONENT interaction: a click on the button `custom_id` under a message of the bot.
std::string click_interaction(const std::string& custom_id) {
  return boost::json::serialize(boost::json::object{{"type", 3},
                                                    {"id", "2"},
                                                    {"application_id", "123"},
                                                    {"token", "tok"},
                                                    {"channel_id", "C9"},
                                                    {"member", {{"user", {{"id", "U9"}, {"username", "x"}}}}},
                                                    {"message", {{"id", "m1"}, {"channel_id", "C9"}}},
                                                    {"data", {{"custom_id", custom_id}, {"component_type", 2}}}});
}

// The ephemeral content of a click's response, checked to be a type 4 with flags 64.
std::string ephemeral_reply(unsigned short port, const std::string& body) {
  const auto response = post(port, "/discord/interactions", body, discord_headers(body));
  REQUIRE(response.result() == http::status::ok);
  const auto json = boost::json::parse(response.body());
  CHECK(json.at("type") == 4);
  CHECK(json.at("data").at("flags") == 64);
  return std::string(json.at("data").at("content").as_string());
}

}  // namespace

TEST_CASE("a Discord answer carries 👍/👎 buttons, and a click is recorded with the channel discord and thanked, "
          "only to the person") {
  TempDatabase learning("discord-feedback");
  std::optional<ServerProcess> server(std::in_place, kDiscordEnvironment,
                                      std::vector<std::string>{"--learning-db", learning.path().string()});
  const auto body = ask_interaction("what is mlops?");
  const auto response = post(server->port(), "/discord/interactions", body, discord_headers(body));
  REQUIRE(response.result() == http::status::ok);
  const auto data = boost::json::parse(response.body()).at("data").as_object();
  const auto& rows = data.at("components").as_array();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].at("type") == 1);
  const auto& buttons = rows[0].at("components").as_array();
  REQUIRE(buttons.size() == 2);
  for (const auto& button : buttons) {
    CHECK(button.at("type") == 2);
    CHECK(button.at("custom_id").as_string().size() <= 100);
  }
  CHECK(buttons[0].at("label") == "Helpful");
  CHECK(buttons[0].at("emoji").at("name") == "👍");
  CHECK(buttons[1].at("label") == "Not helpful");
  const std::string up(buttons[0].at("custom_id").as_string());
  REQUIRE(up.starts_with("feedback:up:a-"));
  const auto answer_id = up.substr(std::string("feedback:up:").size());
  CHECK(buttons[1].at("custom_id") == ("feedback:down:" + answer_id).c_str());

  CHECK(ephemeral_reply(server->port(), click_interaction(up)) == "Thanks — noted.");

  // Unknown answers and custom_ids this bot did not make get an honest reply, never an error.
  CHECK(ephemeral_reply(server->port(), click_interaction("feedback:down:a-00000000000000000000000000000000"))
            .find("too old") != std::string::npos);
  for (const auto* custom_id : {"feedback:sideways:", "feedback:up:", "feedback:up:not-an-id", "something-else", ""})
    CHECK(ephemeral_reply(server->port(), click_interaction(custom_id)).find("nothing was recorded") !=
          std::string::npos);
  const std::string no_data = R"({"type":3,"id":"3","token":"t","channel_id":"C9","user":{"id":"U9"}})";
  CHECK(ephemeral_reply(server->port(), no_data).find("nothing was recorded") != std::string::npos);
  // A click is an interaction like any other: unsigned, it is refused.
  const auto click = click_interaction(up);
  CHECK(post(server->port(), "/discord/interactions", click, {{"Content-Type", "application/json"}}).result() ==
        http::status::unauthorized);

  // The server writes what it recorded when it stops: the one 👍.
  server.reset();
  bot::LearningStore store(learning.path(), bot::LearningLimits{});
  const auto entries = store.feedback(std::chrono::system_clock::time_point{}, 10);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].answer_id == answer_id);
  CHECK(entries[0].channel == "discord");
  CHECK(entries[0].helpful);
}

TEST_CASE("with learning off, Discord answers carry no feedback buttons, and a click says nothing is recorded") {
  auto server = discord_server({"--learning", "off"});
  const auto body = ask_interaction("what is mlops?");
  const auto response = post(server.port(), "/discord/interactions", body, discord_headers(body));
  REQUIRE(response.result() == http::status::ok);
  CHECK_FALSE(boost::json::parse(response.body()).at("data").as_object().contains("components"));
  CHECK(ephemeral_reply(server.port(), click_interaction("feedback:up:a-0123456789abcdef0123456789abcdef"))
            .find("not being recorded") != std::string::npos);
}
