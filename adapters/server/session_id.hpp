// Session ids: the key under which a web conversation (WebSocket or POST /v1/ask) is kept.
#pragma once

#include <string>
#include <string_view>

namespace adapters::server {

// 32 random hex digits (128 bits), so an id cannot be guessed. Thread-safe.
std::string new_session_id();

// What a client may send as a session id: 1 to 64 of [A-Za-z0-9_-].
bool is_valid_session_id(std::string_view id);

// The ConversationStore key of a web session; the prefix keeps it apart from other
// adapters' keys (Slack threads, Discord channels) in a shared store.
std::string conversation_key(std::string_view session_id);

}  // namespace adapters::server
