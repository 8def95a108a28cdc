// The real server in process on an ephemeral loopback port, driven by real Beast clients.
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "raw_websocket.hpp"
#include "server_fixture.hpp"
#include "test_client.hpp"

namespace json = boost::json;
using test::WsClient;

namespace {

json::object hello_of(WsClient& client) {
  auto hello = client.next();
  REQUIRE(hello.has_value());
  REQUIRE(hello->at("type") == "hello");
  return *hello;
}

json::object answer_to(WsClient& client, const std::string& id, const std::string& text) {
  client.ask(id, text);
  auto answer = client.next();
  REQUIRE(answer.has_value());
  return *answer;
}

double salary_field(const json::object& answer, const char* field) {
  return answer.at("data").at("salary").at(field).to_number<double>();
}

}  // namespace

TEST_CASE("hello, then an answer for each ask with its id", "[ws]") {
  test::RunningServer server;
  WsClient client(server.port());
  const auto hello = hello_of(client);
  CHECK(hello.at("session").as_string().size() == 32);
  CHECK(hello.at("version").is_string());
  CHECK(hello.at("resumed") == false);

  const auto answer = answer_to(client, "c1", "hi");
  CHECK(answer.at("type") == "answer");
  CHECK(answer.at("id") == "c1");
  for (const char* field : {"intent", "entities", "text", "data", "sources", "suggestions", "answer_id"})
    CHECK(answer.contains(field));
  CHECK(answer_to(client, "c2", "what is iaas").at("id") == "c2");
}

TEST_CASE("answers come back in the order asked", "[ws]") {
  test::RunningServer server;
  WsClient client(server.port());
  hello_of(client);
  for (int i = 0; i < 20; ++i) client.ask("q" + std::to_string(i), i % 2 ? "hi" : "what is mlops");
  for (int i = 0; i < 20; ++i) {
    auto answer = client.next();
    REQUIRE(answer.has_value());
    CHECK(answer->at("id") == json::value("q" + std::to_string(i)));
  }
}

TEST_CASE("a follow-up continues the conversation", "[ws][engine]") {
  test::RunningServer server;
  WsClient client(server.port());
  hello_of(client);
  const auto first = answer_to(client, "a1", "What does an MLOps engineer with 3 years experience earn?");
  CHECK(salary_field(first, "min_lpa") == 10);
  CHECK(salary_field(first, "max_lpa") == 20);
  const auto second = answer_to(client, "a2", "and with 8 years?");
  CHECK(salary_field(second, "min_lpa") == 20);
  CHECK(salary_field(second, "max_lpa") == 40);
}

TEST_CASE("reconnecting with ?session= resumes the conversation", "[ws][engine]") {
  test::RunningServer server;
  std::string session;
  {
    WsClient client(server.port());
    session = std::string(hello_of(client).at("session").as_string());
    answer_to(client, "a1", "What does an MLOps engineer with 3 years experience earn?");
    client.close();
  }
  WsClient again(server.port(), "/v1/chat?session=" + session);
  const auto hello = hello_of(again);
  CHECK(hello.at("session") == json::value(session));
  CHECK(hello.at("resumed") == true);
  const auto follow_up = answer_to(again, "a2", "and with 8 years?");
  CHECK(salary_field(follow_up, "min_lpa") == 20);
  CHECK(salary_field(follow_up, "max_lpa") == 40);
}

TEST_CASE("a resumed session is told so, an unknown one starts fresh under its id", "[ws]") {
  test::RunningServer server;
  std::string session;
  {
    WsClient client(server.port());
    session = std::string(hello_of(client).at("session").as_string());
    answer_to(client, "a1", "hi");
  }
  WsClient again(server.port(), "/v1/chat?session=" + session);
  CHECK(hello_of(again).at("resumed") == true);
  WsClient fresh(server.port(), "/v1/chat?session=my-own-id");
  const auto hello = hello_of(fresh);
  CHECK(hello.at("session") == "my-own-id");
  CHECK(hello.at("resumed") == false);
  WsClient invalid(server.port(), "/v1/chat?session=bad%20id");
  CHECK(hello_of(invalid).at("session") != "bad%20id");
}

TEST_CASE("reset starts a new conversation", "[ws]") {
  test::RunningServer server;
  WsClient client(server.port());
  const auto session = hello_of(client).at("session");
  answer_to(client, "a1", "hi");
  client.send({{"type", "reset"}, {"id", "r1"}});
  auto reply = client.next();
  REQUIRE(reply.has_value());
  CHECK(reply->at("type") == "reset");
  CHECK(reply->at("id") == "r1");
  CHECK(reply->at("session") == session);
  CHECK(answer_to(client, "a2", "hi").at("type") == "answer");
}

