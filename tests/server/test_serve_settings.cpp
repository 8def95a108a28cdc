// `mlops-bot serve`'s settings as an operator meets them: --help documents each with its
// variable and default; a bad value or an unknown flag stops start-up naming it; a misspelt
// variable is warned about; secrets come from the environment or from files, never shown.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "adapters/common/secret_environment.hpp"
#include "tests/platforms/platform_client.hpp"
#include "tests/platforms/server_process.hpp"

using platforms_test::Environment;
using namespace std::chrono_literals;

namespace {

// A file of the test's own holding `content`, removed with it.
class TemporaryFile {
 public:
  explicit TemporaryFile(const std::string& content) {
    char name[] = "/tmp/mlops-bot-test-XXXXXX";
    const int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    close(fd);
    path_ = name;
    std::ofstream(path_) << content;
  }
  ~TemporaryFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct Refusal {
  std::vector<std::string> args;
  Environment environment;
  int exit_code;
  std::string named;  // what the message must name
};

}  // namespace

TEST_CASE("serve --help gives every option its MLOPS_BOT_ variable and its default", "[process][settings]") {
  std::string help;
  REQUIRE(platforms_test::run_command({"serve", "--help"}, {}, help) == 0);
  // Each option's entry runs from its "  --name" to the next one.
  const std::regex option(R"(\n  --([a-z-]+) arg \(=[^)]*\)((?:.|\n)*?)(?=\n  -|\n\n))");
  int options = 0;
  for (std::sregex_iterator it(help.begin(), help.end(), option), end; it != end; ++it, ++options) {
    std::string variable = "MLOPS_BOT_" + (*it)[1].str();
    for (auto& c : variable) c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    // The text may wrap between "env" and the variable, never inside the variable.
    INFO((*it)[0].str());
    CHECK(std::regex_search((*it)[2].str(), std::regex("env\\s+" + variable + "\\b")));
  }
  CHECK(options >= 22);
  for (const char* variable :
       {"MLOPS_BOT_SESSIONS", "MLOPS_BOT_DICTIONARY", "MLOPS_BOT_REDIS_PASSWORD", "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "DISCORD_PUBLIC_KEY", "_FILE", "env MLOPS_BOT_WATCH\n",
        "env MLOPS_BOT_WATCH_DEBOUNCE", "MLOPS_BOT_ADMIN_TOKEN", "SIGHUP", "MLOPS_BOT_LEARNING_DB"})
    CHECK(help.find(variable) != std::string::npos);
}

TEST_CASE("a bad value, an unknown flag or an unreadable secret stops start-up, naming it", "[process][settings]") {
  const std::vector<Refusal> refusals = {
      {{"--port", "abc"}, {}, 2, "--port"},
      {{"--port", "-1"}, {}, 2, "--port"},
      {{"--threads", "-1"}, {}, 2, "--threads"},
      {{"--max-connections", "0"}, {}, 2, "--max-connections"},
      {{"--rate-limit", "nan"}, {}, 2, "--rate-limit"},
      {{"--no-such-flag"}, {}, 2, "--no-such-flag"},
      {{}, {{"MLOPS_BOT_PORT", "abc"}}, 2, "MLOPS_BOT_PORT"},
      {{}, {{"MLOPS_BOT_SESSION_IDLE", "0"}}, 2, "MLOPS_BOT_SESSION_IDLE"},
      {{}, {{"MLOPS_BOT_HTTP_TIMEOUT", "-5"}}, 2, "MLOPS_BOT_HTTP_TIMEOUT"},
      {{"--chat-idle-timeout", "0"}, {}, 2, "--chat-idle-timeout"},
      {{}, {{"MLOPS_BOT_LOG_LEVEL", "loud"}}, 2, "MLOPS_BOT_LOG_LEVEL"},
      {{"--sessions", "memroy"}, {}, 2, "--sessions"},
      {{"--host", "nonsense"}, {}, 2, "--host"},
      {{"--trusted-proxies", "10.0.0.0/99"}, {}, 2, "--trusted-proxies"},
      {{}, {{"MLOPS_BOT_TRUSTED_PROXIES", "proxy.internal"}}, 2, "MLOPS_BOT_TRUSTED_PROXIES"},
      {{}, {{"MLOPS_BOT_PUBLIC_ORIGIN", "bot.example.com"}}, 2, "MLOPS_BOT_PUBLIC_ORIGIN"},
      {{"--allowed-origins", "https://a.example/page"}, {}, 2, "--allowed-origins"},
      {{"--header-timeout", "0"}, {}, 2, "--header-timeout"},
      {{"--watch-debounce", "0"}, {}, 2, "--watch-debounce"},
      {{}, {{"MLOPS_BOT_WATCH", "maybe"}}, 2, "MLOPS_BOT_WATCH"},
      {{"--learning", "maybe"}, {}, 2, "--learning"},
      {{}, {{"MLOPS_BOT_LEARNING_RETENTION_DAYS", "0"}}, 2, "MLOPS_BOT_LEARNING_RETENTION_DAYS"},
      {{"--learning-min-confidence", "1.5"}, {}, 2, "--learning-min-confidence"},
      {{"--http-rate-limit", "-1"}, {}, 2, "--http-rate-limit"},
      {{}, {{"MLOPS_BOT_SESSIONS", "redis://:hunter2@127.0.0.1:99999"}}, 2, "MLOPS_BOT_SESSIONS"},
      {{},
       {{"MLOPS_BOT_SESSIONS", "redis://127.0.0.1"}, {"MLOPS_BOT_REDIS_PASSWORD_FILE", "/no/such/file"}},
       1,
       "MLOPS_BOT_REDIS_PASSWORD_FILE"},
      {{}, {{"SLACK_BOT_TOKEN_FILE", "/no/such/file"}}, 1, "SLACK_BOT_TOKEN_FILE"},
      {{}, {{"SLACK_BOT_TOKEN", "xoxb-1"}, {"SLACK_BOT_TOKEN_FILE", "/no/such/file"}}, 1, "not both"},
  };
  for (const auto& refusal : refusals) {
    std::vector<std::string> args = {"serve"};
    args.insert(args.end(), refusal.args.begin(), refusal.args.end());
    // Loopback and any port, should it start after all; from the environment, because a flag
    // would win over the variable under test.
    Environment environment = refusal.environment;
    environment.emplace("MLOPS_BOT_HOST", "127.0.0.1");
    environment.emplace("MLOPS_BOT_PORT", "0");
    std::string output;
    const int code = platforms_test::run_command(args, environment, output);
    INFO(output);
    CHECK(code == refusal.exit_code);
    CHECK(output.find(refusal.named) != std::string::npos);
    CHECK(output.find("hunter2") == std::string::npos);
    CHECK(output.find(R"("event":"listening")") == std::string::npos);
  }
}

TEST_CASE("a port in use stops start-up saying which and what to do, without Boost's internals",
          "[process][settings]") {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor taken(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const auto port = std::to_string(taken.local_endpoint().port());
  std::string output;
  const int code = platforms_test::run_command({"serve", "--host", "127.0.0.1", "--port", port}, {}, output);
  INFO(output);
  CHECK(code == 1);
  CHECK(output.find("127.0.0.1:" + port) != std::string::npos);
  CHECK(output.find("already in use") != std::string::npos);
  CHECK(output.find("--port") != std::string::npos);
  CHECK(output.find("/usr/include") == std::string::npos);
  CHECK(output.find("system:") == std::string::npos);
  CHECK(output.find(R"("event":"listening")") == std::string::npos);
}

// The cases above expect serve to refuse to start; one that starts by mistake must fail the test
// at once, not hang it until ctest's timeout.
TEST_CASE("a command still running at its limit is killed and reported", "[process][settings]") {
  std::string output;
  const int code = platforms_test::run_command({"serve", "--host", "127.0.0.1", "--port", "0"}, {}, output,
                                               std::chrono::seconds(2));
  INFO(output);
  CHECK(code == -1);
  CHECK(output.find("still running after 2 s, killed") != std::string::npos);
}

TEST_CASE("an MLOPS_BOT_ variable that is not a setting is warned about by name", "[process][settings]") {
  platforms_test::ServerProcess server(Environment{{"MLOPS_BOT_PROT", "9000"}});
  CHECK(server.wait_for_log(R"("event":"unknown_setting","variable":"MLOPS_BOT_PROT")", 5s));
}

TEST_CASE("Slack's secrets may come from files named by *_FILE", "[process][settings]") {
  const std::string secret = "8f742231b10e8888abcd99yyyzzz85a5";
  const TemporaryFile secret_file(secret + "\n");  // as `echo` writes it
  const TemporaryFile token_file("xoxb-from-a-file\n");
  platforms_test::ServerProcess server(
      {{"SLACK_SIGNING_SECRET_FILE", secret_file.path()}, {"SLACK_BOT_TOKEN_FILE", token_file.path()}});
  const std::string body = R"({"token":"t","challenge":"chal-9","type":"url_verification"})";
  const auto response = platforms_test::post(server.port(), "/slack/events", body,
                                             platforms_test::slack_headers(secret, body, platforms_test::unix_now()));
  CHECK(response.result_int() == 200);
  CHECK(response.body().find("chal-9") != std::string::npos);
  CHECK(server.log().find(secret) == std::string::npos);
}

TEST_CASE("secret_from_environment: the variable, else its file without the newline, never both", "[settings]") {
  const TemporaryFile file("from-file\r\n");
  unsetenv("MLOPS_BOT_TEST_SECRET");
  unsetenv("MLOPS_BOT_TEST_SECRET_FILE");
  CHECK(adapters::secret_from_environment("MLOPS_BOT_TEST_SECRET").empty());
  setenv("MLOPS_BOT_TEST_SECRET_FILE", file.path().c_str(), 1);
  CHECK(adapters::secret_from_environment("MLOPS_BOT_TEST_SECRET") == "from-file");
  setenv("MLOPS_BOT_TEST_SECRET", "from-variable", 1);
  CHECK_THROWS_WITH(adapters::secret_from_environment("MLOPS_BOT_TEST_SECRET"),
                    Catch::Contains("MLOPS_BOT_TEST_SECRET_FILE") && Catch::Contains("not both"));
  unsetenv("MLOPS_BOT_TEST_SECRET_FILE");
  CHECK(adapters::secret_from_environment("MLOPS_BOT_TEST_SECRET") == "from-variable");
  unsetenv("MLOPS_BOT_TEST_SECRET");

  const TemporaryFile empty("\n");
  setenv("MLOPS_BOT_TEST_SECRET_FILE", empty.path().c_str(), 1);
  CHECK_THROWS_WITH(adapters::secret_from_environment("MLOPS_BOT_TEST_SECRET"), Catch::Contains("is empty"));
  const TemporaryFile huge(std::string(adapters::kMaxSecretFileBytes + 1, 'x'));
  setenv("MLOPS_BOT_TEST_SECRET_FILE", huge.path().c_str(), 1);
  CHECK_THROWS_WITH(adapters::secret_from_environment("MLOPS_BOT_TEST_SECRET"), Catch::Contains("larger than"));
  unsetenv("MLOPS_BOT_TEST_SECRET_FILE");
}
