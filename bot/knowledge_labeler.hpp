// The knowledge base's Labeler, answered by the intents module's vocabularies: this is where
// bot/ wires the two modules that do not know each other.
#pragma once

#include "intents/entities.hpp"
#include "intents/normalize.hpp"
#include "intents/vocabulary.hpp"
#include "knowledge/labeler.hpp"
#include "knowledge/roles.hpp"

namespace bot {

class KnowledgeLabeler final : public knowledge::Labeler {
 public:
  KnowledgeLabeler(const intents::Normalizer& normalizer, const intents::EntityExtractor& extractor)
      : normalizer_(normalizer), extractor_(extractor) {}
  std::vector<std::string> labels(std::string_view kind, std::string_view text) const override {
    return extractor_.values(kind, normalizer_(text));
  }
  std::vector<std::vector<std::string>> labels_of_kinds(std::span<const std::string_view> kinds,
                                                        std::string_view text) const override {
    return extractor_.values_of_kinds(kinds, normalizer_(text));
  }

 private:
  const intents::Normalizer& normalizer_;
  const intents::EntityExtractor& extractor_;
};

// Job titles as the knowledge base finds them: words before a head that are stopwords ("the",
// "most") or qualifiers ("senior") are not part of the title.
inline knowledge::RoleLexicon role_lexicon(const intents::Vocabulary& vocabulary) {
  knowledge::RoleLexicon lexicon{vocabulary.occupations().heads, vocabulary.occupations().qualifiers};
  lexicon.qualifiers.insert(lexicon.qualifiers.end(), vocabulary.stopwords().begin(), vocabulary.stopwords().end());
  return lexicon;
}

}  // namespace bot
