// The engine's memo of normalized suggestions gives the normalizer's answer, remembered or not.
#include <catch2/catch.hpp>

#include "bot/normalized_texts.hpp"
#include "intents/vocabulary.hpp"

namespace {

const std::string kData = std::string(MLOPS_BOT_SOURCE_DIR) + "/intents/data";

}  // namespace

TEST_CASE("normalized texts: the normalizer's verdict, the first time and from memory", "[normalized_texts]") {
  const intents::Normalizer normalize(intents::Vocabulary::load(kData + "/entities.json"), nullptr);
  const bot::NormalizedTexts texts(normalize, 2);
  const std::string question = normalize("What's the CTC for 3yrs exp?");
  for (int round = 0; round < 2; ++round) {
    CHECK(texts.normalizes_to("what's the CTC for 3yrs exp", question));
    CHECK_FALSE(texts.normalizes_to("What does a fresher earn?", question));
  }
  // Beyond its capacity it still answers, without remembering.
  CHECK(texts.normalizes_to("  WHAT'S THE CTC FOR 3 YRS EXP!! ", question));
  CHECK_FALSE(texts.normalizes_to("What is MLOps?", question));
  CHECK(texts.normalizes_to("What is MLOps?", normalize("what is mlops")));
}
