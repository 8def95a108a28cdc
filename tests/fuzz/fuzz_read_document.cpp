// Document reading of arbitrary bytes, as `mlops-bot index` does it: knowledge::read_document
// in one format, then the facts read out of the passages and their JSON round trip. Built once
// per format the knowledge reader accepts (MLOPS_BOT_FUZZ_FORMAT: fuzz_read_text,
// fuzz_read_markdown, fuzz_read_html, fuzz_read_pdf), so each gets its own corpus and time.
// Input: one document's bytes.
#include <map>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "bot/knowledge_labeler.hpp"
#include "fuzz_support.hpp"
#include "intents/entities.hpp"
#include "intents/normalize.hpp"
#include "intents/vocabulary.hpp"
#include "knowledge/document_reader.hpp"
#include "knowledge/facts.hpp"

namespace {

constexpr auto kFormat = knowledge::DocumentFormat::MLOPS_BOT_FUZZ_FORMAT;
const std::string kData = std::string(MLOPS_BOT_SOURCE_DIR) + "/intents/data";

// The labeler and job-title lexicon the index is built with (bot/engine.cpp): normalization
// without spelling.
struct Labeling {
  std::shared_ptr<const intents::Vocabulary> vocabulary = intents::Vocabulary::load(kData + "/entities.json");
  intents::Normalizer normalize{vocabulary, nullptr};
  intents::EntityExtractor extractor{vocabulary};
  bot::KnowledgeLabeler labeler{normalize, extractor};
  knowledge::RoleLexicon lexicon = bot::role_lexicon(*vocabulary);
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Labeling labeling;
  knowledge::Document document;
  try {
    document = knowledge::read_document("fuzz", fuzz::as_text(data, size), kFormat);
  } catch (const knowledge::UnreadableDocument&) {
    return 0;  // document_reader.hpp: the one way a reader may refuse bytes
  }
  FUZZ_CHECK(document.format == kFormat);
  // Whatever the bytes, what is stored and quoted in answers is UTF-8 (answers are JSON).
  FUZZ_CHECK(fuzz::is_valid_utf8(document.title));
  for (std::size_t i = 0; i < document.passages.size(); ++i) {
    const auto& passage = document.passages[i];
    // document_reader.hpp: passage ids are 0-based positions; extract_facts relies on it.
    FUZZ_CHECK(passage.id == static_cast<int>(i));
    for (const auto* text : {&passage.section, &passage.parent, &passage.group, &passage.text, &passage.caption})
      FUZZ_CHECK(fuzz::is_valid_utf8(*text));
    for (const auto& cell : passage.cells) FUZZ_CHECK(fuzz::is_valid_utf8(cell));
    for (const auto& cell : passage.header) FUZZ_CHECK(fuzz::is_valid_utf8(cell));
  }
  const std::map<std::string, std::string> titles{{document.id, document.title}};
  const auto facts = knowledge::extract_facts(document.passages, titles, labeling.labeler, labeling.lexicon);
  const auto json = knowledge::to_json(facts);
  // What the index stores must read back as what was stored.
  FUZZ_CHECK(knowledge::to_json(knowledge::facts_from_json(json)) == json);
  return 0;
}
