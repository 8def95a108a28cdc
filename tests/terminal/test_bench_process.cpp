// `mlops-bot bench` against the real server started as the README starts it (the default
// per-connection rate limit): when the server refuses questions, bench says with which error
// codes and what to change, and pacing each connection under the limit (--rate) measures
// without errors.
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <catch2/catch.hpp>

#include "../platforms/server_process.hpp"

namespace {

std::string chat_url(unsigned short port) { return "ws://127.0.0.1:" + std::to_string(port) + "/v1/chat"; }

}  // namespace

TEST_CASE("bench against the default rate limit names the error code and the settings to change", "[bench][process]") {
  platforms_test::ServerProcess server(platforms_test::Environment{});
  std::string output;
  const int status = platforms_test::run_command(
      {"bench", "-c", "4", "-d", "1", "--warmup", "0", chat_url(server.port())}, {}, output);
  INFO(output);
  CHECK(status == 1);
  CHECK(output.find("error replies by code:") != std::string::npos);
  CHECK(output.find("rate_limited") != std::string::npos);
  CHECK(output.find("--rate-limit 0") != std::string::npos);
  CHECK(output.find("bench --rate") != std::string::npos);
}

TEST_CASE("bench paced under the rate limit measures without errors", "[bench][process]") {
  platforms_test::ServerProcess server(platforms_test::Environment{});
  std::string output;
  const int status = platforms_test::run_command(
      {"bench", "-c", "2", "-d", "1", "--warmup", "0", "--rate", "10", chat_url(server.port())}, {}, output);
  INFO(output);
  CHECK(status == 0);
  CHECK(output.find("errors 0, mismatched 0") != std::string::npos);
  CHECK(output.find("answers 0,") == std::string::npos);
  CHECK(output.find("hint:") == std::string::npos);
}

TEST_CASE("bench against the server with the rate limit off measures without errors", "[bench][process]") {
  platforms_test::ServerProcess server(platforms_test::Environment{{"MLOPS_BOT_RATE_LIMIT", "0"}});
  std::string output;
  const int status = platforms_test::run_command(
      {"bench", "-c", "4", "-d", "1", "--warmup", "0", chat_url(server.port())}, {}, output);
  INFO(output);
  CHECK(status == 0);
  CHECK(output.find("errors 0, mismatched 0") != std::string::npos);
}

TEST_CASE("bench says why it could not connect", "[bench][process]") {
  // A port that was just free: nothing listens there.
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor probe(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const auto port = probe.local_endpoint().port();
  probe.close();
  std::string output;
  const int status = platforms_test::run_command({"bench", "-c", "2", "-d", "5", chat_url(port)}, {}, output);
  INFO(output);
  CHECK(status == 1);
  CHECK(output.find("connections refused:") != std::string::npos);
  CHECK(output.find("2  cannot connect: Connection refused") != std::string::npos);
}
