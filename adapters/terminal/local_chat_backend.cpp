#include "adapters/terminal/local_chat_backend.hpp"

namespace adapters::terminal {

boost::json::object LocalChatBackend::ask(std::string_view text) {
  return bot::to_json(engine_->ask(conversation_, text));
}

}  // namespace adapters::terminal
