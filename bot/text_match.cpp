#include "bot/text_match.hpp"

#include <algorithm>

namespace bot {
namespace {

template <typename Each>
void for_each_word(std::string_view text, Each each) {
  std::string word;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : ' ';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '#') {
      word += c;
    } else if (!word.empty()) {
      each(word);
      word.clear();
    }
  }
}

}  // namespace

TextMatcher::TextMatcher(std::unordered_set<std::string> stopwords,
                         std::unordered_map<std::string, std::vector<std::string>> synonyms)
    : stopwords_(std::move(stopwords)), synonyms_(std::move(synonyms)) {}

namespace {

// A word's stem without building it: word[0, length), then a 'y' when `y`.
struct StemOf {
  std::size_t length;
  bool y;
};

StemOf stem_of(std::string_view word) {
  StemOf stem{word.size(), false};
  auto strip = [&](std::string_view suffix, bool to_y) {
    if (word.size() >= suffix.size() + 3 && word.ends_with(suffix)) {
      stem = {word.size() - suffix.size(), to_y};
      return true;
    }
    return false;
  };
  strip("ies", true) || strip("ing", false) || strip("ed", false) || strip("es", false) || strip("s", false);
  // "salary" and "salaries" meet at "salar"
  if (stem.length + stem.y > 4) {
    if (stem.y)
      stem.y = false;
    else if (word[stem.length - 1] == 'y')
      --stem.length;
  }
  return stem;
}

bool is_stem(const std::string& term, std::string_view word, StemOf stem) {
  return term.size() == stem.length + stem.y && word.compare(0, stem.length, term, 0, stem.length) == 0 &&
         (!stem.y || term.back() == 'y');
}

}  // namespace

std::string TextMatcher::stem(std::string_view word) {
  const auto stem = stem_of(word);
  std::string out(word.substr(0, stem.length));
  if (stem.y) out += 'y';
  return out;
}

std::vector<std::string> TextMatcher::terms(std::string_view text) const {
  std::vector<std::string> terms;
  auto add = [&](const std::string& word) {
    auto stemmed = stem(word);
    if (std::find(terms.begin(), terms.end(), stemmed) == terms.end()) terms.push_back(std::move(stemmed));
  };
  for_each_word(text, [&](const std::string& word) {
    if (word.size() < 2 || stopwords_.contains(word)) return;
    add(word);
    if (const auto it = synonyms_.find(word); it != synonyms_.end())
      for (const auto& synonym : it->second) add(synonym);
  });
  return terms;
}

int TextMatcher::overlap(const std::vector<std::string>& terms, std::string_view text) const {
  if (terms.empty()) return 0;
  // Each word's stem is compared where it stands, never built (a string a word, at every question).
  std::vector<bool> seen(terms.size(), false);
  for_each_word(text, [&](const std::string& word) {
    const auto stem = stem_of(word);
    for (std::size_t i = 0; i < terms.size(); ++i)
      if (!seen[i] && is_stem(terms[i], word, stem)) seen[i] = true;
  });
  return static_cast<int>(std::count(seen.begin(), seen.end(), true));
}

std::vector<std::string> TextMatcher::stems(std::string_view text) const {
  std::vector<std::string> stems;
  for_each_word(text, [&](const std::string& word) { stems.push_back(stem(word)); });
  std::sort(stems.begin(), stems.end());
  stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
  return stems;
}

}  // namespace bot
