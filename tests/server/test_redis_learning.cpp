// Two `mlops-bot serve` processes sharing one redis-server record to one place: the admin view of
// either, and `mlops-bot review --sessions`, list the questions asked on both; feedback sent to
// the replica that did not answer is recorded; with Redis killed, every question is still
// answered and /metrics counts the records lost.
#include <catch2/catch.hpp>
#include <chrono>
#include <set>
#include <string>
#include <thread>

#include "redis_server.hpp"
#include "test_client.hpp"
#include "tests/platforms/server_process.hpp"

namespace http = boost::beast::http;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

constexpr const char* kToken = "admin-token-for-tests-0123456789";
// Out of scope for the engine (tests/unit/test_engine.cpp), so recorded with their question.
constexpr const char* kAskedOnA = "How do I bake sourdough bread?";
constexpr const char* kAskedOnB = "What is the weather in Paris tomorrow?";

json::object ask(unsigned short port, const std::string& text) {
  http::request<http::string_body> request{http::verb::post, "/v1/ask", 11};
  request.set(http::field::content_type, "application/json");
  request.body() = json::serialize(json::object{{"text", text}});
  const auto response = test::http_request(port, std::move(request));
  REQUIRE(response.result() == http::status::ok);
  return json::parse(response.body()).as_object();
}

http::status send_feedback(unsigned short port, const std::string& answer_id, bool helpful) {
  http::request<http::string_body> request{http::verb::post, "/v1/feedback", 11};
  request.set(http::field::content_type, "application/json");
  request.body() = json::serialize(json::object{{"answer_id", answer_id}, {"helpful", helpful}});
  return test::http_request(port, std::move(request)).result();
}

json::object admin_get(unsigned short port, const std::string& target) {
  http::request<http::string_body> request{http::verb::get, target, 11};
  request.set(http::field::authorization, std::string("Bearer ") + kToken);
  const auto response = test::http_request(port, std::move(request));
  REQUIRE(response.result() == http::status::ok);
  return json::parse(response.body()).as_object();
}

std::set<std::string> unanswered_examples(unsigned short port) {
  std::set<std::string> examples;
  const auto body = admin_get(port, "/admin/unanswered?since=");
  for (const auto& group : body.at("unanswered").as_array())
    examples.insert(std::string(group.at("example").as_string()));
  return examples;
}

// Each server writes its records in batches at least every half second: polls `done` until it
// holds (each poll a request to the servers), for at most 10 s.
template <class Condition>
bool eventually(Condition done) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(50ms);
  }
  return true;
}

double metric(unsigned short port, const std::string& name) {
  const auto response = test::http_request(port, http::request<http::string_body>{http::verb::get, "/metrics", 11});
  const auto& body = response.body();
  const auto at = body.find("\n" + name + " ");
  REQUIRE(at != std::string::npos);
  return std::stod(body.substr(at + name.size() + 2));
}

}  // namespace

TEST_CASE("replicas sharing Redis show one learning record, take each other's feedback, and answer without it",
          "[process][redis][learning]") {
  test::RedisServer redis;
  const platforms_test::Environment environment{{"MLOPS_BOT_SESSIONS", redis.url()},
                                                {"MLOPS_BOT_ADMIN_TOKEN", kToken}};
  platforms_test::ServerProcess a(environment);
  platforms_test::ServerProcess b(environment);

  const auto on_a = ask(a.port(), kAskedOnA);
  ask(b.port(), kAskedOnB);
  const std::set<std::string> both{kAskedOnA, kAskedOnB};
  CHECK(eventually([&] { return unanswered_examples(a.port()) == both; }));
  CHECK(unanswered_examples(b.port()) == both);

  // Answered by A (and written: A's list shows it), judged on B.
  const std::string answer_id(on_a.at("answer_id").as_string());
  CHECK(send_feedback(b.port(), answer_id, false) == http::status::no_content);
  CHECK(send_feedback(b.port(), "a-00000000000000000000000000000000", true) == http::status::not_found);
  CHECK(eventually([&] { return !admin_get(a.port(), "/admin/feedback?since=").at("feedback").as_array().empty(); }));
  const auto feedback_body = admin_get(a.port(), "/admin/feedback?since=");
  const auto& feedback = feedback_body.at("feedback").as_array();
  REQUIRE(feedback.size() == 1);
  CHECK(feedback[0].at("answer_id").as_string() == answer_id);
  CHECK(feedback[0].at("question") == kAskedOnA);

  // review reads the same records from Redis.
  std::string output;
  CHECK(platforms_test::run_command({"review", "--sessions", redis.url(), "--since", "", "--json"}, {}, output) == 0);
  const auto reviewed = json::parse(output.substr(output.find('{'))).as_object();
  std::set<std::string> listed;
  for (const auto& group : reviewed.at("unanswered").as_array())
    listed.insert(std::string(group.at("example").as_string()));
  CHECK(listed == both);
  CHECK(reviewed.at("feedback").as_array().size() == 1);

  CHECK(metric(a.port(), "mlops_bot_learning_write_errors_total") == 0);
  redis.kill();
  for (int i = 0; i < 5; ++i) {
    const auto answered = ask(a.port(), kAskedOnA);  // 200, a whole answer
    CHECK(answered.at("intent").at("name") == "out_of_scope");
  }
  CHECK(eventually([&] { return metric(a.port(), "mlops_bot_learning_write_errors_total") >= 5; }));
  CHECK(a.wait_for_log(R"("event":"learning_store_unavailable")", 5s));
  CHECK(metric(a.port(), "mlops_bot_learning_dropped_total") == 0);  // the queue never filled
}
