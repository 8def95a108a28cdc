// The learning loop through the real server on loopback: answer ids, feedback over WebSocket
// (a browser's and the terminal client's) and POST /v1/feedback, the admin views behind the
// token, and /metrics. Each server records to a file of the test's own.
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "bot/learning_recorder.hpp"
#include "bot/learning_store.hpp"
#include "server_fixture.hpp"
#include "test_client.hpp"

namespace http = boost::beast::http;
namespace json = boost::json;

namespace {

constexpr const char* kToken = "admin-token-for-tests-0123456789";
// The engine's answers to these (tests/unit/test_engine.cpp covers why): out of scope, and
// a confident salary answer.
constexpr const char* kOutOfScope = "How do I bake sourdough bread?";
constexpr const char* kConfident = "What does an MLOps engineer with 3 years of experience earn?";

std::filesystem::path temp_file(std::string_view name) {
  static int count = 0;
  return std::filesystem::temp_directory_path() /
         ("mlops-bot-" + std::string(name) + "-" + std::to_string(getpid()) + "-" + std::to_string(++count) + ".db");
}

// The real server with a learning recorder (or none: learning off) and an admin token (or none).
class LearningServer {
 public:
  explicit LearningServer(bool learning = true, std::string admin_token = kToken)
      : path_(temp_file("learning")),
        learning_(learning ? std::make_shared<bot::LearningRecorder>(
                                 std::make_shared<bot::LearningStore>(path_, bot::LearningLimits{}),
                                 bot::LearningOptions{})
                           : nullptr),
        store_(std::make_shared<bot::MemoryConversationStore>(100, std::chrono::minutes(30))),
        server_(ioc_, config(std::move(admin_token)), std::make_shared<bot::EngineHolder>(test::shared_engine()),
                store_, {}, nullptr, learning_),
        thread_([this] { server_.run(); }) {}
  ~LearningServer() {
    server_.stop();
    thread_.join();
    learning_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }

  unsigned short port() const { return server_.port(); }
  // Waits until what was recorded so far is in the file, as the admin views read it.
  void flush() {
    if (learning_) learning_->flush();
  }

 private:
  static adapters::server::ServerConfig config(std::string admin_token) {
    auto config = test::test_config();
    config.admin_token = std::move(admin_token);
    return config;
  }

  std::filesystem::path path_;
  std::shared_ptr<bot::LearningRecorder> learning_;
  boost::asio::io_context ioc_;
  std::shared_ptr<bot::MemoryConversationStore> store_;
  adapters::server::Server server_;
  std::thread thread_;
};

json::object next_of(test::WsClient& client) {
  auto frame = client.next();
  REQUIRE(frame.has_value());
  return *frame;
}

json::object ws_answer(test::WsClient& client, const std::string& id, const std::string& text) {
  client.ask(id, text);
  auto answer = next_of(client);
  REQUIRE(answer.at("type") == "answer");
  return answer;
}

http::response<http::string_body> post(unsigned short port, std::string target, std::string body) {
  http::request<http::string_body> request{http::verb::post, target, 11};
  request.set(http::field::content_type, "application/json");
  request.body() = std::move(body);
  return test::http_request(port, request);
}

http::response<http::string_body> admin_get(unsigned short port, std::string target, std::string authorization) {
  http::request<http::string_body> request{http::verb::get, target, 11};
  if (!authorization.empty()) request.set(http::field::authorization, authorization);
  return test::http_request(port, request);
}

http::response<http::string_body> admin_get(unsigned short port, std::string target) {
  return admin_get(port, std::move(target), std::string("Bearer ") + kToken);
}

json::object body_of(const http::response<http::string_body>& response) {
  return json::parse(response.body()).as_object();
}

std::string error_code_of(const http::response<http::string_body>& response) {
  return std::string(body_of(response).at("error").at("code").as_string());
}

std::string feedback_body(std::string_view answer_id, bool helpful, std::string comment = {}) {
  json::object body{{"answer_id", answer_id}, {"helpful", helpful}};
  if (!comment.empty()) body["comment"] = comment;
  return json::serialize(body);
}

}  // namespace

