// The server's pure parts, without a network: HTTP routing, the chat protocol, origins,
// the token bucket, metrics.
#include <chrono>
#include <memory>
#include <string>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "adapters/server/chat_protocol.hpp"
#include "adapters/server/http_routes.hpp"
#include "adapters/server/origin_policy.hpp"
#include "adapters/server/token_bucket.hpp"
#include "server_fixture.hpp"

namespace http = boost::beast::http;
namespace json = boost::json;
using namespace adapters::server;
using namespace std::chrono_literals;

namespace {

std::shared_ptr<SharedState> make_state(ServerConfig config = test::test_config(),
                                        std::vector<std::shared_ptr<adapters::HttpHandler>> handlers = {}) {
  return std::make_shared<SharedState>(config, test::shared_engine(),
                                       std::make_shared<bot::MemoryConversationStore>(100, 1h), std::move(handlers));
}

adapters::HttpRequest request(http::verb method, std::string target, std::string body = {}) {
  adapters::HttpRequest result{method, target, 11};
  result.set(http::field::host, "127.0.0.1:8080");
  result.body() = std::move(body);
  result.prepare_payload();
  return result;
}

json::object body_of(const adapters::HttpResponse& response) { return json::parse(response.body()).as_object(); }

std::string error_code_of(const adapters::HttpResponse& response) {
  return std::string(body_of(response).at("error").at("code").as_string());
}

class FakeHandler : public adapters::HttpHandler {
 public:
  bool handles(std::string_view path) const override { return path == "/" || path.starts_with("/widget"); }
  adapters::HttpResponse handle(const adapters::HttpRequest& request) override {
    adapters::HttpResponse response{http::status::ok, request.version()};
    response.body() = "static " + std::string(request.target());
    return response;
  }
};

}  // namespace

TEST_CASE("health, readiness and metrics answer GET", "[http]") {
  auto state = make_state();
  CHECK(handle_request(*state, request(http::verb::get, "/healthz")).response.result() == http::status::ok);
  CHECK(handle_request(*state, request(http::verb::get, "/readyz")).response.result() == http::status::ok);
  const auto metrics = handle_request(*state, request(http::verb::get, "/metrics")).response;
  CHECK(metrics.result() == http::status::ok);
  CHECK(metrics[http::field::content_type].starts_with("text/plain; version=0.0.4"));
  for (const char* name : {"mlops_bot_http_requests_total", "mlops_bot_answer_latency_seconds_bucket{le=\"+Inf\"}",
                           "mlops_bot_answers_total", "mlops_bot_fallbacks_total", "mlops_bot_websocket_connections",
                           "mlops_bot_rejected_messages_total"})
    CHECK(metrics.body().find(name) != std::string::npos);
}

TEST_CASE("readyz is 503 without an engine", "[http]") {
  SharedState state(test::test_config(), nullptr, std::make_shared<bot::MemoryConversationStore>(10, 1h), {});
  CHECK(handle_request(state, request(http::verb::get, "/readyz")).response.result() ==
        http::status::service_unavailable);
  const auto ask = handle_request(state, request(http::verb::post, "/v1/ask", R"({"text":"hi"})")).response;
  CHECK(ask.result() == http::status::service_unavailable);
}

TEST_CASE("POST /v1/ask answers with the answer object and a session", "[http]") {
  auto state = make_state();
  const auto reply = handle_request(*state, request(http::verb::post, "/v1/ask", R"({"text":"hi"})"));
  REQUIRE(reply.response.result() == http::status::ok);
  CHECK(reply.response[http::field::content_type] == "application/json");
  const auto body = body_of(reply.response);
  for (const char* field : {"intent", "entities", "text", "data", "sources", "suggestions", "session"})
    CHECK(body.contains(field));
  CHECK(body.at("session").as_string().size() == 32);
  CHECK_FALSE(reply.intent.empty());

  const auto again = handle_request(*state, request(http::verb::post, "/v1/ask", R"({"text":"hi","session":"my-1"})"));
  CHECK(body_of(again.response).at("session") == "my-1");
}

TEST_CASE("POST /v1/ask continues a conversation by session id", "[http][engine]") {
  auto state = make_state();
  handle_request(*state, request(http::verb::post, "/v1/ask",
                                 R"({"text":"What does an MLOps engineer with 3 years experience earn?","session":"s1"})"));
  const auto follow_up =
      handle_request(*state, request(http::verb::post, "/v1/ask", R"({"text":"and with 8 years?","session":"s1"})"));
  const auto salary = body_of(follow_up.response).at("data").at("salary");
  CHECK(salary.at("min_lpa").to_number<double>() == 20);
  CHECK(salary.at("max_lpa").to_number<double>() == 40);
}

