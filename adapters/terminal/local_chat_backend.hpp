// Answers from the engine in this process.
#pragma once

#include <memory>

#include "adapters/terminal/chat_backend.hpp"
#include "bot/engine.hpp"

namespace adapters::terminal {

class LocalChatBackend final : public ChatBackend {
 public:
  explicit LocalChatBackend(std::shared_ptr<const bot::Engine> engine) : engine_(std::move(engine)) {}
  boost::json::object ask(std::string_view text) override;
  void reset() override { conversation_.reset(); }
  // Nothing records it here: an error that says so.
  boost::json::object feedback(std::string_view answer_id, bool helpful, std::string_view comment) override;

 private:
  std::shared_ptr<const bot::Engine> engine_;
  bot::Conversation conversation_;
};

}  // namespace adapters::terminal
