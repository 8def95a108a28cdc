// The built `mlops-bot serve` as a process: it reports its port, takes flags and environment
// variables, enforces the HTTP limits on the wire, and shuts down cleanly on SIGTERM under load.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "test_client.hpp"

extern char** environ;

namespace http = boost::beast::http;
namespace json = boost::json;
using test::WsClient;

namespace {

// `mlops-bot ARGS...` with stderr on a pipe; reads it until the "listening" line, then keeps
// draining it (a full pipe would block the server's log writes). `launcher`, when given, is a
// command that runs the rest (e.g. prlimit with its options).
class ServerProcess {
 public:
  explicit ServerProcess(std::vector<std::string> args, std::vector<std::string> environment = {},
                         std::vector<std::string> launcher = {}) {
    int pipe_fds[2];
    REQUIRE(pipe(pipe_fds) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    args.insert(args.begin(), MLOPS_BOT_BINARY);
    args.insert(args.begin(), launcher.begin(), launcher.end());
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
    for (auto& e : environment) env_strings.push_back(e);
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    REQUIRE(posix_spawn(&pid_, args.front().c_str(), &actions, nullptr, argv.data(), envp.data()) == 0);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    stderr_ = fdopen(pipe_fds[0], "r");
    // The port is in the first "listening" line; the server binds before it prints it.
    char line[4096];
    while (std::fgets(line, sizeof line, stderr_)) {
      log_ += line;
      boost::system::error_code ec;
      auto value = json::parse(line, ec);
      if (!ec && value.is_object() && value.as_object().contains("event") && value.at("event") == "listening") {
        port_ = static_cast<unsigned short>(value.at("port").to_number<int>());
        break;
      }
    }
    drain_ = std::thread([this] {
      char rest[4096];
      while (std::fgets(rest, sizeof rest, stderr_)) {
        std::lock_guard lock(mutex_);
        log_ += rest;
        grown_.notify_all();
      }
    });
  }

  ~ServerProcess() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (drain_.joinable()) drain_.join();
    if (stderr_) std::fclose(stderr_);
  }

  unsigned short port() const { return port_; }

  // Sends `signal` and waits for the exit; the exit status, or -1 if it did not exit in `limit`.
  int signal_and_wait(int signal, std::chrono::milliseconds limit, std::chrono::milliseconds& took) {
    const auto start = std::chrono::steady_clock::now();
    kill(pid_, signal);
    int status = 0;
    while (std::chrono::steady_clock::now() - start < limit) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling waitpid, no readiness to wait on
    }
    return -1;
  }

  std::string log() {
    std::lock_guard lock(mutex_);
    return log_;
  }

  // Waits until the log holds `text`; false when it did not come within `limit`.
  bool wait_for_log(const std::string& text, std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    return grown_.wait_for(lock, limit, [&] { return log_.find(text) != std::string::npos; });
  }

 private:
  pid_t pid_ = -1;
  bool exited_ = false;
  FILE* stderr_ = nullptr;
  unsigned short port_ = 0;
  std::mutex mutex_;
  std::condition_variable grown_;
  std::string log_;
  std::thread drain_;
};

const std::vector<std::string> kServe = {"serve", "--host", "127.0.0.1", "--port", "0", "--threads", "2"};

http::request<http::string_body> request(http::verb method, std::string target, std::string body = {}) {
  http::request<http::string_body> result{method, target, 11};
  result.set(http::field::content_type, "application/json");
  result.body() = std::move(body);
  return result;
}

}  // namespace

TEST_CASE("serve --help lists every setting with its environment variable", "[process]") {
  const std::string command = std::string(MLOPS_BOT_BINARY) + " serve --help";
  FILE* out = popen(command.c_str(), "r");
  REQUIRE(out);
  std::string help;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, out)) help += buffer;
  CHECK(pclose(out) == 0);
  for (const char* variable : {"MLOPS_BOT_HOST", "MLOPS_BOT_PORT", "MLOPS_BOT_THREADS", "MLOPS_BOT_ALLOWED_ORIGINS",
                               "MLOPS_BOT_MAX_CONNECTIONS", "MLOPS_BOT_MAX_MESSAGE_BYTES", "MLOPS_BOT_MAX_BODY_BYTES",
                               "MLOPS_BOT_RATE_LIMIT", "MLOPS_BOT_LOG_LEVEL", "MLOPS_BOT_SESSION_IDLE"})
    CHECK(help.find(variable) != std::string::npos);
}

