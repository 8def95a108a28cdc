// The WebSocket chat protocol of docs/protocol.md as a pure function: one incoming message
// and the connection's chat state in, the frame to send back out. No socket.
#pragma once

#include <string>
#include <string_view>

#include "adapters/server/shared_state.hpp"
#include "adapters/server/token_bucket.hpp"
#include "bot/conversation.hpp"

namespace adapters::server {

// What one WebSocket connection remembers: its session and conversation, and its rate limit.
// Not synchronized: used on the connection's strand only.
struct ChatState {
  std::string session;           // the session id told to the client in "hello"
  std::string key;               // conversation_key(session)
  bot::Conversation conversation;
  TokenBucket bucket;

  ChatState(std::string session_id, bot::Conversation resumed, const ServerConfig& config);
};

struct ChatReply {
  std::string frame;           // the JSON text to send
  std::string_view type;       // "answer", "reset" or "error" (for the log)
  std::string_view code;       // the error code, empty otherwise
  std::string intent;          // set for an answer
  double confidence = 0;
};

// {"type":"hello","session":...,"version":...,"resumed":...}
std::string hello_frame(const ChatState& chat, bool resumed);

// Handles one message: "ask" answers it (saving the conversation in state.store()), "reset"
// forgets the conversation; anything else, a binary frame, or a message over the rate limit
// gets an "error" reply. Never throws for bad input. Records metrics.
ChatReply handle_chat_message(SharedState& state, ChatState& chat, std::string_view message, bool binary);

}  // namespace adapters::server
