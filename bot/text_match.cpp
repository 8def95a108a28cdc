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

std::string TextMatcher::stem(std::string_view word) {
  std::string out(word);
  auto strip = [&](std::string_view suffix, std::string_view replacement = {}) {
    if (out.size() >= suffix.size() + 3 && out.ends_with(suffix)) {
      out.resize(out.size() - suffix.size());
      out += replacement;
      return true;
    }
    return false;
  };
  strip("ies", "y") || strip("ing") || strip("ed") || strip("es") || strip("s");
  if (out.size() > 4 && out.back() == 'y') out.pop_back();  // "salary" and "salaries" meet at "salar"
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
  std::vector<bool> seen(terms.size(), false);
  for_each_word(text, [&](const std::string& word) {
    const auto stemmed = stem(word);
    for (std::size_t i = 0; i < terms.size(); ++i)
      if (!seen[i] && terms[i] == stemmed) seen[i] = true;
  });
  return static_cast<int>(std::count(seen.begin(), seen.end(), true));
}

}  // namespace bot