TEST_CASE("the server reports its ephemeral port and logs one JSON line per request", "[process]") {
  ServerProcess server(kServe);
  REQUIRE(server.port() != 0);
  const auto response = test::http_request(server.port(), request(http::verb::post, "/v1/ask", R"({"text":"hi"})"));
  CHECK(response.result() == http::status::ok);
  CHECK(json::parse(response.body()).as_object().contains("session"));
  std::chrono::milliseconds took{};
  CHECK(server.signal_and_wait(SIGTERM, std::chrono::seconds(5), took) == 0);
  const auto log = server.log();
  CHECK(log.find(R"("route":"/v1/ask","method":"POST","status":200,"took_us":)") != std::string::npos);
  CHECK(log.find(R"("intent":)") != std::string::npos);
  CHECK(log.find(R"("text":"hi")") == std::string::npos);  // no question text at info level
}

TEST_CASE("settings come from the environment too", "[process]") {
  ServerProcess server({"serve", "--threads", "1"},
                       {"MLOPS_BOT_HOST=127.0.0.1", "MLOPS_BOT_PORT=0", "MLOPS_BOT_MAX_BODY_BYTES=100"});
  REQUIRE(server.port() != 0);
  const auto response = test::http_request(
      server.port(), request(http::verb::post, "/v1/ask", R"({"text":")" + std::string(200, 'x') + R"("})"));
  CHECK(response.result() == http::status::payload_too_large);
}

TEST_CASE("HTTP limits on the wire: 413, 431, 404, 405, all with JSON bodies", "[process][limits]") {
  ServerProcess server(kServe);
  REQUIRE(server.port() != 0);
  auto error_code = [](const http::response<http::string_body>& response) {
    return std::string(json::parse(response.body()).at("error").at("code").as_string());
  };
  auto response = test::http_request(server.port(), request(http::verb::post, "/v1/ask", std::string(70000, 'x')));
  CHECK(response.result() == http::status::payload_too_large);
  CHECK(error_code(response) == "too_large");
  auto big_headers = request(http::verb::get, "/healthz");
  big_headers.set("X-Padding", std::string(10000, 'y'));
  response = test::http_request(server.port(), big_headers);
  CHECK(response.result() == http::status::request_header_fields_too_large);
  CHECK(error_code(response) == "headers_too_large");
  response = test::http_request(server.port(), request(http::verb::get, "/no/such/thing"));
  CHECK(response.result() == http::status::not_found);
  CHECK(error_code(response) == "not_found");
  response = test::http_request(server.port(), request(http::verb::delete_, "/v1/ask"));
  CHECK(response.result() == http::status::method_not_allowed);
  CHECK(error_code(response) == "method_not_allowed");
  // A body over the limit is refused before the request is routed.
  response = test::http_request(server.port(), request(http::verb::get, "/metrics"));
  CHECK(response.body().find("mlops_bot_http_requests_total{route=\"invalid\",status=\"413\"} 1") !=
        std::string::npos);
}

