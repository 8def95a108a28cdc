// POST /admin/reload in process on loopback: absent without a token, 401 for a missing or wrong
// one, 405 for another method, 409 while a reload runs, and the reload's outcome in its answer
// and in /metrics; the bearer token compared whole.
#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "adapters/server/admin_routes.hpp"
#include "bot/knowledge_reloader.hpp"
#include "server_fixture.hpp"
#include "test_client.hpp"

namespace http = boost::beast::http;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

constexpr const char* kToken = "admin-token-for-tests-0123456789";

// The real server with a reloader whose build the test controls: it returns the test engine,
// or throws when `failing`, and may hold until released.
class ReloadingServer {
 public:
  explicit ReloadingServer(std::string admin_token = kToken)
      : engines_(std::make_shared<bot::EngineHolder>(test::shared_engine())),
        reloader_(std::make_shared<bot::KnowledgeReloader>(engines_, [this] { return build(); })),
        store_(std::make_shared<bot::MemoryConversationStore>(100, std::chrono::minutes(30))),
        server_(ioc_, config(std::move(admin_token)), engines_, store_, {}, reloader_),
        thread_([this] { server_.run(); }) {}
  ~ReloadingServer() {
    hold(false);
    server_.stop();
    thread_.join();
  }

  unsigned short port() const { return server_.port(); }
  bot::KnowledgeReloader& reloader() { return *reloader_; }
  void fail(bool failing) { failing_ = failing; }
  // While held, a build waits; entered() is ready once one does.
  void hold(bool held) {
    std::lock_guard lock(mutex_);
    held_ = held;
    if (held) entered_ = {};
    released_.notify_all();
  }
  std::future<void> entered() { return entered_.get_future(); }

 private:
  static adapters::server::ServerConfig config(std::string admin_token) {
    auto config = test::test_config();
    config.admin_token = std::move(admin_token);
    return config;
  }
  std::shared_ptr<const bot::Engine> build() {
    std::unique_lock lock(mutex_);
    if (held_) {
      entered_.set_value();
      released_.wait(lock, [this] { return !held_; });
    }
    if (failing_) throw std::runtime_error("no documents (.md, .txt, .html, .pdf) in /srv/corpus");
    return test::shared_engine();
  }

  // Before the server and its thread, which may call build().
  std::mutex mutex_;
  std::condition_variable released_;
  bool held_ = false;
  std::atomic<bool> failing_{false};
  std::promise<void> entered_;

  boost::asio::io_context ioc_;
  std::shared_ptr<bot::EngineHolder> engines_;
  std::shared_ptr<bot::KnowledgeReloader> reloader_;
  std::shared_ptr<bot::MemoryConversationStore> store_;
  adapters::server::Server server_;
  std::thread thread_;
};

http::request<http::string_body> reload(http::verb method = http::verb::post, std::string authorization = {}) {
  http::request<http::string_body> request{method, "/admin/reload", 11};
  if (!authorization.empty()) request.set(http::field::authorization, authorization);
  return request;
}

http::request<http::string_body> authorized(http::verb method = http::verb::post) {
  return reload(method, std::string("Bearer ") + kToken);
}

json::object body_of(const http::response<http::string_body>& response) {
  return json::parse(response.body()).as_object();
}

std::string error_code_of(const http::response<http::string_body>& response) {
  return std::string(body_of(response).at("error").at("code").as_string());
}

std::string metrics(unsigned short port) {
  http::request<http::string_body> request{http::verb::get, "/metrics", 11};
  return test::http_request(port, request).body();
}

}  // namespace

TEST_CASE("the bearer token matches whole, in any scheme case, and an empty one never", "[admin]") {
  using adapters::server::bearer_token_matches;
  CHECK(bearer_token_matches("Bearer abcdef", "abcdef"));
  CHECK(bearer_token_matches("bearer abcdef", "abcdef"));
  CHECK(bearer_token_matches("  Bearer   abcdef  ", "abcdef"));
  CHECK_FALSE(bearer_token_matches("Bearer abcde", "abcdef"));
  CHECK_FALSE(bearer_token_matches("Bearer abcdefg", "abcdef"));
  CHECK_FALSE(bearer_token_matches("Bearer abcdeF", "abcdef"));
  CHECK_FALSE(bearer_token_matches("Basic abcdef", "abcdef"));
  CHECK_FALSE(bearer_token_matches("abcdef", "abcdef"));
  CHECK_FALSE(bearer_token_matches("Bearer", ""));
  CHECK_FALSE(bearer_token_matches("Bearer ", ""));
  CHECK_FALSE(bearer_token_matches("", ""));
}

TEST_CASE("without an admin token the admin route answers 404 as an unknown path", "[admin]") {
  ReloadingServer server("");
  for (auto request : {reload(), authorized(), reload(http::verb::get)}) {
    const auto response = test::http_request(server.port(), request);
    CHECK(response.result() == http::status::not_found);
    CHECK(error_code_of(response) == "not_found");
  }
  CHECK(server.reloader().status().succeeded == 0);
  CHECK(metrics(server.port()).find("/admin/reload") == std::string::npos);
}