TEST_CASE("WebSocket feedback: recorded for a recent answer, unknown_answer otherwise", "[learning][ws]") {
  LearningServer server;
  test::WsClient client(server.port());
  next_of(client);  // hello
  const auto answer = ws_answer(client, "q1", kConfident);
  const std::string answer_id(answer.at("answer_id").as_string());

  client.send({{"type", "feedback"}, {"id", "f1"}, {"answer_id", answer_id}, {"helpful", false}, {"comment", "too vague"}});
  auto reply = next_of(client);
  CHECK(reply.at("type") == "feedback");
  CHECK(reply.at("id") == "f1");
  CHECK(reply.at("answer_id").as_string() == answer_id);
  CHECK(reply.at("recorded") == true);

  client.send({{"type", "feedback"}, {"answer_id", "a-00000000000000000000000000000000"}, {"helpful", true}});
  reply = next_of(client);
  CHECK(reply.at("type") == "error");
  CHECK(reply.at("code") == "unknown_answer");

  client.send({{"type", "feedback"}, {"id", "f3"}, {"answer_id", answer_id}});  // no verdict
  reply = next_of(client);
  CHECK(reply.at("code") == "bad_request");
  CHECK(reply.at("id") == "f3");

  server.flush();
  const auto feedback = body_of(admin_get(server.port(), "/admin/feedback")).at("feedback").as_array();
  REQUIRE(feedback.size() == 1);
  CHECK(feedback[0].at("answer_id").as_string() == answer_id);
  CHECK(feedback[0].at("helpful") == false);
  CHECK(feedback[0].at("comment") == "too vague");
  CHECK(feedback[0].at("question") == kConfident);
  CHECK(feedback[0].at("channel") == "ws");
  CHECK_FALSE(feedback[0].at("sources").as_array().empty());
}

TEST_CASE("the terminal client's WebSocket is recorded as the terminal channel", "[learning][ws]") {
  LearningServer server;
  test::WsClient client(server.port(), "/v1/chat?client=terminal");
  next_of(client);
  const auto answer = ws_answer(client, "q1", kOutOfScope);
  client.send({{"type", "feedback"}, {"answer_id", answer.at("answer_id")}, {"helpful", true}});
  CHECK(next_of(client).at("recorded") == true);
  server.flush();
  const auto feedback = body_of(admin_get(server.port(), "/admin/feedback")).at("feedback").as_array();
  REQUIRE(feedback.size() == 1);
  CHECK(feedback[0].at("channel") == "terminal");
}

TEST_CASE("POST /v1/feedback: 204 once recorded, 404 for an unknown answer, 400 for a bad body", "[learning][http]") {
  LearningServer server;
  const auto asked = post(server.port(), "/v1/ask", json::serialize(json::object{{"text", kConfident}}));
  REQUIRE(asked.result() == http::status::ok);
  const std::string answer_id(body_of(asked).at("answer_id").as_string());

  CHECK(post(server.port(), "/v1/feedback", feedback_body(answer_id, true)).result() == http::status::no_content);
  const auto unknown = post(server.port(), "/v1/feedback", feedback_body("a-0123456789abcdef0123456789abcdef", true));
  CHECK(unknown.result() == http::status::not_found);
  CHECK(error_code_of(unknown) == "unknown_answer");
  for (const std::string& bad :
       {std::string("not json"), std::string("[]"), std::string(R"({"helpful":true})"),
        std::string(R"({"answer_id":"x","helpful":true})"), "{\"answer_id\":\"" + answer_id + "\",\"helpful\":1}",
        feedback_body(answer_id, false, std::string(1001, 'x'))}) {
    const auto response = post(server.port(), "/v1/feedback", bad);
    CHECK(response.result() == http::status::bad_request);
    CHECK(error_code_of(response) == "bad_request");
  }
  http::request<http::string_body> get{http::verb::get, "/v1/feedback", 11};
  CHECK(test::http_request(server.port(), get).result() == http::status::method_not_allowed);

  server.flush();
  const auto feedback = body_of(admin_get(server.port(), "/admin/feedback")).at("feedback").as_array();
  REQUIRE(feedback.size() == 1);
  CHECK(feedback[0].at("channel") == "http");
  CHECK(feedback[0].at("helpful") == true);
}

TEST_CASE("with learning off, answers keep their ids and feedback says it was not recorded", "[learning]") {
  LearningServer server(false);
  const auto asked = post(server.port(), "/v1/ask", json::serialize(json::object{{"text", kConfident}}));
  const std::string answer_id(body_of(asked).at("answer_id").as_string());
  const auto response = post(server.port(), "/v1/feedback", feedback_body(answer_id, true));
  CHECK(response.result() == http::status::ok);
  CHECK(body_of(response).at("recorded") == false);

  test::WsClient client(server.port());
  next_of(client);
  client.send({{"type", "feedback"}, {"answer_id", answer_id}, {"helpful", false}});
  CHECK(next_of(client).at("recorded") == false);

  const auto view = admin_get(server.port(), "/admin/unanswered");
  CHECK(view.result() == http::status::not_found);
  CHECK(error_code_of(view) == "learning_off");
  http::request<http::string_body> metrics{http::verb::get, "/metrics", 11};
  CHECK(test::http_request(server.port(), metrics).body().find("mlops_bot_learning") == std::string::npos);
}

