// The knowledge base as the engine reads it: passages and facts in memory, FTS5 search.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/facts.hpp"
#include "knowledge/fts_query.hpp"
#include "knowledge/passage.hpp"

namespace knowledge {

struct SearchHit {
  int passage = -1;
  double rank = 0;   // BM25 as FTS5 gives it: lower (more negative) is better
  int matched = 0;   // how many of the question's searchable words the passage holds
  int terms = 0;     // how many searchable words the question has
  double coverage() const { return terms ? static_cast<double>(matched) / terms : 0.0; }
};

struct ExampleHit {
  std::string intent;
  double rank = 0;
  int matched = 0;
  int terms = 0;
  double coverage() const { return terms ? static_cast<double>(matched) / terms : 0.0; }
};

// Immutable after open(). Thread safety: every method may be called from any number of
// threads at once. Searches use a pool of connections opened at start-up, each with its
// statements prepared; a search takes a free one without a lock (an atomic flag per slot).
class KnowledgeBase {
 public:
  // Opens `db_path` read-only and loads passages, facts and vocabulary. Throws
  // std::runtime_error when the file is missing, unreadable or of another schema.
  static std::shared_ptr<const KnowledgeBase> open(const std::filesystem::path& db_path, QueryVocabulary vocabulary);
  ~KnowledgeBase();

  // The signature stored at build time, or empty when the file is missing, unreadable or of
  // another schema version (so a caller knows to rebuild).
  static std::string stored_signature(const std::filesystem::path& db_path);

  const std::vector<Passage>& passages() const { return passages_; }
  const Passage* passage(int id) const;
  const Facts& facts() const { return facts_; }
  const std::vector<std::string>& vocabulary() const { return vocabulary_; }

  // How many searchable words (not stopwords; common ones counted) `normalized` text has.
  int searchable_words(std::string_view normalized) const;

  // The best passages for `normalized` text, best first; empty when it has no searchable word.
  std::vector<SearchHit> search(std::string_view normalized, std::size_t limit) const;
  // The best indexed example questions for `normalized` text, best first.
  std::vector<ExampleHit> search_examples(std::string_view normalized, std::size_t limit) const;

  struct Pool;

 private:
  KnowledgeBase();
  std::vector<Passage> passages_;
  Facts facts_;
  std::vector<std::string> vocabulary_;
  QueryVocabulary query_vocabulary_;
  std::unique_ptr<Pool> pool_;
};

}  // namespace knowledge