TEST_CASE("reset forgets what the conversation knew", "[ws][engine]") {
  test::RunningServer server;
  WsClient client(server.port());
  hello_of(client);
  answer_to(client, "a1", "What does an MLOps engineer with 3 years experience earn?");
  client.send({{"type", "reset"}});
  client.next();
  const auto answer = answer_to(client, "a2", "and with 8 years?");
  // Without the earlier turn, "and with 8 years?" no longer names a role's salary band.
  const bool continued = answer.at("intent").at("name") == "salary.estimate" &&
                         answer.at("entities").as_object().contains("role");
  CHECK_FALSE(continued);
}

TEST_CASE("bad messages get an error and the connection stays open", "[ws][limits]") {
  test::RunningServer server;
  WsClient client(server.port());
  hello_of(client);
  auto error_code = [&] {
    auto reply = client.next();
    REQUIRE(reply.has_value());
    CHECK(reply->at("type") == "error");
    return std::string(reply->at("code").as_string());
  };
  client.send_text("this is not json");
  CHECK(error_code() == "bad_request");
  client.send({{"type", "bogus"}});
  CHECK(error_code() == "unknown_type");
  client.send({{"type", "ask"}, {"id", "x"}});
  CHECK(error_code() == "bad_request");
  client.send({{"text", "no type"}});
  CHECK(error_code() == "bad_request");
  client.send_binary(std::string("\x01\x02\x03", 3));
  CHECK(error_code() == "bad_request");
  client.ask("big", std::string(bot::kMaxQuestionBytes + 1, 'x'));
  CHECK(error_code() == "too_large");
  CHECK(answer_to(client, "a3", "hi").at("id") == "a3");
}

TEST_CASE("a message over the size limit closes with 1009", "[ws][limits]") {
  test::RunningServer server;
  // A client still writing its message when the server closes must get the close frame, not a
  // reset: the server drains what it sends. Several rounds, as a reset would come only sometimes.
  for (int round = 0; round < 8; ++round) {
    WsClient client(server.port());
    hello_of(client);
    REQUIRE_NOTHROW(client.ask("b", std::string(100000, 'x')));
    CHECK(client.wait_for_close() == 1009);
    CHECK_FALSE(client.is_open());
  }
}

TEST_CASE("invalid UTF-8 in a text frame closes with 1007", "[ws][limits]") {
  test::RunningServer server;
  WsClient client(server.port());
  hello_of(client);
  client.send_text(std::string("{\xff\xfe}"));
  CHECK(client.wait_for_close() == 1007);
}

TEST_CASE("over the rate limit messages get rate_limited, and the connection stays", "[ws][limits]") {
  auto config = test::test_config();
  config.rate_per_second = 0.001;
  config.rate_burst = 3;
  test::RunningServer server(config);
  WsClient client(server.port());
  hello_of(client);
  for (int i = 0; i < 5; ++i) client.ask("r" + std::to_string(i), "hi");
  for (int i = 0; i < 5; ++i) {
    auto reply = client.next();
    REQUIRE(reply.has_value());
    CHECK(reply->at("id") == json::value("r" + std::to_string(i)));
    CHECK(reply->at("type") == (i < 3 ? "answer" : "error"));
    if (i >= 3) CHECK(reply->at("code") == "rate_limited");
  }
  CHECK(client.is_open());
}

TEST_CASE("a WebSocket from a foreign origin is refused with 403", "[ws][cors]") {
  test::RunningServer server;
  try {
    WsClient client(server.port(), "/v1/chat", "https://evil.example.com");
    FAIL("the upgrade should have been refused");
  } catch (const boost::system::system_error&) {
  }
  WsClient local(server.port(), "/v1/chat", "http://localhost:8080");
  hello_of(local);
}

TEST_CASE("connections over the limit get 503, but health still answers", "[ws][limits]") {
  auto config = test::test_config();
  config.max_connections = 2;
  test::RunningServer server(config);
  WsClient first(server.port());
  hello_of(first);
  WsClient second(server.port());
  hello_of(second);
  test::http::request<test::http::string_body> ask{test::http::verb::post, "/v1/ask", 11};
  ask.body() = R"({"text":"hi"})";
  CHECK(test::http_request(server.port(), ask).result() == test::http::status::service_unavailable);
  // A liveness probe must not restart a pod that is only busy.
  test::http::request<test::http::string_body> health{test::http::verb::get, "/healthz", 11};
  CHECK(test::http_request(server.port(), health).result() == test::http::status::ok);
  try {
    WsClient third(server.port());
    FAIL("a third chat should have been refused");
  } catch (const boost::system::system_error&) {
  }
  first.close();
  second.close();
}

