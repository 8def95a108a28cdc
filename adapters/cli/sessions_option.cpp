#include "adapters/cli/sessions_option.hpp"

#include <stdexcept>

#include "adapters/common/secret_environment.hpp"
#include "adapters/sessions/redis_conversation_store.hpp"
#include "bot/memory_conversation_store.hpp"

namespace cli {

namespace server = adapters::server;
namespace sessions = adapters::sessions;

std::shared_ptr<bot::ConversationStore> make_conversation_store(const std::string& setting,
                                                                const server::ServerConfig& config,
                                                                const adapters::JsonLog& log) {
  if (setting == "memory")
    return std::make_shared<bot::MemoryConversationStore>(config.max_sessions, config.session_idle);
  if (!setting.starts_with("redis"))
    throw std::invalid_argument("--sessions (MLOPS_BOT_SESSIONS) must be memory or redis://HOST[:PORT][/DB]");

  sessions::RedisStoreOptions options;
  try {
    options.endpoint = sessions::RedisEndpoint::parse(setting);
  } catch (const std::invalid_argument& error) {
    throw std::invalid_argument(std::string("--sessions (MLOPS_BOT_SESSIONS): ") + error.what());
  }
  if (options.endpoint.password.empty())
    options.endpoint.password = adapters::secret_from_environment(kRedisPasswordVariable);
  options.idle_expiry = config.session_idle;

  // Names the server without the password, for the log.
  const std::string where = "redis://" + options.endpoint.host + ":" + std::to_string(options.endpoint.port) + "/" +
                            std::to_string(options.endpoint.database);
  log.write(server::LogLevel::info, adapters::LogLine().add("event", "session_store").add("store", where));
  return std::make_shared<sessions::RedisConversationStore>(options, [log, where](bool up, std::string_view reason) {
    if (up)
      log.write(server::LogLevel::warn, adapters::LogLine().add("event", "session_store_recovered").add("store", where));
    else
      log.write(server::LogLevel::warn, adapters::LogLine()
                                            .add("event", "session_store_unavailable")
                                            .add("store", where)
                                            .add("error", reason)
                                            .add("effect", "questions are answered without their conversation"));
  });
}

}  // namespace cli
