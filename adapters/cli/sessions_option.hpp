// `serve --sessions`: where the server keeps conversations.
#pragma once

#include <memory>
#include <string>

#include "adapters/common/json_log.hpp"
#include "adapters/server/server_config.hpp"
#include "adapters/sessions/redis_endpoint.hpp"
#include "bot/conversation_store.hpp"

namespace cli {

// The environment variables that hold the Redis password when the URL has none.
inline constexpr const char* kRedisPasswordVariable = "MLOPS_BOT_REDIS_PASSWORD";  // or ..._FILE

// Whether --sessions names a Redis (redis://...), which the replicas then share.
inline bool is_redis_setting(const std::string& setting) { return setting.starts_with("redis"); }

// The Redis a --sessions redis://... setting names, the password from MLOPS_BOT_REDIS_PASSWORD
// (or ..._FILE) when the URL has none. Throws std::invalid_argument naming --sessions.
adapters::sessions::RedisEndpoint redis_endpoint(const std::string& setting);
// "redis://HOST:PORT/DB": the Redis named for a log, without the password.
std::string redis_location(const adapters::sessions::RedisEndpoint& endpoint);

// "memory": conversations in this process, bounded by config.max_sessions, kept
// config.session_idle. "redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]": in that Redis, shared by
// every replica given the same URL, kept config.session_idle; the password, when the URL has
// none, from MLOPS_BOT_REDIS_PASSWORD or the file MLOPS_BOT_REDIS_PASSWORD_FILE names. The
// Redis store's outages and recoveries are written to `log` (never the password).
// Throws std::invalid_argument naming --sessions when `setting` is neither form.
std::shared_ptr<bot::ConversationStore> make_conversation_store(const std::string& setting,
                                                                const adapters::server::ServerConfig& config,
                                                                const adapters::JsonLog& log);

}  // namespace cli