TEST_CASE("SIGTERM under load: WebSockets close with 1001 and the process exits 0 quickly", "[process][shutdown]") {
  ServerProcess server({"serve", "--host", "127.0.0.1", "--port", "0", "--threads", "2", "--rate-limit", "0",
                        "--log-level", "warn"});
  REQUIRE(server.port() != 0);
  constexpr int kClients = 50;
  std::vector<std::unique_ptr<WsClient>> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.push_back(std::make_unique<WsClient>(server.port()));
    REQUIRE(clients.back()->next().has_value());
  }
  std::atomic<int> answered{0};
  std::vector<int> close_codes(kClients, -1);
  std::atomic<bool> loaded{false};
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c)
    threads.emplace_back([&, c] {
      auto& client = *clients[static_cast<std::size_t>(c)];
      // Ask in a closed loop until the server closes: each read is either our answer or the close.
      for (int k = 0;; ++k) {
        try {
          client.ask(std::to_string(k), "what is mlops");
        } catch (const boost::system::system_error&) {
          close_codes[static_cast<std::size_t>(c)] = client.wait_for_close();
          return;
        }
        if (!client.next()) {
          close_codes[static_cast<std::size_t>(c)] = client.close_code();
          return;
        }
        if (++answered > kClients * 5) loaded = true;
      }
    });
  while (!loaded) std::this_thread::yield();
  std::chrono::milliseconds took{};
  const int status = server.signal_and_wait(SIGTERM, std::chrono::seconds(5), took);
  for (auto& thread : threads) thread.join();
  CHECK(status == 0);
  CHECK(took < std::chrono::seconds(3));
  for (int code : close_codes) CHECK(code == 1001);
}

namespace {

int occurrences(const std::string& text, const std::string& part) {
  int count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

}  // namespace

TEST_CASE("out of descriptors, accept backs off, says so once, and recovers", "[process][limits]") {
  constexpr const char* kPrlimit = "/usr/bin/prlimit";  // util-linux, in every Debian
  if (access(kPrlimit, X_OK) != 0) {
    WARN("no " << kPrlimit << ": cannot give the server a small descriptor limit");
    return;
  }
#ifdef MLOPS_BOT_SANITIZE
  // UBSan's vptr check reads memory through a pipe(2): with no descriptor left it cannot, and
  // reports "invalid vptr" for any object it has not seen yet, failing a server that is fine.
  WARN("the sanitizer build cannot run out of descriptors: the normal build runs this test");
  return;
#endif
  // 64 descriptors, soft and hard: the server cannot raise them, and warns at start.
  ServerProcess server({"serve", "--host", "127.0.0.1", "--port", "0", "--threads", "1", "--max-client-connections",
                        "0", "--log-level", "warn"},
                       {}, {kPrlimit, "--nofile=64:64"});
  REQUIRE(server.port() != 0);
  CHECK(server.wait_for_log(R"("event":"descriptor_limit","limit":64)", std::chrono::seconds(5)));
  std::vector<std::unique_ptr<test::RawConnection>> connections;
  for (int i = 0; i < 100; ++i) connections.push_back(std::make_unique<test::RawConnection>(server.port()));
  REQUIRE(server.wait_for_log(R"("event":"accept_failed")", std::chrono::seconds(5)));
  // What must not happen is a line (and a retry) per failed accept: watch for a while.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  CHECK(occurrences(server.log(), R"("event":"accept_failed")") == 1);
  connections.clear();
  REQUIRE(server.wait_for_log(R"("event":"accept_resumed")", std::chrono::seconds(5)));
  CHECK(test::http_request(server.port(), request(http::verb::get, "/healthz")).result() == http::status::ok);
}

TEST_CASE("at debug level the question of POST /v1/ask is logged as a WebSocket one is", "[process]") {
  ServerProcess server({"serve", "--host", "127.0.0.1", "--port", "0", "--threads", "1", "--log-level", "debug"});
  REQUIRE(server.port() != 0);
  CHECK(test::http_request(server.port(), request(http::verb::post, "/v1/ask", R"({"text":"what is iaas over http"})"))
            .result() == http::status::ok);
  {
    WsClient client(server.port());
    REQUIRE(client.next().has_value());
    client.ask("1", "what is iaas over websocket");
    REQUIRE(client.next().has_value());
  }
  CHECK(server.wait_for_log("what is iaas over websocket", std::chrono::seconds(5)));
  CHECK(server.wait_for_log("what is iaas over http", std::chrono::seconds(5)));
  const auto log = server.log();
  const auto line_start = log.rfind('\n', log.find("what is iaas over http"));
  const auto line = log.substr(line_start + 1, log.find('\n', line_start + 1) - line_start - 1);
  CHECK(line.find(R"("route":"/v1/ask")") != std::string::npos);
  CHECK(line.find(R"("message":)") != std::string::npos);
}
