// The knowledge base as the engine reads it: facts and vocabulary in memory, passages read from
// the file on demand (a corpus of 10,000 documents holds half a million), FTS5 search.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "knowledge/facts.hpp"
#include "knowledge/fts_query.hpp"
#include "knowledge/passage.hpp"
#include "knowledge/passage_cache.hpp"

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
// threads at once. Searches and passage reads use a pool of connections opened at start-up, each
// with its statements prepared; a read takes a free one without a lock (an atomic flag per slot).
class KnowledgeBase {
 public:
  // Opens `db_path` read-only and loads passages, facts and vocabulary. Throws
  // std::runtime_error when the file is missing, unreadable or of another schema.
  static std::shared_ptr<const KnowledgeBase> open(const std::filesystem::path& db_path, QueryVocabulary vocabulary);
  ~KnowledgeBase();

  // The signature stored at build time, or empty when the file is missing, unreadable or of
  // another schema version (so a caller knows to rebuild).
  static std::string stored_signature(const std::filesystem::path& db_path);

  // One passage, read from the file the first time (then kept, up to kPassageCacheBytes); nullopt
  // when `id` is none's. A passage is a value: keep it, not a reference into it, beyond the
  // expression that reads it.
  std::optional<Passage> passage(int id) const;
  // The passages of `ids` that exist, in the order of `ids`; runs of consecutive ids (a section,
  // a document) are read in one pass.
  std::vector<Passage> passages(const std::vector<int>& ids) const;
  std::size_t passage_count() const { return passage_count_; }
  std::size_t document_count() const { return documents_.size(); }
  // The document a passage belongs to, without reading the passage; empty when none.
  const std::string& document_of(int passage) const;
  // A document's passages in order (a document's passages have consecutive ids).
  std::vector<int> document_passage_ids(std::string_view doc) const;
  std::vector<Passage> document_passages(std::string_view doc) const;
  // The passages, in order, of the sections whose heading_key() is `key`; at most `limit`.
  std::vector<Passage> passages_under_heading(std::string_view key, std::size_t limit) const;
  // The passages, in order, of the sections titled exactly `title`; at most `limit`.
  std::vector<Passage> passages_titled(std::string_view title, std::size_t limit) const;
  const Facts& facts() const { return facts_; }
  // The corpus's words a typo may be corrected to: all of them, or the kMaxCorrectionTargets most
  // frequent in a large corpus; rare_words() are the others, known but never a correction.
  const std::vector<std::string>& vocabulary() const { return vocabulary_; }
  // One a line: 66,000 words of 10,000 man pages cost 60M instructions to start as JSON and an
  // std::vector of strings.
  const std::string& rare_words() const { return rare_words_; }

  // How many searchable words (not stopwords; common ones counted) `normalized` text has.
  int searchable_words(std::string_view normalized) const;

  // The best passages for `normalized` text, best first; empty when it has no searchable word.
  std::vector<SearchHit> search(std::string_view normalized, std::size_t limit) const;
  // The best indexed example questions for `normalized` text, best first.
  std::vector<ExampleHit> search_examples(std::string_view normalized, std::size_t limit) const;

  struct Pool;

  // What passage() keeps of the passages it read: all of a few hundred articles' passages, a
  // small part of a corpus of man pages (README "Scale").
  static constexpr std::size_t kPassageCacheBytes = 8u << 20;

 private:
  KnowledgeBase();
  struct DocumentSpan {
    std::string doc;
    int first = 0;  // its first passage; the next document's first ends it
  };
  // The span of ids of document `index` in documents_.
  std::pair<int, int> span_of(std::size_t index) const;

  std::vector<DocumentSpan> documents_;  // in passage order
  std::unordered_map<std::string, std::size_t> document_index_;
  std::size_t passage_count_ = 0;
  Facts facts_;
  std::vector<std::string> vocabulary_;
  std::string rare_words_;
  QueryVocabulary query_vocabulary_;
  std::unique_ptr<Pool> pool_;
  std::unique_ptr<const PassageCache> read_passages_;
};

}  // namespace knowledge
