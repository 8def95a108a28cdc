// The knowledge base's Labeler, answered by the intents module's vocabularies: this is where
// bot/ wires the two modules that do not know each other.
#pragma once

#include "intents/entities.hpp"
#include "intents/normalize.hpp"
#include "knowledge/labeler.hpp"

namespace bot {

class KnowledgeLabeler final : public knowledge::Labeler {
 public:
  KnowledgeLabeler(const intents::Normalizer& normalizer, const intents::EntityExtractor& extractor)
      : normalizer_(normalizer), extractor_(extractor) {}
  std::vector<std::string> labels(std::string_view kind, std::string_view text) const override {
    return extractor_.values(kind, normalizer_(text));
  }

 private:
  const intents::Normalizer& normalizer_;
  const intents::EntityExtractor& extractor_;
};

}  // namespace bot
