// The crude stemmer, and overlap() against the stems a sentence is indexed by (bot::SentenceTerms).
#include <algorithm>

#include <catch2/catch.hpp>

#include "bot/text_match.hpp"

TEST_CASE("text match: stems", "[text_match]") {
  const std::pair<const char*, const char*> cases[] = {
      {"salaries", "salar"}, {"salary", "salar"},   {"babies", "baby"},     {"hiring", "hir"},
      {"engineers", "engineer"}, {"played", "play"}, {"plays", "play"},     {"day", "day"},
      {"ties", "tie"},       {"boxes", "box"},      {"companies", "compan"}, {"yes", "yes"},
      {"company", "compan"}, {"is", "is"},          {"", ""},               {"ssss", "sss"},
      {"tying", "tying"},    {"studying", "stud"},  {"bodies", "body"},     {"analyses", "analys"}};
  for (const auto& [word, stem] : cases) {
    INFO(word);
    CHECK(bot::TextMatcher::stem(word) == stem);
  }
}

TEST_CASE("text match: overlap counts the terms among a text's stems", "[text_match]") {
  const bot::TextMatcher matcher({"the", "a", "of"}, {{"hires", {"employer", "hiring"}}});
  const std::string question = "Which companies are hiring MLOps engineers, and what salaries do they pay?";
  const auto terms = matcher.terms(question);
  for (const std::string text :
       {"Top companies hire engineers at high salary bands.", "The company's salaries: 10-20 LPA.", "Nothing here.",
        "HIRING! Engineer, engineers; Salary?", "mlops"}) {
    const auto stems = matcher.stems(text);
    const auto held = std::count_if(terms.begin(), terms.end(), [&](const std::string& term) {
      return std::binary_search(stems.begin(), stems.end(), term);
    });
    INFO(text);
    CHECK(matcher.overlap(terms, text) == held);
  }
  CHECK(matcher.overlap(terms, "Companies hiring engineers for salaries") == 4);
  CHECK(matcher.overlap({}, "anything") == 0);
}
