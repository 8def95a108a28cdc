#include "knowledge/fts_query.hpp"

#include <algorithm>

namespace knowledge {
namespace {

bool is_term_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

// A quoted FTS5 string; a '"' inside would be doubled, but terms never hold one.
std::string quoted(std::string_view term) { return "\"" + std::string(term) + "\""; }

}  // namespace

FtsQuery build_fts_query(std::string_view text, const QueryVocabulary& vocabulary) {
  std::vector<std::string> words;
  for (std::size_t i = 0; i < text.size();) {
    while (i < text.size() && !is_term_byte(text[i])) ++i;
    std::size_t end = i;
    while (end < text.size() && is_term_byte(text[end])) ++end;
    if (end > i) {
      std::string word(text.substr(i, std::min(end - i, kMaxTermBytes)));
      // A cut must not leave half a UTF-8 sequence: drop trailing continuation/lead bytes.
      while (!word.empty() && static_cast<unsigned char>(word.back()) >= 0x80 && end - i > kMaxTermBytes)
        word.pop_back();
      if (!word.empty() && !vocabulary.stopwords.contains(word) &&
          std::find(words.begin(), words.end(), word) == words.end())
        words.push_back(std::move(word));
    }
    i = end;
    if (words.size() == kMaxQueryTerms) break;
  }

  FtsQuery query;
  query.word_count = static_cast<int>(words.size());
  if (std::any_of(words.begin(), words.end(), [&](const auto& word) { return !vocabulary.common.contains(word); }))
    std::erase_if(words, [&](const auto& word) { return vocabulary.common.contains(word); });

  for (const auto& word : words) {
    const int group = query.group_count++;
    std::vector<std::string> phrases{word};
    if (auto it = vocabulary.synonyms.find(word); it != vocabulary.synonyms.end())
      for (const auto& synonym : it->second)
        if (std::find(phrases.begin(), phrases.end(), synonym) == phrases.end()) phrases.push_back(synonym);
    for (const auto& phrase : phrases) {
      query.match += (query.match.empty() ? "" : " OR ") + quoted(phrase);
      query.groups += (query.groups.empty() ? "" : ",") + std::to_string(group);
    }
  }
  return query;
}

}  // namespace knowledge
