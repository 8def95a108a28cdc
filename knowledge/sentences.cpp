#include "knowledge/sentences.hpp"
#include <string>

namespace knowledge {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// The word that ends at `end` (exclusive), lower case compared: an abbreviation keeps its stop.
bool ends_with_abbreviation(std::string_view text, std::size_t end) {
  std::size_t start = end;
  while (start > 0 && !is_space(text[start - 1]) && text[start - 1] != '(') --start;
  std::string word;
  for (std::size_t i = start; i < end; ++i) word += static_cast<char>(text[i] >= 'A' && text[i] <= 'Z' ? text[i] - 'A' + 'a' : text[i]);
  for (std::string_view abbreviation : {"e.g", "i.e", "rs", "vs", "etc", "approx", "no", "mr", "ms", "dr", "inc", "ltd", "st", "u.s", "b.tech", "m.tech", "ph.d", "sr", "jr"})
    if (word == abbreviation) return true;
  return word.size() == 1;  // an initial: "J. Smith"
}

}  // namespace

std::vector<std::string_view> sentences_of(std::string_view text) {
  std::vector<std::string_view> sentences;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '.' && c != '?' && c != '!') continue;
    if (i + 1 < text.size() && !is_space(text[i + 1])) continue;  // "4.5", "B.Tech"
    if (c == '.' && ends_with_abbreviation(text, i)) continue;
    if (auto sentence = trimmed(text.substr(start, i + 1 - start)); !sentence.empty()) sentences.push_back(sentence);
    start = i + 1;
  }
  if (auto rest = trimmed(text.substr(start)); !rest.empty()) sentences.push_back(rest);
  return sentences;
}

}  // namespace knowledge