TEST_CASE("a client that does not read is disconnected", "[ws][limits]") {
  auto config = test::test_config();
  config.rate_per_second = 0;
  config.write_queue_limit = 4;
  test::RunningServer server(config);
  WsClient client(server.port());
  client.socket().set_option(test::net::socket_base::receive_buffer_size(4096));
  hello_of(client);
  // Ask without reading until the server gives up on us.
  bool dropped = false;
  try {
    for (int i = 0; i < 500000 && !dropped; ++i) client.ask(std::to_string(i), "what is mlops");
  } catch (const boost::system::system_error&) {
    dropped = true;
  }
  CHECK(dropped);
  CHECK(server.state().metrics().render().find("reason=\"slow_client\"") != std::string::npos);
}

TEST_CASE("200 connections x 20 questions: every answer matched to its id", "[ws][load]") {
  auto config = test::test_config();
  config.rate_per_second = 0;
  test::RunningServer server(config);
  std::vector<std::unique_ptr<WsClient>> clients;
  for (int c = 0; c < 200; ++c) {
    clients.push_back(std::make_unique<WsClient>(server.port()));
    REQUIRE(clients.back()->next().has_value());
  }
  const char* questions[] = {"salary for 3 years", "mlops vs devops pay", "what is iaas", "tools for model serving",
                             "hi"};
  std::atomic<int> answered{0}, wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 20; ++k) {
        for (std::size_t c = static_cast<std::size_t>(t); c < clients.size(); c += 8)
          clients[c]->ask("c" + std::to_string(c) + "-" + std::to_string(k), questions[k % 5]);
        for (std::size_t c = static_cast<std::size_t>(t); c < clients.size(); c += 8) {
          auto answer = clients[c]->next();
          if (answer && answer->at("type") == "answer" &&
              answer->at("id") == json::value("c" + std::to_string(c) + "-" + std::to_string(k)))
            ++answered;
          else
            ++wrong;
        }
      }
    });
  for (auto& thread : threads) thread.join();
  CHECK(wrong == 0);
  CHECK(answered == 200 * 20);
}

TEST_CASE("a graceful stop closes WebSockets with 1001 after the answers in flight", "[ws][shutdown]") {
  auto server = std::make_unique<test::RunningServer>();
  WsClient client(server->port());
  hello_of(client);
  client.ask("last", "hi");
  auto answer = client.next();
  REQUIRE(answer.has_value());
  std::thread stopper([&] { server->stop(); });
  CHECK(client.wait_for_close() == 1001);
  stopper.join();
}

TEST_CASE("a flood of pings or pongs is closed with 1008 while other clients are answered", "[ws][limits]") {
  auto config = test::test_config();
  config.rate_per_second = 0;  // the other client asks as fast as it can
  test::RunningServer server(config);
  // Each round floods 20,000 control frames in one write; the server may answer the pings it
  // reads before the budget runs out (kControlFrameBurst), and a few more while the close is
  // queued, but no more.
  struct Round {
    int close_code = 0;
    int pongs = 0;
  };
  std::vector<Round> rounds;
  std::atomic<bool> flooding{true};
  std::thread flooder([&] {
    for (int round = 0; round < 6; ++round) {
      const int opcode = round % 2 ? 0xA : 0x9;  // unsolicited pongs count as pings do
      test::RawWebSocket client(server.port());
      Round result;
      if (client.status() == 101 && client.next()) {
        std::string flood;
        for (int i = 0; i < 20000; ++i) flood += test::RawWebSocket::frame(opcode, "");
        client.send_bytes(flood);
        std::optional<test::RawFrame> frame;
        while ((frame = client.next()) && frame->opcode == 0xA) ++result.pongs;
        if (frame) result.close_code = frame->close_code();
      }
      rounds.push_back(result);
    }
    flooding = false;
  });
  WsClient other(server.port());
  hello_of(other);
  int answered = 0;
  while (flooding || answered < 5) {
    const auto answer = answer_to(other, "o" + std::to_string(answered), "what is mlops");
    CHECK(answer.at("type") == "answer");
    ++answered;
  }
  flooder.join();
  REQUIRE(rounds.size() == 6);
  for (const auto& round : rounds) {
    CHECK(round.close_code == 1008);
    CHECK(round.pongs <= 30);
  }
  CHECK(server.state().metrics().render().find("reason=\"control_flood\"} 6") != std::string::npos);
}

