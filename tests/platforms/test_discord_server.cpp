// The Discord adapter in the real server (mlops-bot serve on a loopback port), and
// `mlops-bot discord-register` against a local fake of Discord's API.
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <sodium.h>

#include "adapters/discord/discord_message.hpp"
#include "fake_http_server.hpp"
#include "platform_client.hpp"
#include "server_process.hpp"

using namespace platforms_test;
namespace http = boost::beast::http;

namespace {

// ../shared/reference/platforms.md: RFC 8032 §7.1 TEST 1 key.
constexpr std::string_view kSeed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const std::string kPublicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

Headers discord_headers(const std::string& body, const std::string& timestamp = "1700000000") {
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

ServerProcess discord_server() {
  return ServerProcess(
      {{"DISCORD_PUBLIC_KEY", kPublicKey}, {"DISCORD_APPLICATION_ID", "123"}, {"DISCORD_BOT_TOKEN", "bars"}});
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
