#include "adapters/cli/sessions_option.hpp"

#include <stdexcept>

#include "adapters/common/secret_environment.hpp"
#include "adapters/sessions/redis_conversation_store.hpp"
#include "bot/memory_conversation_store.hpp"

namespace cli {

namespace server = adapters::server;
namespace sessions = adapters::sessions;

sessions::RedisEndpoint redis_endpoint(const std::string& setting) {
  sessions::RedisEndpoint endpoint;
  try {
    endpoint = sessions::RedisEndpoint::parse(setting);
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument(std::string("--sessions (MLOPS_BOT_SESSIONS): ") + error.what());
  }
  if (endpoint.password.empty()) endpoint.password = adapters::secret_from_environment(kRedisPasswordVariable);
  return endpoint;
}

std::string redis_location(const sessions::RedisEndpoint& endpoint) {
  return "redis://" + endpoint.host + ":" + std::to_string(endpoint.port) + "/" + std::to_string(endpoint.database);
}

std::shared_ptr<bot::ConversationStore> make_conversation_store(const std::string& setting,
                                                                const server::ServerConfig& config,
                                                                const adapters::JsonLog& log) {
  if (setting == "memory")
    return std::make_shared<bot::MemoryConversationStore>(config.max_sessions, config.session_idle);
  if (!is_redis_setting(setting))
    throw std::invalid_argument("--sessions (MLOPS_BOT_SESSIONS) must be memory or redis://HOST[:PORT][/DB]");

  sessions::RedisStoreOptions options;
  options.endpoint = redis_endpoint(setting);
  options.idle_expiry = config.session_idle;

  const std::string where = redis_location(options.endpoint);
  log.write(adapters::LogLevel::info, adapters::LogLine().add("event", "session_store").add("store", where));
  return std::make_shared<sessions::RedisConversationStore>(options, [log, where](bool up, std::string_view reason) {
    if (up)
      log.write(adapters::LogLevel::warn, adapters::LogLine().add("event", "session_store_recovered").add("store", where));
    else
      log.write(adapters::LogLevel::warn, adapters::LogLine()
                                            .add("event", "session_store_unavailable")
                                            .add("store", where)
                                            .add("error", reason)
                                            .add("effect", "questions are answered without their conversation"));
  });
}

}  // namespace cli
