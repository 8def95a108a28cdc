#include "bot/follow_up.hpp"

#include <algorithm>

namespace bot {

bool is_follow_up(const intents::IntentTraits& previous_traits, const intents::Classification& classification,
                  const intents::Entities& entities, double min_score, double override_score) {
  if (!previous_traits.topic) return false;
  if (classification.score >= override_score) return false;
  const bool entities_only = classification.score < min_score && !entities.empty();
  // A marker with a rule of the same intent, or no rule at all, continues; a marker in front of
  // a different, weaker intent ("and for CI/CD?" after tools) continues too.
  return entities_only || (classification.follow_up_marker && (!entities.empty() || classification.score < min_score));
}

intents::Entities carry_over(const Conversation& previous, intents::Entities current,
                             const intents::IntentTraits& traits) {
  intents::Entities older = previous.entities;
  const bool new_experience = current.experience_years || current.level || current.experience_range;
  if (new_experience) {
    older.experience_years.reset();
    older.level.reset();
  }
  if (traits.gathers_roles && !current.role.empty()) {
    auto roles = older.role;
    for (const auto& role : current.role)
      if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
    current.role = std::move(roles);
  }
  current.fill_from(older);
  return current;
}

}  // namespace bot