TEST_CASE("the unanswered list groups a mix of questions, most frequent first", "[learning][admin]") {
  LearningServer server;
  test::WsClient client(server.port());
  next_of(client);
  ws_answer(client, "1", kOutOfScope);
  ws_answer(client, "2", "how do i bake SOURDOUGH bread");
  ws_answer(client, "3", kConfident);
  post(server.port(), "/v1/ask", json::serialize(json::object{{"text", "Who won the cricket world cup?"}}));
  const auto disliked = ws_answer(client, "4", kConfident);
  client.send({{"type", "feedback"}, {"answer_id", disliked.at("answer_id")}, {"helpful", false}});
  CHECK(next_of(client).at("recorded") == true);
  server.flush();

  const auto response = admin_get(server.port(), "/admin/unanswered?since=1d&limit=10");
  REQUIRE(response.result() == http::status::ok);
  CHECK(response[http::field::content_type] == "application/json");
  const auto list = body_of(response).at("unanswered").as_array();
  REQUIRE(list.size() == 3);
  CHECK(list[0].at("normalized") == "how do i bake sourdough bread");
  CHECK(list[0].at("count") == 2);
  CHECK(list[0].at("example") == "how do i bake SOURDOUGH bread");
  CHECK(list[0].at("miss") == "out_of_scope");
  CHECK(list[0].at("guess").at("intent") == "out_of_scope");
  std::set<std::string> misses;
  for (const auto& group : list) misses.insert(std::string(group.at("miss").as_string()));
  CHECK(misses.count("unhelpful") == 1);
  // The confident answer nobody complained about is not listed (its question is not kept).
  for (const auto& group : list) CHECK(group.at("count").as_int64() <= 2);
  CHECK(body_of(admin_get(server.port(), "/admin/unanswered?limit=1")).at("unanswered").as_array().size() == 1);

  const auto stats = body_of(admin_get(server.port(), "/admin/stats?since=7d")).at("days").as_array();
  REQUIRE(stats.size() == 1);
  CHECK(stats[0].at("questions") == 5);
  CHECK(stats[0].at("feedback") == 1);
  CHECK(stats[0].at("helpful_rate").to_number<double>() == 0.0);
  CHECK(stats[0].at("out_of_scope_rate").to_number<double>() > 0.0);
  CHECK(stats[0].at("latency_ms").at("p99").to_number<double>() > 0.0);

  http::request<http::string_body> metrics{http::verb::get, "/metrics", 11};
  const auto text = test::http_request(server.port(), metrics).body();
  CHECK(text.find("mlops_bot_learning_written_total 6\n") != std::string::npos);
  CHECK(text.find("mlops_bot_learning_dropped_total 0\n") != std::string::npos);
}

TEST_CASE("the admin views: 404 without a token, 401 for a missing or wrong one, 400 for a bad query", "[learning][admin]") {
  SECTION("not configured: every admin path is unknown") {
    LearningServer server(true, "");
    for (const char* path : {"/admin/unanswered", "/admin/feedback", "/admin/stats"}) {
      const auto response = admin_get(server.port(), path, std::string("Bearer ") + kToken);
      CHECK(response.result() == http::status::not_found);
      CHECK(error_code_of(response) == "not_found");
    }
  }
  SECTION("configured") {
    LearningServer server;
    for (const char* path : {"/admin/unanswered", "/admin/feedback", "/admin/stats"}) {
      for (const std::string& authorization : {std::string(), std::string("Bearer wrong-token"),
                                               std::string("Basic ") + kToken}) {
        const auto response = admin_get(server.port(), path, authorization);
        CHECK(response.result() == http::status::unauthorized);
        CHECK(response[http::field::www_authenticate] == "Bearer");
      }
      CHECK(admin_get(server.port(), path).result() == http::status::ok);
    }
    CHECK(admin_get(server.port(), "/admin/nothing").result() == http::status::not_found);
    for (const char* bad : {"/admin/unanswered?since=yesterday", "/admin/feedback?limit=0",
                            "/admin/unanswered?limit=1001", "/admin/stats?since=7x"}) {
      const auto response = admin_get(server.port(), bad);
      CHECK(response.result() == http::status::bad_request);
      CHECK(error_code_of(response) == "bad_request");
    }
    http::request<http::string_body> post_view{http::verb::post, "/admin/stats", 11};
    post_view.set(http::field::authorization, std::string("Bearer ") + kToken);
    const auto refused = test::http_request(server.port(), post_view);
    CHECK(refused.result() == http::status::method_not_allowed);
    CHECK(refused[http::field::allow] == "GET, HEAD");
  }
}
