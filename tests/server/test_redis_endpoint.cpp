// redis:// URLs: what --sessions accepts, and the messages for what it does not (which never
// repeat a password).
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "adapters/sessions/redis_endpoint.hpp"

using adapters::sessions::RedisEndpoint;

TEST_CASE("a Redis URL gives host, port, database and credentials", "[redis]") {
  auto endpoint = RedisEndpoint::parse("redis://cache.internal");
  CHECK(endpoint.host == "cache.internal");
  CHECK(endpoint.port == 6379);
  CHECK(endpoint.database == 0);
  CHECK(endpoint.password.empty());

  endpoint = RedisEndpoint::parse("redis://127.0.0.1:6380/2");
  CHECK(endpoint.host == "127.0.0.1");
  CHECK(endpoint.port == 6380);
  CHECK(endpoint.database == 2);

  endpoint = RedisEndpoint::parse("redis://:p%40ss:w@rd@redis:7000/");
  CHECK(endpoint.username.empty());
  CHECK(endpoint.password == "p@ss:w@rd");  // the last @ ends the password
  CHECK(endpoint.host == "redis");
  CHECK(endpoint.port == 7000);

  endpoint = RedisEndpoint::parse("redis://bot:secret@[::1]:6390");
  CHECK(endpoint.username == "bot");
  CHECK(endpoint.password == "secret");
  CHECK(endpoint.host == "::1");
  CHECK(endpoint.port == 6390);
}

TEST_CASE("a malformed Redis URL is refused with what is wrong, never the password", "[redis]") {
  const auto message = [](const std::string& url) {
    try {
      RedisEndpoint::parse(url);
    } catch (const std::invalid_argument& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  CHECK_THAT(message("memory"), Catch::Contains("redis://"));
  CHECK_THAT(message("rediss://host"), Catch::Contains("TLS"));
  CHECK_THAT(message("redis://"), Catch::Contains("host is missing"));
  CHECK_THAT(message("redis://:hunter2@"), Catch::Contains("host is missing"));
  CHECK_THAT(message("redis://host:0"), Catch::Contains("port"));
  CHECK_THAT(message("redis://host:65536"), Catch::Contains("port"));
  CHECK_THAT(message("redis://host:99999"), Catch::Contains("port"));
  CHECK_THAT(message("redis://host:80x"), Catch::Contains("port"));
  CHECK_THAT(message("redis://host:"), Catch::Contains("port"));
  CHECK_THAT(message("redis://host/-1"), Catch::Contains("database"));
  CHECK_THAT(message("redis://host/one"), Catch::Contains("database"));
  CHECK_THAT(message("redis://host?db=1"), Catch::Contains("query"));
  CHECK_THAT(message("redis://hunter2@host"), Catch::Contains("USER:PASSWORD"));
  CHECK_THAT(message("redis://:@host"), Catch::Contains("password"));
  CHECK_THAT(message("redis://:hunter2%zz@host"), Catch::Contains("hex"));
  CHECK_THAT(message("redis://ho st"), Catch::Contains("host may hold only"));
  CHECK_THAT(message("redis://[::1"), Catch::Contains("IPv6"));
  CHECK_THAT(message("redis://[::1]x"), Catch::Contains("IPv6"));
  for (const char* url :
       {"redis://:hunter2@", "redis://hunter2@host", "redis://:hunter2%zz@host", "redis://:hunter2@host:99999"})
    CHECK_THAT(message(url), !Catch::Contains("hunter2"));
}
