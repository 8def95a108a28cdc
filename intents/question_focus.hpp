// Finds what a message asks when it says more than one thing: a long post ("I'm in 3rd year of
// B.Tech ... stumbled on MLOps ... what skills do I need?") is answered by its main question,
// not by the context around it; its other questions can be offered as suggestions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "intents/entities.hpp"
#include "intents/matcher.hpp"

namespace intents {

class Normalizer;

// One sentence of a message, as written (a view into the message).
struct Sentence {
  std::string_view text;
  bool question_mark = false;  // ends with "?"
};

// Splits raw text at sentence ends ("." "?" "!" "।" followed by a space or the end, and line
// breaks), leaving "3.5", "vs." and "e.g." alone. Empty pieces are dropped; one sentence
// without any end mark is returned whole.
std::vector<Sentence> split_sentences(std::string_view raw);

// What a message asks, read for the engine.
struct Focus {
  // The text the intent was read from, normalized: the main question, preceded by the sentences
  // before it when it names no subject of its own ("what is the skillset required for this?").
  // For a message of one sentence, the whole message.
  std::string normalized;
  // The main question's entities, completed with what the rest of the message says about the
  // asker (experience, level, city, industry, company type, certification) and, when the question
  // names no subject, with the subjects the message names (role, skill, tool category).
  Entities entities;
  Classification classification;
  // The message's other question sentences, as written, in order, each one the matcher
  // understands on its own: suggestions a person can tap. Empty for a message of one sentence;
  // at most kMaxOtherQuestions.
  std::vector<std::string> other_questions;
};

// Of a post's question sentences, only the last this many are tried as the main question
// (a post of hundreds of "why?" costs no more than one of eight).
inline constexpr std::size_t kMaxQuestionsConsidered = 8;
inline constexpr std::size_t kMaxOtherQuestions = 3;

// Reads `raw` (cut at Normalizer::kMaxInputBytes) as the engine does: a message of one sentence
// is normalized, its entities extracted and classified as a whole. In a longer one, the main
// question is the last question sentence (ending in "?" or worded as a question: "what ...",
// "can someone ...", "I want to know ...", "kya/kaise/kitna ...") that a rule understands; when
// none does, the whole message if a rule understands it, else the last question sentence; when
// there is no question sentence, the whole message.
// Costs one normalization, entity extraction and classification per sentence.
// Thread safety: as safe as the three objects it is given (all are immutable).
Focus read_question(std::string_view raw, const Normalizer& normalize, const EntityExtractor& extractor,
                    const Matcher& matcher);

}  // namespace intents
