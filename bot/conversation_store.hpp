// Where conversations live between questions, keyed by whatever an adapter calls one
// (a WebSocket session id, a Slack team/channel/thread, a Discord channel/user).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bot/conversation.hpp"

namespace bot {

// How a store's backing service is doing, for monitoring.
struct StoreHealth {
  bool up = true;            // its last operation succeeded
  std::uint64_t errors = 0;  // operations that failed, or were skipped while it was unreachable
};

// Thread safety: every implementation may be called from any number of threads at once.
class ConversationStore {
 public:
  virtual ~ConversationStore() = default;
  // The conversation under `key`, or an empty optional when there is none (never stored,
  // expired after the idle timeout, or evicted to keep the store bounded).
  virtual std::optional<Conversation> load(std::string_view key) = 0;
  // Stores `conversation` under `key`, restarting its idle timer.
  virtual void save(std::string_view key, const Conversation& conversation) = 0;
  virtual void erase(std::string_view key) = 0;
  // A store that cannot fail (one in process memory) is always up with no errors. A store that
  // can fail never lets it reach the caller: load() then returns empty and save() does nothing,
  // and health() says so.
  virtual StoreHealth health() const { return {}; }
  // Whether a call may wait for something outside the process (a network round trip): callers
  // on threads that serve other connections then call it from a thread of its own.
  virtual bool may_block() const { return false; }
};

}  // namespace bot
