// The first steps of a question, without the knowledge base: normalization, entity extraction,
// the vocabularies' label lookups and intent classification. Input: one question's raw bytes.
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "fuzz_support.hpp"
#include "intents/entities.hpp"
#include "intents/matcher.hpp"
#include "intents/normalize.hpp"
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
      std::make_shared<intents::SpellingCorrector>(vocabulary->lexicon(), vocabulary->stopwords());
  intents::Normalizer normalize{vocabulary, speller};
  intents::EntityExtractor extractor{vocabulary};
};

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF.
bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    std::uint32_t codepoint = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next >> 6) != 0x2) return false;
      codepoint = (codepoint << 6) | (next & 0x3F);
    }
    constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (codepoint < kSmallest[length] || codepoint > 0x10FFFF || (codepoint >= 0xD800 && codepoint <= 0xDFFF))
      return false;
    i += length;
  }
  return true;
}

// normalize.hpp: valid UTF-8, only words separated by single spaces.
void check_normalized(const std::string& normalized) {
  FUZZ_CHECK(is_valid_utf8(normalized));
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
  return 0;
}
