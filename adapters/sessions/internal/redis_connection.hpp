// One blocking connection to Redis through hiredis, with timeouts; keeps <hiredis.h> out of
// the store's header.
#pragma once

#include <chrono>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/sessions/redis_endpoint.hpp"

struct redisContext;

namespace adapters::sessions::internal {

// What one command came back with.
struct RedisReply {
  enum class Status {
    ok,          // `value` holds a string reply, or is empty for nil, a status, an integer or an array
    failed,      // the connection broke or timed out: it must not be used again
    error_reply  // Redis refused the command (OOM, a wrong password...); the connection is fine
  };
  Status status = Status::ok;
  std::optional<std::string> value;
  std::vector<RedisReply> elements;  // an array reply's elements (XRANGE's entries), each read the same way
  std::string error;  // for failed and error_reply: why, never a secret
};

// Not thread-safe: one user at a time. Move-only.
class RedisConnection {
 public:
  // Connects within `connect_timeout`, then AUTHs and SELECTs as `endpoint` says; each command
  // (those included) may take `command_timeout`. Throws std::runtime_error with the reason.
  // The host name is resolved before the timeout starts: resolution uses the system's own.
  RedisConnection(const RedisEndpoint& endpoint, std::chrono::milliseconds connect_timeout,
                  std::chrono::milliseconds command_timeout);

  // Sends one command; each argument goes as a binary-safe bulk string.
  RedisReply run(std::initializer_list<std::string_view> arguments);

 private:
  struct Free {
    void operator()(redisContext* context) const;
  };
  std::unique_ptr<redisContext, Free> context_;
};

}  // namespace adapters::sessions::internal