TEST_CASE("POST /v1/ask rejects bad bodies with JSON errors", "[http]") {
  auto state = make_state();
  auto post = [&](std::string body) { return handle_request(*state, request(http::verb::post, "/v1/ask", body)).response; };
  auto response = post("not json");
  CHECK(response.result() == http::status::bad_request);
  CHECK(error_code_of(response) == "bad_request");
  CHECK(post("[1,2]").result() == http::status::bad_request);
  CHECK(post(R"({"question":"hi"})").result() == http::status::bad_request);
  CHECK(post(R"({"text":42})").result() == http::status::bad_request);
  CHECK(post(R"({"text":"hi","session":"has space"})").result() == http::status::bad_request);
  response = post(R"({"text":")" + std::string(bot::kMaxQuestionBytes + 1, 'x') + R"("})");
  CHECK(response.result() == http::status::payload_too_large);
  CHECK(error_code_of(response) == "too_large");
}

TEST_CASE("wrong methods get 405 and unknown paths 404, with JSON bodies", "[http]") {
  auto state = make_state();
  auto response = handle_request(*state, request(http::verb::get, "/v1/ask")).response;
  CHECK(response.result() == http::status::method_not_allowed);
  CHECK(response[http::field::allow] == "POST, OPTIONS");
  CHECK(error_code_of(response) == "method_not_allowed");
  CHECK(handle_request(*state, request(http::verb::post, "/healthz")).response.result() ==
        http::status::method_not_allowed);
  response = handle_request(*state, request(http::verb::get, "/nope")).response;
  CHECK(response.result() == http::status::not_found);
  CHECK(error_code_of(response) == "not_found");
  CHECK(handle_request(*state, request(http::verb::get, "/v1/chat")).response.result() ==
        http::status::upgrade_required);
}

TEST_CASE("other adapters' handlers get the paths they claim", "[http]") {
  auto state = make_state(test::test_config(), {std::make_shared<FakeHandler>()});
  const auto reply = handle_request(*state, request(http::verb::get, "/widget.js?v=1"));
  CHECK(reply.response.result() == http::status::ok);
  CHECK(reply.response.body() == "static /widget.js?v=1");
  CHECK(reply.route == "handler");
  CHECK(handle_request(*state, request(http::verb::get, "/other")).response.result() == http::status::not_found);
  // The server's own routes come first.
  CHECK(handle_request(*state, request(http::verb::get, "/healthz")).response.body() == "ok\n");
}

TEST_CASE("CORS: an allowed origin gets its preflight, another gets 403", "[http][cors]") {
  auto config = test::test_config();
  config.allowed_origins = {"https://careers.example.in"};
  auto state = make_state(config);
  auto preflight = request(http::verb::options, "/v1/ask");
  preflight.set(http::field::origin, "https://careers.example.in");
  auto response = handle_request(*state, preflight).response;
  CHECK(response.result() == http::status::no_content);
  CHECK(response[http::field::access_control_allow_origin] == "https://careers.example.in");
  CHECK(response[http::field::vary] == "Origin");
  CHECK(response[http::field::access_control_allow_methods] == "POST");
  CHECK(response[http::field::access_control_allow_headers] == "Content-Type");
  CHECK_FALSE(response[http::field::access_control_max_age].empty());

  auto post = request(http::verb::post, "/v1/ask", R"({"text":"hi"})");
  post.set(http::field::origin, "https://careers.example.in");
  CHECK(handle_request(*state, post).response[http::field::access_control_allow_origin] ==
        "https://careers.example.in");

  auto evil = request(http::verb::options, "/v1/ask");
  evil.set(http::field::origin, "https://evil.example.com");
  response = handle_request(*state, evil).response;
  CHECK(response.result() == http::status::forbidden);
  CHECK(response[http::field::access_control_allow_origin].empty());
}

TEST_CASE("the origin policy allows no origin, same origin, localhost and the list", "[cors]") {
  const OriginPolicy policy({"https://careers.example.in"});
  CHECK(policy.allows("", "bot.example.in"));
  CHECK(policy.allows("https://bot.example.in", "bot.example.in"));
  CHECK(policy.allows("http://localhost:5173", "bot.example.in"));
  CHECK(policy.allows("http://127.0.0.1:8080", "bot.example.in"));
  CHECK(policy.allows("HTTPS://Careers.Example.IN", "bot.example.in"));
  CHECK_FALSE(policy.allows("https://evil.example.com", "bot.example.in"));
  CHECK_FALSE(policy.allows("https://localhost.evil.com", "bot.example.in"));
  CHECK_FALSE(policy.allows("null", "bot.example.in"));
  CHECK(OriginPolicy({"*"}).allows("https://anyone.example", "bot.example.in"));
}

