#include "adapters/sessions/internal/redis_connection.hpp"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <stdexcept>
#include <vector>

namespace adapters::sessions::internal {
namespace {

timeval to_timeval(std::chrono::milliseconds duration) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(duration);
  return timeval{static_cast<time_t>(seconds.count()),
                 static_cast<suseconds_t>(std::chrono::microseconds(duration - seconds).count())};
}

struct FreeReply {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};

RedisReply read_reply(const redisReply& reply) {
  RedisReply result;
  switch (reply.type) {
    case REDIS_REPLY_STRING:
      result.value.emplace(reply.str, reply.len);
      break;
    case REDIS_REPLY_ERROR:
      result.status = RedisReply::Status::error_reply;
      result.error.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_ARRAY:
      result.elements.reserve(reply.elements);
      for (std::size_t i = 0; i < reply.elements; ++i) result.elements.push_back(read_reply(*reply.element[i]));
      break;
    default:  // nil, a status ("OK"), an integer: nothing the stores read
      break;
  }
  return result;
}

}  // namespace

void RedisConnection::Free::operator()(redisContext* context) const { redisFree(context); }

RedisConnection::RedisConnection(const RedisEndpoint& endpoint, std::chrono::milliseconds connect_timeout,
                                 std::chrono::milliseconds command_timeout)
    : context_(redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port, to_timeval(connect_timeout))) {
  if (!context_) throw std::runtime_error("cannot allocate a Redis connection");
  if (context_->err) throw std::runtime_error(std::string("cannot connect: ") + context_->errstr);
  if (redisSetTimeout(context_.get(), to_timeval(command_timeout)) != REDIS_OK ||
      redisEnableKeepAlive(context_.get()) != REDIS_OK)
    throw std::runtime_error(std::string("cannot set socket options: ") + context_->errstr);
  const auto check = [](const RedisReply& reply, const char* what) {
    if (reply.status != RedisReply::Status::ok) throw std::runtime_error(std::string(what) + ": " + reply.error);
  };
  if (!endpoint.password.empty()) {
    if (endpoint.username.empty())
      check(run({"AUTH", endpoint.password}), "AUTH failed");
    else
      check(run({"AUTH", endpoint.username, endpoint.password}), "AUTH failed");
  }
  if (endpoint.database != 0) check(run({"SELECT", std::to_string(endpoint.database)}), "SELECT failed");
}

RedisReply RedisConnection::run(std::initializer_list<std::string_view> arguments) {
  std::vector<const char*> pointers;
  std::vector<std::size_t> lengths;
  for (const auto argument : arguments) {
    pointers.push_back(argument.data());
    lengths.push_back(argument.size());
  }
  const std::unique_ptr<redisReply, FreeReply> reply(static_cast<redisReply*>(
      redisCommandArgv(context_.get(), static_cast<int>(pointers.size()), pointers.data(), lengths.data())));
  if (!reply) {
    RedisReply result;
    result.status = RedisReply::Status::failed;
    // hiredis reports a read past SO_RCVTIMEO as EAGAIN's text.
    result.error =
        context_->err == REDIS_ERR_IO && std::string_view(context_->errstr) == "Resource temporarily unavailable"
            ? "timed out"
            : context_->errstr;
    return result;
  }
  return read_reply(*reply);
}

}  // namespace adapters::sessions::internal
