// Where a Redis server is and how to log in to it, read from a redis:// URL.
#pragma once

#include <string>
#include <string_view>

namespace adapters::sessions {

struct RedisEndpoint {
  std::string host;            // a name, an IPv4 address, or an IPv6 address without brackets
  unsigned short port = 6379;  // Redis's own default
  int database = 0;            // SELECTed on every connection
  std::string username;        // a Redis 6 ACL user; empty: the default user
  std::string password;        // empty: no AUTH

  // Parses redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]. HOST may be an IPv6 address in
  // brackets; USER and PASSWORD are percent-decoded. Throws std::invalid_argument saying what
  // is wrong; the message never repeats the URL, which may hold a password.
  static RedisEndpoint parse(std::string_view url);
};

}  // namespace adapters::sessions
