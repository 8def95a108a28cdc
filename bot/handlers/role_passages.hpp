// The passages of a role's documents on one topic (its responsibilities, skills, ...).
#pragma once

#include <string>
#include <vector>

#include "bot/handlers/handler.hpp"

namespace bot {

// The passages of a section on `topic` that speaks of `role` (sub-sections of it follow): of
// several ("Educational Qualifications", "Top Certifications"), the one whose title holds the
// most of the question's words, else the first. Empty when the documents have none for the role.
std::vector<int> role_section(const HandlerContext& ctx, const std::string& topic, const std::string& role);

// The sentences of `ids` (their items whole), best for the question first when `rank` is set,
// at most `limit`: for sections written as prose.
struct RankedSentence {
  std::string text;
  int passage;
  int score;
};
std::vector<RankedSentence> ranked_sentences(const HandlerContext& ctx, const std::vector<int>& ids,
                                             std::size_t limit);
// The same, scored by `terms` (TextMatcher::terms) rather than all the question's words.
std::vector<RankedSentence> ranked_sentences(const HandlerContext& ctx, const std::vector<int>& ids,
                                             std::size_t limit, const std::vector<std::string>& terms);

// The passages of every document about `role`: where to look when no section has the topic.
std::vector<int> role_passages(const HandlerContext& ctx, const std::string& role);

}  // namespace bot
