// How a turn leans on the conversation before it ("and with 8 years?", "what about Pune?").
#pragma once

#include "bot/conversation.hpp"
#include "intents/intent_catalogue.hpp"
#include "intents/matcher.hpp"

namespace bot {

// True when this turn continues the previous one: there is a previous topic, and the turn
// either says so ("and ...", "what about ...") or names only entities and no intent of its
// own; a rule as strong as `override_score` still starts a new topic. `previous_traits` are those
// of the conversation's last intent.
bool is_follow_up(const intents::IntentTraits& previous_traits, const intents::Classification& classification,
                  const intents::Entities& entities, double min_score, double override_score);

// This turn's entities completed with the conversation's: a new years or level replaces both
// (they are one dimension); for an intent that "gathers_roles" (a comparison), newly named roles
// join the earlier ones.
intents::Entities carry_over(const Conversation& previous, intents::Entities current,
                             const intents::IntentTraits& traits);

}  // namespace bot
