// Where the vocabulary's roles stand in a question decides what else is read there: a job title
// inside a known role's name is no unknown title, a tool category inside it no tool category.
#include <catch2/catch.hpp>

#include "intents/entities.hpp"
#include "intents/normalize.hpp"
#include "intents/vocabulary.hpp"

namespace {

const std::string kData = std::string(MLOPS_BOT_SOURCE_DIR) + "/intents/data";

struct Fixture {
  std::shared_ptr<const intents::Vocabulary> vocabulary = intents::Vocabulary::load(kData + "/entities.json");
  intents::Normalizer normalize{vocabulary, nullptr};
  intents::EntityExtractor extractor{vocabulary};
  std::vector<std::string> unknown(const std::string& text) { return extractor.unknown_occupations(normalize(text)); }
};

}  // namespace

TEST_CASE("entity spans: titles outside the known roles are unknown, those inside are not", "[entities]") {
  Fixture f;
  CHECK(f.unknown("civil engineer salary").size() == 1);
  CHECK(f.unknown("mlops engineer salary").empty());
  // A known role first, then an unknown title, then the known role again: each span found in turn.
  const auto titles = f.unknown("mlops engineer vs civil engineer vs mlops engineer pay");
  REQUIRE(titles.size() == 1);
  CHECK(titles.front() == "civil engineer");
  const auto two = f.unknown("data scientist or staff nurse or civil engineer");
  CHECK(two.size() == 2);
}

TEST_CASE("entity spans: a tool category inside a role's name is none", "[entities]") {
  Fixture f;
  CHECK_FALSE(f.extractor.extract(f.normalize("cloud engineer salary")).tool_category);
  CHECK(f.extractor.extract(f.normalize("cloud engineer salary")).role.size() == 1);
  CHECK(f.extractor.extract(f.normalize("which cloud tools does a cloud engineer use")).tool_category);
}
