// The one URL type (adapters/common/url.hpp, Boost.URL) and the parsers built on it: the HTTPS
// client's, the terminal client's ws:// and the Redis endpoint's. An IPv6 literal comes out the
// same in all three: without brackets as a host, in brackets as an authority.
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>

#include "adapters/common/url.hpp"
#include "adapters/sessions/redis_endpoint.hpp"
#include "adapters/terminal/ws_url.hpp"

using adapters::Url;

TEST_CASE("a URL is split into scheme, host, port and target") {
  auto url = Url::parse("https://slack.com/api");
  REQUIRE(url);
  CHECK(url->tls);
  CHECK(url->scheme == "https");
  CHECK(url->host == "slack.com");
  CHECK(url->port == "443");
  CHECK(url->target == "/api");
  CHECK(url->with_path("/chat.postMessage").target == "/api/chat.postMessage");

  url = Url::parse("http://127.0.0.1:9/api/?x=1#ignored");
  REQUIRE(url);
  CHECK_FALSE(url->tls);
  CHECK(url->port == "9");
  CHECK(url->target == "/api/?x=1");
  CHECK(url->with_path("/auth.test").target == "/api/?x=1/auth.test");

  url = Url::parse("wss://wss-primary.slack.com/link/?ticket=abc&app_id=A1");
  REQUIRE(url);
  CHECK(url->authority() == "wss-primary.slack.com:443");
  CHECK(url->target == "/link/?ticket=abc&app_id=A1");

  for (const char* refused : {"ftp://example.com/", "example.com", "https://", "https://:443/", "https://host:0/",
                              "https://host:65536/", "https://host:99999/", "https://host:/", "https://host:port/", "https://host:80x/",
                              "https://[::1]x/", "https://user@host/",
                              "https://exa mple.com/", "https://[v1.x]/"})
    CHECK_FALSE(Url::parse(refused));
}

TEST_CASE("an IPv6 literal host is kept without brackets by every URL parser") {
  auto url = Url::parse("https://[::1]:8443/api");
  REQUIRE(url);
  CHECK(url->host == "::1");
  CHECK(url->port == "8443");
  CHECK(url->host_literal() == "[::1]");
  CHECK(url->authority() == "[::1]:8443");
  url = Url::parse("http://[2001:db8::7]/");
  REQUIRE(url);
  CHECK(url->host == "2001:db8::7");
  CHECK(url->port == "80");
  CHECK_FALSE(Url::parse("http://[::1/"));
  CHECK_FALSE(Url::parse("http://[::g]/"));
  CHECK_FALSE(Url::parse("http://::1/"));

  const auto ws = adapters::terminal::parse_ws_url("wss://[2001:db8::7]/v1/chat");
  REQUIRE(ws);
  CHECK(ws->host == "2001:db8::7");
  CHECK(ws->authority() == "[2001:db8::7]:443");

  const auto redis = adapters::sessions::RedisEndpoint::parse("redis://[2001:db8::7]/3");
  CHECK(redis.host == "2001:db8::7");
  CHECK(redis.port == 6379);
  CHECK(redis.database == 3);
  CHECK_THROWS_WITH(adapters::sessions::RedisEndpoint::parse("redis://[::g]:6379"), Catch::Contains("IPv6"));
  CHECK_THROWS_WITH(adapters::sessions::RedisEndpoint::parse("redis://[v1.x]"), Catch::Contains("IPv6"));
}
