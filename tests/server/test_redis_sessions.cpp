// Two `mlops-bot serve` processes sharing one redis-server: a conversation begun on one
// continues on the other; with Redis killed, questions are still answered (without their
// conversation) and /metrics says so; with Redis back, conversations carry across again.
#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "redis_server.hpp"
#include "test_client.hpp"
#include "tests/platforms/server_process.hpp"

namespace http = boost::beast::http;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

constexpr const char* kQuestion = "What does an MLOps engineer earn with 3 years experience?";
constexpr const char* kFollowUp = "and with 8 years?";

json::object ask(unsigned short port, const std::string& session, const std::string& text) {
  http::request<http::string_body> request{http::verb::post, "/v1/ask", 11};
  request.set(http::field::content_type, "application/json");
  request.body() = json::serialize(json::object{{"text", text}, {"session", session}});
  const auto response = test::http_request(port, std::move(request));
  REQUIRE(response.result() == http::status::ok);
  return json::parse(response.body()).as_object();
}

// The follow-up kept the earlier question's role: the conversation was carried.
bool carried_role(const json::object& answer) {
  const auto& entities = answer.at("entities").as_object();
  return entities.contains("role") && entities.at("role").as_array().size() == 1 &&
         entities.at("role").as_array()[0] == "mlops_engineer";
}

bool is_estimate_for_8_years(const json::object& answer) {
  return answer.at("intent").at("name") == "salary.estimate" &&
         answer.at("entities").at("experience_years").to_number<double>() == 8;
}

// The value of an unlabelled series in /metrics.
double metric(unsigned short port, const std::string& name) {
  const auto response = test::http_request(port, http::request<http::string_body>{http::verb::get, "/metrics", 11});
  const auto& body = response.body();
  const auto at = body.find("\n" + name + " ");
  REQUIRE(at != std::string::npos);
  return std::stod(body.substr(at + name.size() + 2));
}

}  // namespace

TEST_CASE("two servers sharing Redis continue one conversation, degrade without it, and recover", "[process][redis]") {
  test::RedisServer redis;
  const platforms_test::Environment environment{{"MLOPS_BOT_SESSIONS", redis.url()}};
  platforms_test::ServerProcess a(environment);
  platforms_test::ServerProcess b(environment);

  // Asked on A, followed up on B: B answers for 8 years, still about the MLOps engineer.
  ask(a.port(), "S", kQuestion);
  const auto followed = ask(b.port(), "S", kFollowUp);
  CHECK(is_estimate_for_8_years(followed));
  CHECK(carried_role(followed));
  CHECK(metric(b.port(), "mlops_bot_session_store_up") == 1);
  CHECK(metric(b.port(), "mlops_bot_session_store_errors_total") == 0);

  redis.kill();
  ask(a.port(), "T", kQuestion);
  const auto alone = ask(b.port(), "T", kFollowUp);  // still 200, an answer for 8 years
  CHECK(is_estimate_for_8_years(alone));
  CHECK_FALSE(carried_role(alone));
  CHECK(metric(b.port(), "mlops_bot_session_store_up") == 0);
  const double errors = metric(b.port(), "mlops_bot_session_store_errors_total");
  CHECK(errors > 0);
  ask(b.port(), "T", kFollowUp);
  CHECK(metric(b.port(), "mlops_bot_session_store_errors_total") > errors);
  CHECK(b.wait_for_log(R"("event":"session_store_unavailable")", 5s));

  // Back on the same port (empty: it kept nothing). The servers try it again once their retry
  // interval has passed, so ask until a new conversation carries across.
  redis.start();
  bool recovered = false;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  for (int attempt = 0; !recovered && std::chrono::steady_clock::now() < deadline; ++attempt) {
    const std::string session = "R" + std::to_string(attempt);
    ask(a.port(), session, kQuestion);
    const auto answer = ask(b.port(), session, kFollowUp);
    recovered = is_estimate_for_8_years(answer) && carried_role(answer);
    if (!recovered) std::this_thread::sleep_for(100ms);
  }
  CHECK(recovered);
  CHECK(metric(a.port(), "mlops_bot_session_store_up") == 1);
  CHECK(metric(b.port(), "mlops_bot_session_store_up") == 1);
  CHECK(b.wait_for_log(R"("event":"session_store_recovered")", 5s));
}
