// The first steps of a question, without the knowledge base: normalization, entity extraction,
// the vocabularies' label lookups, intent classification, and the reading of a long post for
// its main question. Input: one message's raw bytes.
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "fuzz_support.hpp"
#include "intents/entities.hpp"
#include "intents/matcher.hpp"
#include "intents/normalize.hpp"
#include "intents/question_focus.hpp"
#include "intents/spelling.hpp"
#include "intents/vocabulary.hpp"

namespace {

const std::string kData = std::string(MLOPS_BOT_SOURCE_DIR) + "/intents/data";

struct Intents {
  std::shared_ptr<const intents::Vocabulary> vocabulary = intents::Vocabulary::load(kData + "/entities.json");
  std::shared_ptr<const intents::Matcher> matcher = intents::Matcher::load(kData + "/intents.json");
  // The engine corrects towards the corpus's words too; the lexicon alone keeps this harness
  // free of the knowledge base, and the Engine::ask harness covers the full list.
  std::shared_ptr<const intents::SpellingCorrector> speller =
      std::make_shared<intents::SpellingCorrector>(vocabulary->lexicon(), intents::WordSet::of(vocabulary->stopwords()));
  intents::Normalizer normalize{vocabulary, speller};
  intents::EntityExtractor extractor{vocabulary};
};

// normalize.hpp: valid UTF-8, only words separated by single spaces.
void check_normalized(const std::string& normalized) {
  FUZZ_CHECK(fuzz::is_valid_utf8(normalized));
  FUZZ_CHECK(normalized.find("  ") == std::string::npos);
  FUZZ_CHECK(normalized.empty() || (normalized.front() != ' ' && normalized.back() != ' '));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Intents f;
  const auto input = fuzz::as_text(data, size);
  const std::string normalized = f.normalize(input);
  check_normalized(normalized);
  // The same bytes across the kMaxInputBytes cut, which must fall between characters; spaces
  // in front cost little, unlike a fuzzer growing its inputs to 4 KB.
  check_normalized(f.normalize(std::string(intents::Normalizer::kMaxInputBytes - 2, ' ') + std::string(input)));

  const auto entities = f.extractor.extract(normalized);
  (void)entities.to_json();
  (void)f.extractor.lone_number(normalized);
  for (const auto& [kind, entries] : f.vocabulary->kinds()) (void)f.extractor.values(kind, normalized);
  (void)f.matcher->classify(normalized, entities);

  // question_focus.hpp: the sentences are views into the message, and a post is read for one
  // normalized question with at most kMaxOtherQuestions others.
  for (const auto& sentence : intents::split_sentences(input))
    FUZZ_CHECK(sentence.text.data() >= input.data() && sentence.text.data() + sentence.text.size() <= input.data() + input.size());
  const auto focus = intents::read_question(input, f.normalize, f.extractor, *f.matcher);
  check_normalized(focus.normalized);
  FUZZ_CHECK(focus.other_questions.size() <= intents::kMaxOtherQuestions);
  return 0;
}
