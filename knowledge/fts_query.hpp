// Turns any user text into a safe FTS5 query: every term is a quoted string, so quotes, "*",
// "-", ":", parentheses and AND/OR/NOT/NEAR typed by a user are never FTS5 syntax.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace knowledge {

struct QueryVocabulary {
  std::unordered_set<std::string> stopwords;                            // never searched for
  std::unordered_map<std::string, std::vector<std::string>> synonyms;   // "pay" -> {"salary"}
  // Words most passages hold ("mlops" here): they rank nothing and make FTS5 score every row,
  // so they are searched for only when a question has no other word.
  std::unordered_set<std::string> common;
  // Words whose search term many passages hold (more than kFrequentTermPassages of a large
  // corpus: "options" in 40,000 man-page passages), with that number. BM25 scores every passage
  // that holds any word of the query, so such a word would cost a question a whole posting list:
  // a query with one is restricted to the passages that hold one of the other words (or, when
  // every word is frequent, the rarest), and ranked over all of them as before.
  std::unordered_map<std::string, std::int64_t> frequent;
};

struct FtsQuery {
  std::string match;      // for MATCH; empty when the text has no searchable word
  std::string groups;     // phrase i belongs to term group groups[i]: "0,0,1,2" (for coverage())
  int group_count = 0;    // the question's distinct searchable words
  int word_count = 0;     // the same, counting common words that were left out
};

inline constexpr std::size_t kMaxQueryTerms = 12;
inline constexpr std::size_t kMaxTermBytes = 40;

// `text` is lower case (normalized). Words are runs of ASCII letters and digits or non-ASCII
// bytes; stopwords are dropped, and common words unless nothing else is left; each word with its synonyms is one group of quoted phrases,
// and all phrases are joined with OR so that BM25 ranks passages by how many they hold. With a
// frequent word: "(the other words' phrases) AND (every phrase)".
FtsQuery build_fts_query(std::string_view text, const QueryVocabulary& vocabulary);

}  // namespace knowledge
