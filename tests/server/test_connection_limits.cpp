// The server's defences on the wire, in process on loopback: per-client connection caps, the
// request-head deadline, the reserve that keeps health answering when the chat is full, and
// request framing that cannot be smuggled past. Clients are told apart by their source
// address: any of 127.0.0.0/8 reaches a server on 127.0.0.1.
#include <iterator>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "server_fixture.hpp"
#include "test_client.hpp"

namespace http = boost::beast::http;
using test::RawConnection;
using namespace std::chrono_literals;

namespace {

http::request<http::string_body> get(std::string target) {
  http::request<http::string_body> request{http::verb::get, target, 11};
  request.set(http::field::host, "127.0.0.1");
  return request;
}

http::request<http::string_body> ask() {
  http::request<http::string_body> request{http::verb::post, "/v1/ask", 11};
  request.set(http::field::host, "127.0.0.1");
  request.set(http::field::content_type, "application/json");
  request.body() = R"({"text":"hi"})";
  return request;
}

// The number of HTTP responses in `bytes` (their status lines).
int responses_in(const std::string& bytes) {
  const std::regex status_line("HTTP/1\\.[01] [0-9]{3} ");
  return static_cast<int>(std::distance(std::sregex_iterator(bytes.begin(), bytes.end(), status_line), {}));
}

}  // namespace

TEST_CASE("one client gets at most its cap of connections — others are still served", "[limits][connections]") {
  auto config = test::test_config();
  config.max_client_connections = 50;
  config.max_connections = 1000;
  config.header_timeout = 60s;  // the idle connections must outlive the test
  test::RunningServer server(config);
  std::vector<std::unique_ptr<RawConnection>> connections;
  for (int i = 0; i < 60; ++i) connections.push_back(std::make_unique<RawConnection>(server.port()));
  // The server accepts in order: the last ten are over the cap and closed at once, silently.
  for (std::size_t i = 50; i < 60; ++i) {
    const auto received = connections[i]->read_until_close(3s);
    REQUIRE(connections[i]->closed_by_server());
    CHECK(received.empty());
  }
  // The fifty within the cap are served.
  for (std::size_t i = 0; i < 50; i += 7) CHECK(connections[i]->request(get("/healthz")).result() == http::status::ok);
  // Another address is another client.
  CHECK(test::http_request(server.port(), ask(), "127.0.0.2").result() == http::status::ok);
  const auto metrics = test::http_request(server.port(), get("/metrics"), "127.0.0.3").body();
  CHECK(metrics.find("mlops_bot_rejected_messages_total{reason=\"client_connection_limit\"} 10") != std::string::npos);
}

TEST_CASE("a WebSocket counts against its client's cap too", "[limits][connections]") {
  auto config = test::test_config();
  config.max_client_connections = 2;
  test::RunningServer server(config);
  test::WsClient first(server.port());
  test::WsClient second(server.port());
  RawConnection third(server.port());
  third.read_until_close(3s);
  CHECK(third.closed_by_server());
  first.close();
  // The slot is given back when the WebSocket ends, a moment after its close handshake.
  bool served = false;
  for (const auto until = std::chrono::steady_clock::now() + 5s; !served && std::chrono::steady_clock::now() < until;) {
    RawConnection again(server.port());
    try {
      served = again.request(get("/healthz")).result() == http::status::ok;
    } catch (const boost::system::system_error&) {
      // closed: the first WebSocket's end has not been processed yet; try again
    }
  }
  CHECK(served);
}

TEST_CASE("behind a trusted proxy the cap counts X-Forwarded-For's clients, not the proxy", "[limits][connections]") {
  auto config = test::test_config();
  config.max_client_connections = 2;
  config.trusted_proxies = adapters::server::AddressRanges::parse("127.0.0.0/8");
  test::RunningServer server(config);
  // The proxy's own connections are not capped.
  std::vector<std::unique_ptr<RawConnection>> pooled;
  for (int i = 0; i < 5; ++i) {
    pooled.push_back(std::make_unique<RawConnection>(server.port()));
    CHECK(pooled.back()->request(get("/healthz")).result() == http::status::ok);
  }
  const test::ExtraHeaders alice = {{"X-Forwarded-For", "203.0.113.1"}};
  test::WsClient one(server.port(), "/v1/chat", {}, alice);
  test::WsClient two(server.port(), "/v1/chat", {}, alice);
  try {
    test::WsClient three(server.port(), "/v1/chat", {}, alice);
    FAIL("a third WebSocket for the same client should be refused");
  } catch (const boost::system::system_error&) {
  }
  test::WsClient bob(server.port(), "/v1/chat", {}, {{"X-Forwarded-For", "203.0.113.2"}});
  CHECK(bob.next().has_value());
}

TEST_CASE("slowloris: heads that never end are dropped — health answers while the chat is full",
          "[limits][connections]") {
  auto config = test::test_config();
  config.max_connections = 20;
  config.reserve_connections = 4;
  config.header_timeout = 2s;
  test::RunningServer server(config);
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < 20; ++i) {
    slow.push_back(std::make_unique<RawConnection>(server.port()));
    slow.back()->send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: ");  // and never the rest
  }
  // Every slot is taken: the reserve answers probes and scrapers, and 503 to the chat.
  CHECK(test::http_request(server.port(), get("/healthz"), "127.0.0.2").result() == http::status::ok);
  CHECK(test::http_request(server.port(), get("/readyz"), "127.0.0.2").result() == http::status::ok);
  CHECK(test::http_request(server.port(), get("/metrics"), "127.0.0.2").result() == http::status::ok);
  const auto refused = test::http_request(server.port(), ask(), "127.0.0.2");
  CHECK(refused.result() == http::status::service_unavailable);
  CHECK(refused.body().find("overloaded") != std::string::npos);
  // The head deadline frees the slots: each slow connection is closed after two seconds.
  for (auto& connection : slow) {
    connection->read_until_close(5s);
    CHECK(connection->closed_by_server());
  }
  CHECK(test::http_request(server.port(), ask(), "127.0.0.2").result() == http::status::ok);
}

