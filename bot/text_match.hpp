// Which words of a question a sentence holds: the measure the handlers rank passages and
// figures by when the documents' structure alone does not say which one answers.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace bot {

// Immutable after construction; shared by every thread.
class TextMatcher {
 public:
  TextMatcher(std::unordered_set<std::string> stopwords,
              std::unordered_map<std::string, std::vector<std::string>> synonyms);

  // The stems of a text's content words, each once, with its synonyms' stems
  // ("hires" -> "hire", "employer", "hiring").
  std::vector<std::string> terms(std::string_view text) const;

  // How many of `terms` the text holds (compared as stems).
  int overlap(const std::vector<std::string>& terms, std::string_view text) const;

  // The stems of every word of a text as overlap() compares them, sorted, each once: overlap()
  // is the number of `terms` among them.
  std::vector<std::string> stems(std::string_view text) const;

  // A crude English stem: "salaries" -> "salar", "hiring" -> "hir", "engineers" -> "engineer".
  static std::string stem(std::string_view word);

 private:
  std::unordered_set<std::string> stopwords_;
  std::unordered_map<std::string, std::vector<std::string>> synonyms_;
};

}  // namespace bot
