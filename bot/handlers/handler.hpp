// One handler per intent: the understood question in, the answer object out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bot/answer.hpp"
#include "bot/role_directory.hpp"
#include "bot/sentence_terms.hpp"
#include "bot/text_match.hpp"
#include "intents/entities.hpp"
#include "knowledge/knowledge_base.hpp"

namespace bot {

// What a handler may read. Everything is owned by the engine's snapshot or the call.
struct HandlerContext {
  const knowledge::KnowledgeBase& kb;
  const intents::EntityExtractor& extractor;  // to read labels ("factor", ...) off the question
  const intents::Entities& entities;          // this turn's, with what the conversation carried
  std::string_view question;                  // normalized
  const RoleDirectory& roles;                 // the roles the documents name
  const TextMatcher& matcher;                 // the question's words against a passage's
  std::string role;                           // the role asked about: named, carried or the default; may be empty
  std::vector<std::string> unknown_titles;    // titles the documents never name ("civil engineer")
  const SentenceTerms& sentences;             // the passages' sentences and their stems, read once
};

// Fills text, data, sources and suggestions; the engine sets intent, confidence and entities.
using Handler = void (*)(const HandlerContext&, Answer&);

// The handler of `intent`, or nullptr for an unknown name.
Handler handler_for(std::string_view intent);

// Every intent a handler answers, for checking them against the data.
std::vector<std::string_view> handled_intents();

void answer_salary_estimate(const HandlerContext&, Answer&);
void answer_salary_compare(const HandlerContext&, Answer&);
void answer_salary_factors(const HandlerContext&, Answer&);
void answer_salary_trends(const HandlerContext&, Answer&);
void answer_responsibilities(const HandlerContext&, Answer&);
void answer_skills(const HandlerContext&, Answer&);
void answer_qualifications(const HandlerContext&, Answer&);
void answer_tools(const HandlerContext&, Answer&);
void answer_topic(const HandlerContext&, Answer&);
void answer_demand(const HandlerContext&, Answer&);
void answer_greet(const HandlerContext&, Answer&);
void answer_thanks(const HandlerContext&, Answer&);
void answer_bye(const HandlerContext&, Answer&);
void answer_help(const HandlerContext&, Answer&);
void answer_out_of_scope(const HandlerContext&, Answer&);

}  // namespace bot
