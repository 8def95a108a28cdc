// How a turn leans on the conversation before it ("and with 8 years?", "what about Pune?").
#pragma once

#include "bot/conversation.hpp"
#include "intents/matcher.hpp"

namespace bot {

// True when this turn continues the previous one: there is a previous topic, and the turn
// either says so ("and ...", "what about ...") or names only entities and no intent of its
// own; a rule as strong as `override_score` still starts a new topic.
bool is_follow_up(const Conversation& previous, const intents::Classification& classification,
                  const intents::Entities& entities, double min_score, double override_score);

// This turn's entities completed with the conversation's: a new years or level replaces both
// (they are one dimension); in a comparison, newly named roles join the earlier ones.
intents::Entities carry_over(const Conversation& previous, intents::Entities current, std::string_view intent);

// Intents whose entities a later turn may build on (not smalltalk, help or out_of_scope).
bool is_topic_intent(std::string_view intent);

}  // namespace bot
