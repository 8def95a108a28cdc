#include "adapters/terminal/local_chat_backend.hpp"

namespace adapters::terminal {

boost::json::object LocalChatBackend::ask(std::string_view text) {
  return bot::to_json(engine_->ask(conversation_, text));
}

boost::json::object LocalChatBackend::feedback(std::string_view, bool, std::string_view) {
  return {{"type", "error"},
          {"code", "no_server"},
          {"message", "feedback is recorded by a server: chat with one (mlops-bot chat ws://HOST:PORT/v1/chat)"}};
}

}  // namespace adapters::terminal