TEST_CASE("the token bucket allows a burst, then the refill rate", "[rate]") {
  const auto start = TokenBucket::Clock::time_point{};
  TokenBucket bucket(2, 3, start);
  CHECK(bucket.try_take(start));
  CHECK(bucket.try_take(start));
  CHECK(bucket.try_take(start));
  CHECK_FALSE(bucket.try_take(start));
  CHECK(bucket.try_take(start + 500ms));  // 2/s: one token after half a second
  CHECK_FALSE(bucket.try_take(start + 500ms));
  TokenBucket unlimited(0, 1, start);
  for (int i = 0; i < 100; ++i) CHECK(unlimited.try_take(start));
}

TEST_CASE("the chat protocol answers an ask with its id, first in the frame", "[chat]") {
  auto state = make_state();
  ChatState chat("s1", {}, state->config());
  const auto reply = handle_chat_message(*state, chat, R"({"type":"ask","id":"c1","text":"hi"})", false);
  CHECK(reply.type == "answer");
  CHECK(reply.frame.starts_with(R"({"type":"answer","id":"c1",)"));
  const auto frame = json::parse(reply.frame).as_object();
  CHECK(frame.contains("intent"));
  CHECK(frame.contains("text"));
  const auto numeric = handle_chat_message(*state, chat, R"({"type":"ask","id":7,"text":"hi"})", false);
  CHECK(json::parse(numeric.frame).at("id") == 7);
  // The conversation is saved for a reconnect.
  CHECK(state->store().load(chat.key).has_value());
}

TEST_CASE("the chat protocol turns bad messages into errors", "[chat]") {
  auto state = make_state();
  ChatState chat("s1", {}, state->config());
  auto code = [&](std::string_view message, bool binary = false) {
    const auto reply = handle_chat_message(*state, chat, message, binary);
    CHECK(reply.type == "error");
    return std::string(json::parse(reply.frame).at("code").as_string());
  };
  CHECK(code("this is not json") == "bad_request");
  CHECK(code("[1]") == "bad_request");
  CHECK(code(R"({"id":"x"})") == "bad_request");
  CHECK(code(R"({"type":"bogus","id":"x"})") == "unknown_type");
  CHECK(code(R"({"type":"ask","text":"no id"})") == "bad_request");
  CHECK(code(R"({"type":"ask","id":"x"})") == "bad_request");
  CHECK(code(R"({"type":"ask","id":"x","text":5})") == "bad_request");
  CHECK(code(R"({"type":"ask","id":{"a":1},"text":"hi"})") == "bad_request");
  CHECK(code(R"({"type":"ask","id":"x","text":")" + std::string(bot::kMaxQuestionBytes + 1, 'x') + R"("})") ==
        "too_large");
  CHECK(code("\x01\x02\x03", true) == "bad_request");
  const auto error = json::parse(handle_chat_message(*state, chat, R"({"type":"bogus","id":"q9"})", false).frame);
  CHECK(error.at("id") == "q9");
  CHECK(error.at("message").is_string());
}

TEST_CASE("reset forgets the conversation", "[chat]") {
  auto state = make_state();
  ChatState chat("s1", {}, state->config());
  handle_chat_message(*state, chat, R"({"type":"ask","id":"1","text":"hi"})", false);
  CHECK(chat.conversation.turns > 0);
  const auto reply = handle_chat_message(*state, chat, R"({"type":"reset","id":"r"})", false);
  CHECK(reply.type == "reset");
  CHECK(json::parse(reply.frame).at("session") == "s1");
  CHECK(chat.conversation.turns == 0);
  CHECK_FALSE(state->store().load(chat.key).has_value());
}

TEST_CASE("over the rate limit a message gets rate_limited with its id", "[chat][rate]") {
  auto config = test::test_config();
  config.rate_per_second = 0.001;
  config.rate_burst = 2;
  auto state = make_state(config);
  ChatState chat("s1", {}, state->config());
  CHECK(handle_chat_message(*state, chat, R"({"type":"ask","id":"1","text":"hi"})", false).type == "answer");
  CHECK(handle_chat_message(*state, chat, R"({"type":"ask","id":"2","text":"hi"})", false).type == "answer");
  const auto limited = handle_chat_message(*state, chat, R"({"type":"ask","id":"3","text":"hi"})", false);
  CHECK(limited.code == "rate_limited");
  CHECK(json::parse(limited.frame).at("id") == "3");
  CHECK(state->metrics().render().find("mlops_bot_rejected_messages_total{reason=\"rate_limited\"} 1") !=
        std::string::npos);
}

TEST_CASE("query parameters and paths are read from the target", "[http]") {
  CHECK(target_path("/v1/chat?session=abc") == "/v1/chat");
  CHECK(query_parameter("/v1/chat?session=abc", "session") == "abc");
  CHECK(query_parameter("/v1/chat?x=1&session=abc&y=2", "session") == "abc");
  CHECK(query_parameter("/v1/chat?sessions=abc", "session").empty());
  CHECK(query_parameter("/v1/chat", "session").empty());
}