TEST_CASE("a missing or wrong token gets 401, another method 405, and neither reloads", "[admin]") {
  ReloadingServer server;
  for (const std::string& authorization : {std::string(), std::string("Bearer wrong-token"),
                                          std::string("Bearer ") + kToken + "x", std::string("Basic ") + kToken,
                                          std::string(kToken)}) {
    INFO(authorization);
    const auto response = test::http_request(server.port(), reload(http::verb::post, authorization));
    CHECK(response.result() == http::status::unauthorized);
    CHECK(response[http::field::www_authenticate] == "Bearer");
    CHECK(error_code_of(response) == "unauthorized");
    CHECK(response.body().find(kToken) == std::string::npos);
  }
  // Unauthenticated, the method is not even looked at.
  CHECK(test::http_request(server.port(), reload(http::verb::get)).result() == http::status::unauthorized);
  for (const auto method : {http::verb::get, http::verb::put, http::verb::delete_}) {
    const auto response = test::http_request(server.port(), authorized(method));
    CHECK(response.result() == http::status::method_not_allowed);
    CHECK(response[http::field::allow] == "POST");
    CHECK(error_code_of(response) == "method_not_allowed");
  }
  CHECK(server.reloader().status().succeeded + server.reloader().status().failed == 0);
}

TEST_CASE("POST /admin/reload answers with the new generation, and 409 while one runs", "[admin]") {
  ReloadingServer server;
  const auto before = metrics(server.port());
  CHECK(before.find("mlops_bot_knowledge_generation 1\n") != std::string::npos);
  CHECK(before.find("mlops_bot_knowledge_reload_last_status") == std::string::npos);  // no reload yet

  server.hold(true);
  auto entered = server.entered();
  auto first = std::async(std::launch::async, [&] { return test::http_request(server.port(), authorized()); });
  REQUIRE(entered.wait_for(10s) == std::future_status::ready);
  const auto busy = test::http_request(server.port(), authorized());
  CHECK(busy.result() == http::status::conflict);
  CHECK(error_code_of(busy) == "reload_in_progress");
  CHECK(body_of(busy).at("generation").as_int64() == 1);
  CHECK(metrics(server.port()).find("mlops_bot_knowledge_reload_running 1\n") != std::string::npos);
  server.hold(false);

  const auto done = first.get();
  REQUIRE(done.result() == http::status::ok);
  const auto body = body_of(done);
  CHECK(body.at("status").as_string() == "ok");
  CHECK(body.at("generation").as_int64() == 2);
  CHECK(body.at("documents").as_int64() == test::shared_engine()->knowledge_summary().documents);
  CHECK_FALSE(body.contains("error"));
  const auto after = metrics(server.port());
  CHECK(after.find("mlops_bot_knowledge_generation 2\n") != std::string::npos);
  CHECK(after.find("mlops_bot_knowledge_reloads_total{status=\"ok\"} 1\n") != std::string::npos);
  CHECK(after.find("mlops_bot_knowledge_reload_last_status 1\n") != std::string::npos);
  CHECK(after.find("mlops_bot_knowledge_reload_last_timestamp_seconds ") != std::string::npos);
  CHECK(after.find("mlops_bot_knowledge_reload_running 0\n") != std::string::npos);

  // Once answered, the next reload may start at once.
  const auto again = test::http_request(server.port(), authorized());
  CHECK(again.result() == http::status::ok);
  CHECK(body_of(again).at("generation").as_int64() == 3);
}

TEST_CASE("a failed reload answers 500 with why, keeps the generation, and /metrics says so", "[admin]") {
  ReloadingServer server;
  server.fail(true);
  const auto response = test::http_request(server.port(), authorized());
  REQUIRE(response.result() == http::status::internal_server_error);
  const auto body = body_of(response);
  CHECK(body.at("status").as_string() == "failed");
  CHECK(body.at("generation").as_int64() == 1);
  CHECK(body.at("error").at("code").as_string() == "reload_failed");
  CHECK(std::string(body.at("error").at("message").as_string()).find("no documents") != std::string::npos);
  const auto after = metrics(server.port());
  CHECK(after.find("mlops_bot_knowledge_generation 1\n") != std::string::npos);
  CHECK(after.find("mlops_bot_knowledge_reloads_total{status=\"failed\"} 1\n") != std::string::npos);
  CHECK(after.find("mlops_bot_knowledge_reload_last_status 0\n") != std::string::npos);

  http::request<http::string_body> ask{http::verb::post, "/v1/ask", 11};
  ask.set(http::field::content_type, "application/json");
  ask.body() = R"({"text":"What does an MLOps engineer with 3 years earn?"})";
  const auto answer = test::http_request(server.port(), ask);
  CHECK(answer.result() == http::status::ok);
  CHECK(body_of(answer).at("intent").at("name").as_string() == "salary.estimate");
}
