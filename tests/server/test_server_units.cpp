// The server's pure parts, without a network: HTTP routing, the chat protocol, origins,
// the token bucket, metrics.
#include <chrono>
#include <memory>
#include <string>

#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "adapters/server/chat_protocol.hpp"
#include "adapters/server/client_address.hpp"
#include "adapters/server/client_table.hpp"
#include "adapters/server/http_routes.hpp"
#include "adapters/server/origin_policy.hpp"
#include "adapters/server/request_framing.hpp"
#include "adapters/server/token_bucket.hpp"
#include "server_fixture.hpp"

namespace http = boost::beast::http;
namespace json = boost::json;
using namespace adapters::server;
using namespace std::chrono_literals;

namespace {

std::shared_ptr<SharedState> make_state(ServerConfig config = test::test_config(),
                                        std::vector<std::shared_ptr<adapters::HttpHandler>> handlers = {}) {
  return std::make_shared<SharedState>(config, std::make_shared<bot::EngineHolder>(test::shared_engine()),
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
  for (const char* field : {"intent", "entities", "text", "data", "sources", "suggestions", "answer_id", "session"})
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

TEST_CASE("the origin policy allows no origin, localhost, the public origins and the list", "[cors]") {
  const OriginPolicy policy({"https://careers.example.in"}, {"https://bot.example.in/"});
  CHECK(policy.allows(""));
  CHECK(policy.allows("https://bot.example.in"));
  CHECK(policy.allows("http://localhost:5173"));
  CHECK(policy.allows("http://127.0.0.1:8080"));
  CHECK(policy.allows("http://[::1]:8080"));
  CHECK(policy.allows("HTTPS://Careers.Example.IN"));
  CHECK_FALSE(policy.allows("http://bot.example.in"));  // another scheme is another origin
  CHECK_FALSE(policy.allows("https://evil.example.com"));
  CHECK_FALSE(policy.allows("https://localhost.evil.com"));
  CHECK_FALSE(policy.allows("null"));
  CHECK(policy.allows("http://localhost"));
  CHECK_FALSE(policy.allows("http://localhost@evil.example"));
  CHECK_FALSE(policy.allows("http://localhost:99999"));
  CHECK_FALSE(policy.allows("ws://localhost"));
  CHECK(OriginPolicy({"*"}).allows("https://anyone.example"));
}

TEST_CASE("settings name origins as scheme and host", "[cors]") {
  CHECK(OriginPolicy::is_origin("https://bot.example.in"));
  CHECK(OriginPolicy::is_origin("http://10.0.0.5:8080/"));
  CHECK_FALSE(OriginPolicy::is_origin("bot.example.in"));
  CHECK_FALSE(OriginPolicy::is_origin("https://bot.example.in/chat"));
  CHECK_FALSE(OriginPolicy::is_origin("https://"));
  CHECK_FALSE(OriginPolicy::is_origin("https://user@bot.example.in"));
  CHECK_FALSE(OriginPolicy::is_origin("https://bot.example.in?x=1"));
  CHECK_FALSE(OriginPolicy::is_origin("https://bot.example.in#top"));
  CHECK_FALSE(OriginPolicy::is_origin("wss://bot.example.in"));
  CHECK_FALSE(OriginPolicy::is_origin("https://bot.example.in:99999"));
}

TEST_CASE("the Host header does not make an origin the same: DNS rebinding gets 403", "[cors]") {
  auto state = make_state();
  auto post = request(http::verb::post, "/v1/ask", R"({"text":"hi"})");
  post.set(http::field::host, "rebind.evil.example");
  post.set(http::field::origin, "http://rebind.evil.example");
  const auto response = handle_request(*state, post).response;
  CHECK(response.result() == http::status::forbidden);
  CHECK(error_code_of(response) == "forbidden_origin");

  auto config = test::test_config();
  config.public_origins = {"https://bot.example.in"};
  auto public_state = make_state(config);
  auto own_page = request(http::verb::post, "/v1/ask", R"({"text":"hi"})");
  own_page.set(http::field::origin, "https://bot.example.in");
  CHECK(handle_request(*public_state, own_page).response.result() == http::status::ok);
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
  CHECK(state->assistant().resume(chat.key).has_value());
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
  CHECK_FALSE(state->assistant().resume(chat.key).has_value());
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
  // Decoded as a browser's URLSearchParams encodes.
  CHECK(query_parameter("/admin/unanswered?since=2026-12-01T00%3A00%3A00Z&limit=5", "since") == "2026-12-01T00:00:00Z");
  CHECK(query_parameter("/v1/chat?session", "session").empty());
}

namespace {

boost::asio::ip::address address(const char* text) { return boost::asio::ip::make_address(text); }

}  // namespace

TEST_CASE("POST /v1/ask over a client's rate gets 429 with Retry-After and a JSON error", "[http][rate]") {
  auto config = test::test_config();
  config.http_rate_per_second = 0.5;
  config.http_rate_burst = 5;
  auto state = make_state(config);
  const auto post = request(http::verb::post, "/v1/ask", R"({"text":"hi"})");
  int answered = 0, limited = 0;
  for (int i = 0; i < 300; ++i) {
    const auto response = handle_request(*state, post, address("198.51.100.7")).response;
    if (response.result() == http::status::ok) {
      ++answered;
      continue;
    }
    REQUIRE(response.result() == http::status::too_many_requests);
    CHECK(error_code_of(response) == "rate_limited");
    CHECK(response[http::field::retry_after] == "2");  // one ask per 2 s
    CHECK(response.keep_alive());
    ++limited;
  }
  CHECK(answered == 5);
  CHECK(limited == 295);
  CHECK(state->metrics().render().find("mlops_bot_rejected_messages_total{reason=\"rate_limited\"} 295") !=
        std::string::npos);
  // Another client has its own bucket; health is never limited.
  CHECK(handle_request(*state, post, address("198.51.100.8")).response.result() == http::status::ok);
  CHECK(handle_request(*state, request(http::verb::get, "/healthz"), address("198.51.100.7")).response.result() ==
        http::status::ok);
}

TEST_CASE("X-Forwarded-For names the client only when a trusted proxy sends it", "[http][rate]") {
  auto config = test::test_config();
  config.http_rate_per_second = 0.001;
  config.http_rate_burst = 1;
  config.trusted_proxies = AddressRanges::parse("10.0.0.0/8");
  auto state = make_state(config);
  auto forwarded = [](const char* client) {
    auto post = request(http::verb::post, "/v1/ask", R"({"text":"hi"})");
    post.set("X-Forwarded-For", client);
    return post;
  };
  const auto proxy = address("10.1.2.3");
  // Through the proxy, two clients: one ask each.
  CHECK(handle_request(*state, forwarded("203.0.113.1"), proxy).response.result() == http::status::ok);
  CHECK(handle_request(*state, forwarded("203.0.113.2"), proxy).response.result() == http::status::ok);
  CHECK(handle_request(*state, forwarded("203.0.113.1"), proxy).response.result() == http::status::too_many_requests);
  // A client that is no proxy cannot pick its key with the header.
  const auto direct = address("198.51.100.9");
  CHECK(handle_request(*state, forwarded("203.0.113.50"), direct).response.result() == http::status::ok);
  CHECK(handle_request(*state, forwarded("203.0.113.51"), direct).response.result() ==
        http::status::too_many_requests);
}

TEST_CASE("the client address: the peer, or X-Forwarded-For read back past trusted proxies", "[rate]") {
  const auto trusted = AddressRanges::parse("10.0.0.0/8, 192.168.1.1 fd00::/8");
  auto headers = [](std::vector<std::string> lines) {
    http::fields fields;
    for (const auto& line : lines) fields.insert("X-Forwarded-For", line);
    return fields;
  };
  const auto proxy = address("10.0.0.2");
  CHECK(client_address(address("203.0.113.9"), headers({"198.51.100.1"}), trusted) == address("203.0.113.9"));
  CHECK(client_address(proxy, headers({}), trusted) == proxy);
  CHECK(client_address(proxy, headers({"198.51.100.1"}), trusted) == address("198.51.100.1"));
  // The client may write anything at the start of the list: only the nearest untrusted entry counts.
  CHECK(client_address(proxy, headers({"1.1.1.1, 198.51.100.1, 10.9.9.9"}), trusted) == address("198.51.100.1"));
  CHECK(client_address(proxy, headers({"1.1.1.1", "198.51.100.1, 192.168.1.1"}), trusted) ==
        address("198.51.100.1"));
  CHECK(client_address(proxy, headers({"198.51.100.1:4711"}), trusted) == address("198.51.100.1"));
  CHECK(client_address(proxy, headers({"[2001:db8::5]:4711"}), trusted) == address("2001:db8::5"));
  // Garbage stops the walk at the nearest trusted hop.
  CHECK(client_address(proxy, headers({"198.51.100.1, unknown"}), trusted) == proxy);
  CHECK(client_address(proxy, headers({"10.0.0.7"}), trusted) == address("10.0.0.7"));

  CHECK(trusted.contains(address("10.255.0.1")));
  CHECK(trusted.contains(address("::ffff:10.1.1.1")));
  CHECK(trusted.contains(address("fd12::1")));
  CHECK_FALSE(trusted.contains(address("11.0.0.1")));
  CHECK_FALSE(trusted.contains(address("192.168.1.2")));
  CHECK(AddressRanges::parse("").empty());
  CHECK_THROWS_WITH(AddressRanges::parse("10.0.0.0/33"), Catch::Contains("10.0.0.0/33"));
  CHECK_THROWS_WITH(AddressRanges::parse("10.0.0.0/8,proxy.local"), Catch::Contains("proxy.local"));
  CHECK_THROWS(AddressRanges::parse("::/129"));
  CHECK_THROWS(AddressRanges::parse("10.0.0.0/"));
}

TEST_CASE("client keys: an IPv4 address, an IPv6 /64", "[rate]") {
  CHECK(client_key(address("2001:db8:1:2::1")) == client_key(address("2001:db8:1:2:ffff::9")));
  CHECK_FALSE(client_key(address("2001:db8:1:2::1")) == client_key(address("2001:db8:1:3::1")));
  CHECK(client_key(address("::ffff:192.0.2.1")) == client_key(address("192.0.2.1")));
  CHECK_FALSE(client_key(address("192.0.2.1")) == client_key(address("192.0.2.2")));
  CHECK_FALSE(client_key(address("::")) == client_key(address("0.0.0.0")));
}

TEST_CASE("the client table caps connections per client and stays bounded", "[rate]") {
  ClientTable table({4, 2, 0, 1}, 0);
  const auto a = client_key(address("192.0.2.1")), b = client_key(address("192.0.2.2"));
  CHECK(table.try_open(a));
  CHECK(table.try_open(a));
  CHECK_FALSE(table.try_open(a));
  CHECK(table.try_open(b));
  table.close(a);
  CHECK(table.try_open(a));
  // Many clients without a connection: the least recently active are forgotten.
  for (int i = 0; i < 1000; ++i) table.try_ask(client_key(address(("198.51.100." + std::to_string(i % 250)).c_str())));
  CHECK(table.size() <= 4);
  // Clients with open connections are kept (a and b still count theirs).
  CHECK_FALSE(table.try_open(a));
  table.close(a);
  table.close(a);
  table.close(b);
  CHECK(table.try_open(a));
}

TEST_CASE("the client table's asks: a bucket per client, the wait until the next", "[rate]") {
  const auto start = TokenBucket::Clock::time_point{};
  ClientTable table({100, 0, 2, 2}, 0);
  const auto a = client_key(address("192.0.2.1"));
  CHECK(table.try_ask(a, start).count() == 0);
  CHECK(table.try_ask(a, start).count() == 0);
  CHECK(table.try_ask(a, start).count() == Approx(0.5));
  CHECK(table.try_ask(a, start + 500ms).count() == 0);
  CHECK(table.try_ask(client_key(address("192.0.2.9")), start).count() == 0);
  CHECK(ClientTable({1, 0, 0, 1}, 10).try_ask(a).count() == 0);  // no limit
}

TEST_CASE("request framing: Transfer-Encoding must end in chunked, Host once in HTTP/1.1", "[http][framing]") {
  auto head = [](unsigned version, std::vector<std::pair<http::field, std::string>> fields) {
    http::request_header<> result;
    result.version(version);
    result.method(http::verb::post);
    result.target("/v1/ask");
    for (const auto& [name, value] : fields) result.insert(name, value);
    return result;
  };
  const auto host = std::pair{http::field::host, std::string("bot")};
  auto status = [](const std::optional<FramingError>& error) { return error ? error->status : http::status::ok; };
  CHECK(status(check_framing(head(11, {host}))) == http::status::ok);
  CHECK(status(check_framing(head(11, {host, {http::field::transfer_encoding, "chunked"}}))) == http::status::ok);
  CHECK(status(check_framing(head(11, {host, {http::field::transfer_encoding, " Chunked "}}))) == http::status::ok);
  for (const char* coding : {"xchunked", "chunked, identity", "gzip", "chunked;x=1", "", "chunked, chunked"})
    CHECK(status(check_framing(head(11, {host, {http::field::transfer_encoding, coding}}))) ==
          http::status::bad_request);
  CHECK(status(check_framing(head(11, {host, {http::field::transfer_encoding, "chunked"},
                                       {http::field::transfer_encoding, "identity"}}))) == http::status::bad_request);
  CHECK(status(check_framing(head(11, {host, {http::field::transfer_encoding, "gzip, chunked"}}))) ==
        http::status::not_implemented);
  CHECK(status(check_framing(head(10, {{http::field::transfer_encoding, "chunked"}}))) == http::status::bad_request);
  CHECK(status(check_framing(head(11, {}))) == http::status::bad_request);
  CHECK(status(check_framing(head(11, {host, host}))) == http::status::bad_request);
  CHECK(status(check_framing(head(10, {}))) == http::status::ok);  // HTTP/1.0 needs no Host
}
