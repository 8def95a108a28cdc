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

  // Each word's phrases (it and its synonyms) with its group; and the words that are not frequent.
  std::vector<std::pair<std::string, int>> phrases;
  std::vector<int> required;
  std::int64_t rarest = -1;
  int rarest_group = -1;
  for (const auto& word : words) {
    const int group = query.group_count++;
    phrases.emplace_back(word, group);
    if (auto it = vocabulary.synonyms.find(word); it != vocabulary.synonyms.end())
      for (const auto& synonym : it->second)
        if (std::none_of(phrases.begin(), phrases.end(), [&](const auto& p) { return p.first == synonym && p.second == group; }))
          phrases.emplace_back(synonym, group);
    const auto frequent = vocabulary.frequent.find(word);
    if (frequent == vocabulary.frequent.end()) {
      required.push_back(group);
    } else if (rarest < 0 || frequent->second < rarest) {
      rarest = frequent->second;
      rarest_group = group;
    }
  }
  const bool restricted = rarest >= 0;
  if (restricted && required.empty()) required.push_back(rarest_group);

  auto append = [&](const std::pair<std::string, int>& phrase, bool first) {
    query.match += (first ? "" : " OR ") + quoted(phrase.first);
    query.groups += (query.groups.empty() ? "" : ",") + std::to_string(phrase.second);
  };
  if (restricted) {
    query.match += "(";
    bool first = true;
    for (const auto& phrase : phrases)
      if (std::find(required.begin(), required.end(), phrase.second) != required.end()) {
        append(phrase, first);
        first = false;
      }
    query.match += ") AND (";
  }
  for (std::size_t i = 0; i < phrases.size(); ++i) append(phrases[i], i == 0);
  if (restricted) query.match += ")";
  return query;
}

}  // namespace knowledge