TEST_CASE("a WebSocket without a message for the idle timeout is closed with 1001, pings or not", "[ws][limits]") {
  using namespace std::chrono_literals;
  auto config = test::test_config();
  config.chat_idle_timeout = 2s;
  test::RunningServer server(config);
  test::RawWebSocket client(server.port());
  REQUIRE(client.status() == 101);
  REQUIRE(client.next().has_value());  // hello

  // Asks keep it open past the timeout: one every half second for 2.5 s.
  auto last_answer = std::chrono::steady_clock::now();
  for (int i = 0; i < 6; ++i) {
    if (i > 0) std::this_thread::sleep_for(500ms);
    client.send_frame(0x1, R"({"type":"ask","id":"k","text":"hi"})");
    const auto answer = client.next();
    REQUIRE(answer.has_value());
    REQUIRE(answer->opcode == 0x1);
    last_answer = std::chrono::steady_clock::now();
  }
  // Pings do not: the client pings every 200 ms (as a keep-alive would, and as it would answer
  // the server's pings), and is closed 2 s after its last message all the same.
  std::optional<test::RawFrame> frame;
  while (std::chrono::steady_clock::now() - last_answer < 8s) {
    client.send_frame(0x9, "still there?");
    frame = client.next();
    if (!frame || frame->opcode != 0xA) break;
    std::this_thread::sleep_for(200ms);
  }
  const auto idle = std::chrono::steady_clock::now() - last_answer;
  REQUIRE(frame.has_value());
  CHECK(frame->close_code() == 1001);
  CHECK(frame->payload.find("idle") != std::string::npos);
  CHECK(idle >= 1500ms);
  CHECK(idle < 5s);
  CHECK(server.state().metrics().render().find("reason=\"idle_timeout\"} 1") != std::string::npos);
}

TEST_CASE("a close code RFC 6455 does not allow is answered with 1002, an allowed one echoed", "[ws][protocol]") {
  test::RunningServer server;
  const auto answer_to_close = [&](int code) {
    test::RawWebSocket client(server.port());
    REQUIRE(client.status() == 101);
    REQUIRE(client.next().has_value());  // hello
    client.send_close(code);
    const auto answer = client.next();
    REQUIRE(answer.has_value());
    return answer->close_code();
  };
  for (const int code : {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 9999, 65535}) {
    INFO("close code " << code);
    CHECK(answer_to_close(code) == 1002);
  }
  for (const int code : {1000, 1001, 1003, 1011, 3000, 4000, 4999}) {
    INFO("close code " << code);
    CHECK(answer_to_close(code) == code);
  }
  CHECK(server.state().metrics().render().find("reason=\"bad_close_code\"} 11") != std::string::npos);
}

TEST_CASE("an upgrade whose Sec-WebSocket-Key is not 16 bytes in base64 gets 400", "[ws][protocol]") {
  test::RunningServer server;
  const std::string header = "Sec-WebSocket-Key: ";
  for (const std::string& key_headers : {
           header + "c2hvcnQ=\r\n",                  // 5 bytes
           header + "x\r\n",                         // one character
           header + "dGhlIHNhbXBsZSBub25jZQ\r\n",    // 16 bytes without the padding
           header + "AAAAAAAAAAAAAAAAAAAAAAA=\r\n",  // 17 bytes
           header + "!!!!!!!!!!!!!!!!!!!!!!==\r\n",  // 24 characters, not base64
           header + "dGhlIHNhbXBsZSBub25jZQ==\r\n" + header + "dGhlIHNhbXBsZSBub25jZQ==\r\n",  // twice
           std::string(),                            // none
       }) {
    INFO(key_headers);
    CHECK(test::RawWebSocket(server.port(), key_headers).status() == 400);
  }
  for (const char* key : {"dGhlIHNhbXBsZSBub25jZQ==", "AAAAAAAAAAAAAAAAAAAAAA==", "+/+/+/+/+/+/+/+/+/+/+w=="}) {
    INFO(key);
    test::RawWebSocket client(server.port(), header + key + "\r\n");
    CHECK(client.status() == 101);
    const auto hello = client.next();
    REQUIRE(hello.has_value());
    CHECK(hello->payload.find("\"hello\"") != std::string::npos);
  }
}
