// The answer objects the Slack and Discord code paths get from the engine, one JSON line each,
// for check_answers.py to validate against docs/answer.schema.json. Neither adapter sends the
// answer object as JSON: both render it into a message (adapters/slack/slack_message.cpp,
// adapters/discord/discord_message.cpp). So each turn is taken the way those adapters take it
// (SlackBot::ask in adapters/slack/slack_bot.cpp, InteractionsHandler::respond in
// adapters/discord/interactions_handler.cpp): the conversation loaded from a conversation store
// under the adapter's key, the current engine's answer (its help for a blank question), the
// conversation saved back; and the answer is printed as bot::to_json makes it.
//
//   contract_platform_answers < TURNS    each line KEY<TAB>QUESTION; one KEY is one conversation
#include <chrono>
#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <string>

#include "bot/answer.hpp"
#include "bot/engine.hpp"
#include "bot/engine_holder.hpp"
#include "bot/memory_conversation_store.hpp"

int main() try {
  const auto engines = std::make_shared<bot::EngineHolder>(bot::Engine::open(bot::EngineOptions::defaults()));
  // The adapters' store when the server keeps conversations in memory (--sessions memory).
  bot::MemoryConversationStore conversations(10'000, std::chrono::minutes(30));
  for (std::string line; std::getline(std::cin, line);) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) {
      std::cerr << "contract_platform_answers: a line without KEY<TAB>: " << line << "\n";
      return 2;
    }
    const std::string key = line.substr(0, tab), question = line.substr(tab + 1);
    bot::Answer answer;
    if (question.find_first_not_of(" \t\r\n") == std::string::npos) {
      answer = engines->current()->help();
    } else {
      auto conversation = conversations.load(key).value_or(bot::Conversation{});
      answer = engines->current()->ask(conversation, question);
      conversations.save(key, conversation);
    }
    std::cout << bot::serialize(bot::to_json(std::move(answer))) << '\n';
  }
  return 0;
} catch (const std::exception& error) {
  std::cerr << "contract_platform_answers: " << error.what() << "\n";
  return 1;
}
