// TEMPORARY stub so adapters can link while the engine is written; replaced in the next commits.
#include "bot/engine.hpp"

#include <cstdlib>
#include <iostream>

namespace bot {

struct Engine::Impl {};

EngineOptions EngineOptions::defaults() {
  EngineOptions options;
  auto from_env = [](const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return std::filesystem::path(value && *value ? value : fallback);
  };
  options.corpus_dir = from_env("MLOPS_BOT_CORPUS", MLOPS_BOT_DEFAULT_CORPUS);
  options.intents_dir = from_env("MLOPS_BOT_INTENTS", MLOPS_BOT_DEFAULT_INTENTS);
  options.db_path = from_env("MLOPS_BOT_DB", MLOPS_BOT_DEFAULT_DB);
  options.log = &std::cerr;
  return options;
}

std::shared_ptr<const Engine> Engine::open(const EngineOptions&) {
  return std::shared_ptr<const Engine>(new Engine(std::make_unique<Impl>()));
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

Answer Engine::ask(Conversation& conversation, std::string_view text) const {
  ++conversation.turns;
  Answer answer;
  answer.intent = "help";
  answer.confidence = 1.0;
  answer.text = "stub answer to: " + std::string(text.substr(0, 100));
  return answer;
}

Answer Engine::help() const {
  Answer answer;
  answer.intent = "help";
  answer.text = "stub help";
  return answer;
}

std::string_view Engine::version() { return MLOPS_BOT_VERSION; }

}  // namespace bot
