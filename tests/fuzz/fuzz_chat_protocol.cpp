// The WebSocket chat protocol's message handling (docs/protocol.md), without a socket: each
// message through handle_chat_message on one connection's state, as a session does it.
// Input: the text frames of one connection, one per line (at most 8).
#include <boost/json.hpp>

#include "adapters/server/chat_protocol.hpp"
#include "bot/memory_conversation_store.hpp"
#include "fuzz_support.hpp"

namespace {

adapters::server::SharedState& shared_state() {
  static adapters::server::SharedState state = [] {
    adapters::server::ServerConfig config;
    config.rate_per_second = 0;  // the rate limit would refuse most of a fuzzer's messages
    config.log_level = adapters::server::LogLevel::off;
    auto store = std::make_shared<bot::MemoryConversationStore>(config.max_sessions, config.session_idle);
    return adapters::server::SharedState(config, fuzz::engines(), store, {});
  }();
  return state;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto& shared = shared_state();
  adapters::server::ChatState chat("fuzz", bot::Conversation{}, shared.config());
  for (const auto message : fuzz::lines(fuzz::as_text(data, size), 8)) {
    const auto reply = adapters::server::handle_chat_message(shared, chat, message, false);
    // Every message gets one JSON object back, of a type the protocol names.
    const auto frame = boost::json::parse(reply.frame);
    FUZZ_CHECK(frame.is_object());
    const auto* type = frame.get_object().if_contains("type");
    FUZZ_CHECK(type && type->is_string() && type->get_string() == reply.type);
    FUZZ_CHECK(reply.type == "answer" || reply.type == "reset" || reply.type == "error");
  }
  // A binary frame is refused whatever it holds.
  FUZZ_CHECK(adapters::server::handle_chat_message(shared, chat, fuzz::as_text(data, size), true).type == "error");
  return 0;
}
