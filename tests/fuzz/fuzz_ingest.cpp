// Document ingestion of arbitrary bytes: every format reader the knowledge base has, then the
// facts read out of the passages and their JSON round trip, as `mlops-bot index` does them.
// Input: one document's bytes.
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "bot/knowledge_labeler.hpp"
#include "fuzz_support.hpp"
#include "intents/entities.hpp"
#include "intents/normalize.hpp"
#include "intents/vocabulary.hpp"
#include "knowledge/facts.hpp"
#include "knowledge/ingest.hpp"

namespace {

const std::string kData = std::string(MLOPS_BOT_SOURCE_DIR) + "/intents/data";

// The labeler the index is built with (bot/engine.cpp): normalization without spelling.
struct Labeling {
  std::shared_ptr<const intents::Vocabulary> vocabulary = intents::Vocabulary::load(kData + "/entities.json");
  intents::Normalizer normalize{vocabulary, nullptr};
  intents::EntityExtractor extractor{vocabulary};
  bot::KnowledgeLabeler labeler{normalize, extractor};
};

// Every document reader, each given the same bytes. Today there is one: plain text with or
// without Markdown. A reader for another format (HTML, PDF, ...), or an ingest() that takes the
// format as an argument, gets its line here, one per format it accepts.
using Reader = knowledge::Document (*)(std::string_view doc_id, std::string_view bytes);
constexpr Reader kReaders[] = {
    &knowledge::ingest,
};

void check(const knowledge::Document& document, const knowledge::Labeler& labeler) {
  // ingest.hpp: passage ids are 0-based positions; extract_facts relies on it.
  for (std::size_t i = 0; i < document.passages.size(); ++i)
    FUZZ_CHECK(document.passages[i].id == static_cast<int>(i));
  const auto facts = knowledge::extract_facts(document.passages, labeler);
  const auto json = knowledge::to_json(facts);
  // What the index stores must read back as what was stored.
  FUZZ_CHECK(knowledge::to_json(knowledge::facts_from_json(json)) == json);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Labeling labeling;
  const auto bytes = fuzz::as_text(data, size);
  for (const Reader read : kReaders) check(read("fuzz", bytes), labeling.labeler);
  return 0;
}
