#include "bot/conversation.hpp"

#include <boost/json.hpp>

namespace bot {

boost::json::object Conversation::to_json() const {
  boost::json::object object{{"last_intent", last_intent}, {"entities", entities.to_json()}, {"turns", turns}};
  if (!asked_about.empty()) {
    boost::json::array options;
    for (const auto& option : ask_back_options) options.push_back({{"intent", option.intent}, {"text", option.text}});
    object["asked_back"] = {{"text", asked_about}, {"options", std::move(options)}};
  }
  return object;
}

Conversation Conversation::from_json(const boost::json::object& object) {
  Conversation conversation;
  if (const auto* intent = object.if_contains("last_intent"); intent && intent->is_string())
    conversation.last_intent = std::string(intent->get_string());
  if (const auto* entities = object.if_contains("entities"); entities && entities->is_object())
    conversation.entities = intents::Entities::from_json(entities->get_object());
  if (const auto* turns = object.if_contains("turns"); turns && turns->is_int64())
    conversation.turns = static_cast<int>(turns->get_int64());
  // A malformed "asked_back" (another version's, a damaged store) is dropped: the turn is read afresh.
  if (const auto* asked = object.if_contains("asked_back"); asked && asked->is_object()) {
    const auto* text = asked->get_object().if_contains("text");
    const auto* options = asked->get_object().if_contains("options");
    if (text && text->is_string() && options && options->is_array()) {
      for (const auto& option : options->get_array()) {
        const auto* intent = option.is_object() ? option.get_object().if_contains("intent") : nullptr;
        const auto* label = option.is_object() ? option.get_object().if_contains("text") : nullptr;
        if (intent && intent->is_string() && label && label->is_string())
          conversation.ask_back_options.push_back(
              {std::string(intent->get_string()), std::string(label->get_string())});
      }
      conversation.asked_about = std::string(text->get_string());
      if (conversation.asked_about.empty()) conversation.ask_back_options.clear();
    }
  }
  return conversation;
}

}  // namespace bot
