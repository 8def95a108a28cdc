// The stems of each passage's sentences, worked out the first time a question needs that passage
// and kept for the engine's life: ranking a role's sentences by a question's words then costs
// lookups, not a stemming of every word of the role's documents at every question (two thirds of
// a salary question's instructions).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bot/text_match.hpp"
#include "knowledge/filled_once.hpp"
#include "knowledge/knowledge_base.hpp"

namespace bot {

// Thread safety: of() may be called from any number of threads at once. A passage's sentences
// are read without a lock; two threads meeting a new passage at once may both read it, and one
// copy is kept.
class SentenceTerms {
 public:
  // Both must outlive this object.
  SentenceTerms(const knowledge::KnowledgeBase& kb, const TextMatcher& matcher);

  struct Sentence {
    std::string text;                // the sentence, copied: passages are read from the file
    std::uint64_t bits = 0;          // bit_of() each stem: which terms it cannot hold, at once
    std::vector<std::string> stems;  // TextMatcher::stems of the text

    // TextMatcher::overlap(terms, text), with `term_bits[i]` = bit_of(terms[i]).
    int overlap(const std::vector<std::string>& terms, const std::vector<std::uint64_t>& term_bits) const;
  };

  // A paragraph's sentences (knowledge::sentences_of); any other passage (a table row, an item)
  // whole, as one. Empty for an id that is no passage.
  const std::vector<Sentence>& of(int passage) const;

  static std::uint64_t bit_of(std::string_view stem);

 private:
  std::vector<Sentence> read(const knowledge::Passage& passage) const;

  const knowledge::KnowledgeBase& kb_;
  const TextMatcher& matcher_;
  // Passage id -> its sentences once read.
  knowledge::FilledOnce<std::vector<Sentence>> read_;
};

}  // namespace bot
