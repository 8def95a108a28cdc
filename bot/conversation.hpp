// What a conversation remembers between turns: the last intent and the entities so far.
#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "intents/entities.hpp"

namespace bot {

// A plain value: a store (memory, Redis) may copy it, serialize it and keep it anywhere.
// Not synchronized: one question of a conversation is answered at a time.
struct Conversation {
  std::string last_intent;   // empty before the first answer
  intents::Entities entities;
  int turns = 0;

  void reset() { *this = Conversation{}; }
  boost::json::object to_json() const;
  static Conversation from_json(const boost::json::object& object);
};

}  // namespace bot
