// Where conversations live between questions, keyed by whatever an adapter calls one
// (a WebSocket session id, a Slack team/channel/thread, a Discord channel/user).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "bot/conversation.hpp"

namespace bot {

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
};

}  // namespace bot
