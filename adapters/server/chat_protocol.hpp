// The WebSocket chat protocol of docs/protocol.md as a pure function: one incoming message
// and the connection's chat state in, the frame to send back out. No socket.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/server/shared_state.hpp"
#include "adapters/server/token_bucket.hpp"
#include "bot/conversation.hpp"
#include "bot/learning_record.hpp"

namespace adapters::server {

// What one WebSocket connection remembers: its session and conversation, and its rate limit.
// Not synchronized: used on the connection's strand only.
struct ChatState {
  std::string session;           // the session id told to the client in "hello"
  std::string key;               // conversation_key(session)
  bot::Conversation conversation;
  TokenBucket bucket;
  bot::Channel channel;          // terminal when the upgrade said ?client=terminal, else ws

  ChatState(std::string session_id, bot::Conversation resumed, const ServerConfig& config,
            bot::Channel channel = bot::Channel::ws);
};

struct ChatReply {
  std::string frame;           // the JSON text to send
  std::string_view type;       // "answer", "feedback", "reset" or "error" (for the log)
  std::string_view code;       // the error code, empty otherwise
  std::string intent;          // set for an answer
  double confidence = 0;
};

// {"type":"hello","session":...,"version":...,"resumed":...}
std::string hello_frame(const ChatState& chat, bool resumed);

// Handles one message: "ask" answers it through state.assistant() (which saves the conversation
// and records the turn for learning), "feedback" records a verdict on an answer, "reset" forgets the
// conversation; anything else, a binary frame, or a message over the rate limit gets an "error"
// reply. Never throws for bad input. Records metrics.
ChatReply handle_chat_message(SharedState& state, ChatState& chat, std::string_view message, bool binary);

// The reply to `message` when the assistant's threads are full (the store may block, see
// bot/assistant.hpp): an "error" frame with code "busy", and the message's id when it has a valid one.
ChatReply busy_chat_reply(SharedState& state, std::string_view message);

// Whether a client may send `code` in a close frame (RFC 6455 §7.4 and IANA's registry): 1000-1003,
// 1007-1014 and 3000-4999. 0-999, 1004-1006, 1015, 1016-2999 and 5000 and above are not.
bool is_valid_close_code(std::uint16_t code);

// Whether `key` is a Sec-WebSocket-Key: 16 bytes in base64, which is 22 characters of the
// alphabet and "==" (RFC 6455 §4.1, the check §4.2.1 asks of a server).
bool is_valid_websocket_key(std::string_view key);

}  // namespace adapters::server
