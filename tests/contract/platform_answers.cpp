// The answer objects the Slack and Discord code paths get, one JSON line each, for
// check_answers.py to validate against docs/answer.schema.json. Neither adapter sends the answer
// object as JSON: both render it into a message (adapters/slack/slack_message.cpp,
// adapters/discord/discord_message.cpp). Both take their turns through bot::Assistant (the help
// for a blank question, else ask() under the adapter's conversation key and channel), so each
// turn here is taken through it the same way, and the answer printed as bot::to_json makes it.
//
//   contract_platform_answers < TURNS    each line KEY<TAB>QUESTION; one KEY is one conversation,
//                                        its prefix ("slack:" or "discord:") the channel
#include <chrono>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "bot/answer.hpp"
#include "bot/assistant.hpp"
#include "bot/engine.hpp"
#include "bot/engine_holder.hpp"
#include "bot/memory_conversation_store.hpp"

int main() try {
  // The adapters' store when the server keeps conversations in memory (--sessions memory).
  const bot::Assistant assistant(
      std::make_shared<bot::EngineHolder>(bot::Engine::open(bot::EngineOptions::defaults())),
      std::make_shared<bot::MemoryConversationStore>(10'000, std::chrono::minutes(30)));
  for (std::string line; std::getline(std::cin, line);) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) {
      std::cerr << "contract_platform_answers: a line without KEY<TAB>: " << line << "\n";
      return 2;
    }
    const std::string key = line.substr(0, tab), question = line.substr(tab + 1);
    const auto channel = key.starts_with("discord:") ? bot::Channel::discord : bot::Channel::slack;
    std::optional<bot::Answer> answer;
    if (question.find_first_not_of(" \t\r\n") == std::string::npos) {
      answer = assistant.help();
    } else if (auto turn = assistant.ask(channel, key, question)) {
      answer = std::move(turn->answer);
    }
    if (!answer) {
      std::cerr << "contract_platform_answers: no engine to answer with\n";
      return 1;
    }
    std::cout << bot::serialize(bot::to_json(std::move(*answer))) << '\n';
  }
  return 0;
} catch (const std::exception& error) {
  std::cerr << "contract_platform_answers: " << error.what() << "\n";
  return 1;
}