TEST_CASE("past the slots and the reserve a connection is closed at once", "[limits][connections]") {
  auto config = test::test_config();
  config.max_connections = 2;
  config.reserve_connections = 1;
  config.header_timeout = 60s;
  test::RunningServer server(config);
  RawConnection a(server.port()), b(server.port()), reserve(server.port());
  RawConnection over(server.port());
  over.read_until_close(3s);
  CHECK(over.closed_by_server());
  // The reserve connection answers one probe, then closes.
  CHECK(reserve.request(get("/healthz")).result() == http::status::ok);
  reserve.read_until_close(3s);
  CHECK(reserve.closed_by_server());
}

TEST_CASE("a body after its head, pipelined requests and chunked bodies are each answered once", "[limits][framing]") {
  test::RunningServer server;
  const std::string body = R"({"text":"hi"})";
  const std::string head = "POST /v1/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
  const std::string whole = head + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  RawConnection connection(server.port());
  connection.send(head + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n");
  connection.send(body.substr(0, 5));
  connection.send(body.substr(5));
  CHECK(connection.read_response().result() == http::status::ok);
  RawConnection pipelined(server.port());
  pipelined.send(whole + whole + head + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + "d\r\n" + body +
                 "\r\n0\r\n\r\n");
  const auto received = pipelined.read_until_close(5s);
  CHECK(pipelined.closed_by_server());
  CHECK(responses_in(received) == 3);
  CHECK(received.find("HTTP/1.1 4") == std::string::npos);
}

TEST_CASE("a body that does not come is given up after --http-timeout", "[limits][connections]") {
  auto config = test::test_config();
  config.http_timeout = 1s;
  config.header_timeout = 60s;
  test::RunningServer server(config);
  RawConnection connection(server.port());
  connection.send("POST /v1/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 13\r\n\r\n{\"te");
  connection.read_until_close(5s);
  CHECK(connection.closed_by_server());
}

TEST_CASE("desync: a Transfer-Encoding that does not end in chunked gets 400 and the connection closes",
          "[limits][framing]") {
  test::RunningServer server;
  // The "body" is a whole second request: read as such, it would be answered too.
  const std::string smuggled = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  for (const std::string coding : {"xchunked", "chunked, identity", "gzip"}) {
    INFO(coding);
    RawConnection connection(server.port());
    connection.send("POST /v1/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: " + coding +
                    "\r\nContent-Type: application/json\r\n\r\n" + smuggled);
    const auto received = connection.read_until_close(5s);
    CHECK(connection.closed_by_server());
    CHECK(received.starts_with("HTTP/1.1 400"));
    CHECK(responses_in(received) == 1);
    CHECK(received.find("\"bad_request\"") != std::string::npos);
  }
}

TEST_CASE("HTTP/1.1 without Host, or with two, gets 400 and the connection closes", "[limits][framing]") {
  test::RunningServer server;
  for (const std::string head :
       {"GET /healthz HTTP/1.1\r\n\r\n", "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n"}) {
    INFO(head);
    RawConnection connection(server.port());
    connection.send(head + "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    const auto received = connection.read_until_close(5s);
    INFO(received);
    CHECK(connection.closed_by_server());
    CHECK(received.starts_with("HTTP/1.1 400"));
    CHECK(responses_in(received) == 1);
  }
  // HTTP/1.0 may leave Host out.
  RawConnection old(server.port());
  old.send("GET /healthz HTTP/1.0\r\n\r\n");
  CHECK(old.read_until_close(5s).starts_with("HTTP/1.0 200"));
}

TEST_CASE("a page on a DNS-rebinding name does not get the chat", "[limits][cors]") {
  // rebind.evil.example resolves to this server: the browser sends Host and Origin that agree.
  auto upgrade = [](const std::string& host, const std::string& origin) {
    http::request<http::string_body> request{http::verb::get, "/v1/chat", 11};
    request.set(http::field::host, host);
    request.set(http::field::origin, origin);
    request.set(http::field::connection, "Upgrade");
    request.set(http::field::upgrade, "websocket");
    request.set(http::field::sec_websocket_version, "13");
    request.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
    return request;
  };
  test::RunningServer server;
  RawConnection rebound(server.port());
  const auto refused = rebound.request(upgrade("rebind.evil.example", "http://rebind.evil.example"));
  CHECK(refused.result() == http::status::forbidden);
  CHECK(refused.body().find("forbidden_origin") != std::string::npos);
  // The server's own pages are allowed by their configured public origin.
  auto config = test::test_config();
  config.public_origins = {"http://bot.example.in"};
  test::RunningServer public_server(config);
  RawConnection own_page(public_server.port());
  CHECK(own_page.request(upgrade("bot.example.in", "http://bot.example.in")).result() ==
        http::status::switching_protocols);
}
