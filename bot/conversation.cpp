#include "bot/conversation.hpp"

#include <boost/json.hpp>

namespace bot {

boost::json::object Conversation::to_json() const {
  return {{"last_intent", last_intent}, {"entities", entities.to_json()}, {"turns", turns}};
}

Conversation Conversation::from_json(const boost::json::object& object) {
  Conversation conversation;
  if (const auto* intent = object.if_contains("last_intent"); intent && intent->is_string())
    conversation.last_intent = std::string(intent->get_string());
  if (const auto* entities = object.if_contains("entities"); entities && entities->is_object())
    conversation.entities = intents::Entities::from_json(entities->get_object());
  if (const auto* turns = object.if_contains("turns"); turns && turns->is_int64())
    conversation.turns = static_cast<int>(turns->get_int64());
  return conversation;
}

}  // namespace bot
