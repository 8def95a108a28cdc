// What a conversation remembers between turns: the last intent and the entities so far.
#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "intents/ask_back.hpp"
#include "intents/entities.hpp"

namespace bot {

// A plain value: a store (memory, Redis) may copy it, serialize it and keep it anywhere.
// Not synchronized: one question of a conversation is answered at a time.
struct Conversation {
  std::string last_intent;   // empty before the first answer
  intents::Entities entities;
  int turns = 0;
  // After the bot asked back ("the pay difference, or how the work differs?"), until the next
  // turn: the message it asked about (as written, at most kMaxQuestionBytes) and the options.
  // Choosing an option answers that message as the option's intent.
  std::string asked_about;
  std::vector<intents::AskBack::Option> ask_back_options;

  void reset() { *this = Conversation{}; }
  boost::json::object to_json() const;
  static Conversation from_json(const boost::json::object& object);
};

}  // namespace bot
