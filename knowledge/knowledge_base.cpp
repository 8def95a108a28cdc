#include "knowledge/knowledge_base.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <stdexcept>
#include <thread>

#include <boost/json.hpp>
#include <sqlite3.h>

#include "knowledge/index_builder.hpp"
#include "knowledge/internal/schema.hpp"
#include "knowledge/internal/sqlite.hpp"

namespace knowledge {
namespace {

// coverage(table, "0,0,1"): how many distinct term groups have a hit in the current row.
// The second argument maps each phrase of the MATCH expression to its group.
void coverage_function(const Fts5ExtensionApi* api, Fts5Context* context, sqlite3_context* result, int argc,
                       sqlite3_value** argv) {
  if (argc != 1) return sqlite3_result_error(result, "coverage() takes one argument", -1);
  const auto* groups_text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  int phrase_group[64];
  int phrases = 0;
  for (const char* p = groups_text ? groups_text : ""; *p && phrases < 64;) {
    int value = 0;
    while (*p >= '0' && *p <= '9') value = value * 10 + (*p++ - '0');
    phrase_group[phrases++] = value < 64 ? value : 63;
    if (*p == ',') ++p;
    else break;
  }
  std::uint64_t seen = 0;
  int instances = 0;
  if (api->xInstCount(context, &instances) != SQLITE_OK) return sqlite3_result_int(result, 0);
  for (int i = 0; i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    if (api->xInst(context, i, &phrase, &column, &offset) == SQLITE_OK && phrase >= 0 && phrase < phrases)
      seen |= std::uint64_t{1} << phrase_group[phrase];
  }
  sqlite3_result_int(result, __builtin_popcountll(seen));
}

void register_coverage(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(statement);
  }
  sqlite3_finalize(statement);
  if (!api || api->xCreateFunction(api, "coverage", nullptr, coverage_function, nullptr) != SQLITE_OK)
    throw std::runtime_error("SQLite has no FTS5: cannot register coverage()");
}

// A JSON array of strings; "[]", which every passage but a table row holds, without parsing.
std::vector<std::string> string_array(const std::string& json) {
  if (json == "[]") return {};
  return boost::json::value_to<std::vector<std::string>>(boost::json::parse(json));
}

// A passage from the columns of schema::kSelectPassage (and its siblings).
Passage read_passage(const sqlite::Statement& row) {
  Passage passage;
  passage.id = static_cast<int>(row.column_int(0));
  passage.doc = row.column_text(1);
  passage.section = row.column_text(2);
  passage.group = row.column_text(3);
  passage.kind = passage_kind_from(row.column_text(4));
  passage.position = static_cast<int>(row.column_int(5));
  passage.text = row.column_text(6);
  passage.parent = row.column_text(7);
  passage.cells = string_array(row.column_text(8));
  passage.header = string_array(row.column_text(9));
  passage.caption = row.column_text(10);
  return passage;
}

}  // namespace

// One connection with its statements, and a flag saying whether a search or a read holds it.
struct KnowledgeBase::Pool {
  struct Slot {
    explicit Slot(const std::filesystem::path& path)
        : db(path, sqlite::Database::Mode::read_only),
          passages((register_coverage(db.handle()), db), schema::kSearchPassages),
          examples(db, schema::kSearchExamples),
          passage(db, schema::kSelectPassage),
          span(db, schema::kSelectPassageSpan),
          by_heading(db, schema::kSelectPassagesByHeading),
          by_title(db, schema::kSelectPassagesByTitle) {}
    sqlite::Database db;
    sqlite::Statement passages;
    sqlite::Statement examples;
    sqlite::Statement passage;
    sqlite::Statement span;
    sqlite::Statement by_heading;
    sqlite::Statement by_title;
    std::atomic_flag busy;
  };
  std::vector<std::unique_ptr<Slot>> slots;

  // Takes a free slot, starting from one picked by the calling thread so that threads rarely
  // collide; waits (yielding) only when every slot is busy, which more slots than threads avoid.
  Slot& acquire() {
    const std::size_t start = std::hash<std::thread::id>{}(std::this_thread::get_id());
    for (std::size_t attempt = 0;; ++attempt) {
      auto& slot = *slots[(start + attempt) % slots.size()];
      if (!slot.busy.test_and_set(std::memory_order_acquire)) return slot;
      if (attempt % slots.size() == slots.size() - 1) std::this_thread::yield();
    }
  }
  static void release(Slot& slot) { slot.busy.clear(std::memory_order_release); }

  // Runs one of a slot's statements: `bind` binds its parameters, `row` takes each row. False when
  // it failed (the caller then drops what it read: its SQL error never reaches an answer).
  template <typename Bind, typename Row>
  bool run(sqlite::Statement Slot::*statement, Bind bind, Row row) {
    auto& slot = acquire();
    auto& select = slot.*statement;
    bool done = true;
    try {
      bind(select);
      while (select.step()) row(select);
    } catch (const std::exception&) {
      done = false;
    }
    select.reset();
    release(slot);
    return done;
  }
};

KnowledgeBase::KnowledgeBase() : pool_(std::make_unique<Pool>()) {}
KnowledgeBase::~KnowledgeBase() = default;

std::string KnowledgeBase::stored_signature(const std::filesystem::path& db_path) {
  if (!std::filesystem::exists(db_path)) return {};
  try {
    sqlite::Database db(db_path, sqlite::Database::Mode::read_only);
    sqlite::Statement select(db, schema::kSelectMeta);
    auto read = [&](std::string_view key) {
      select.reset();
      select.bind(1, key);
      return select.step() ? select.column_text(0) : std::string();
    };
    if (read("schema_version") != std::to_string(kSchemaVersion)) return {};
    return read("signature");
  } catch (const std::exception&) {
    return {};  // not a knowledge base of ours: rebuild it
  }
}

std::shared_ptr<const KnowledgeBase> KnowledgeBase::open(const std::filesystem::path& db_path,
                                                         QueryVocabulary vocabulary) {
  if (!std::filesystem::exists(db_path)) throw std::runtime_error("knowledge base not found: " + db_path.string());
  std::shared_ptr<KnowledgeBase> kb(new KnowledgeBase());
  kb->query_vocabulary_ = std::move(vocabulary);
  {
    sqlite::Database db(db_path, sqlite::Database::Mode::read_only);
    sqlite::Statement select_meta(db, schema::kSelectMeta);
    auto meta = [&](std::string_view key) {
      select_meta.reset();
      select_meta.bind(1, key);
      if (!select_meta.step()) throw std::runtime_error(db_path.string() + " has no " + std::string(key));
      return select_meta.column_text(0);
    };
    if (meta("schema_version") != std::to_string(kSchemaVersion))
      throw std::runtime_error(db_path.string() + " is of another schema version: rebuild it with `mlops-bot index`");
    kb->facts_ = facts_from_json(boost::json::parse(meta("facts")));
    const auto common_words = boost::json::parse(meta("common_words"));
    for (const auto& word : common_words.as_array()) kb->query_vocabulary_.common.emplace(word.as_string());
    const auto vocabulary_words = boost::json::parse(meta("vocabulary"));
    for (const auto& word : vocabulary_words.as_array()) kb->vocabulary_.emplace_back(word.as_string());
    kb->rare_words_ = meta("rare_words");
    sqlite::Statement select_frequent(db, schema::kSelectFrequentWords);
    while (select_frequent.step())
      kb->query_vocabulary_.frequent.emplace(select_frequent.column_text(0), select_frequent.column_int(1));
    sqlite::Statement select_documents(db, schema::kSelectDocuments);
    while (select_documents.step()) {
      kb->document_index_.emplace(select_documents.column_text(0), kb->documents_.size());
      kb->documents_.push_back({select_documents.column_text(0), static_cast<int>(select_documents.column_int(1))});
    }
    sqlite::Statement count(db, schema::kSelectPassageCount);
    kb->passage_count_ = count.step() ? static_cast<std::size_t>(count.column_int(0)) : 0;
  }
  kb->read_passages_ = std::make_unique<const PassageCache>(kb->passage_count_, kPassageCacheBytes);
  // More slots than threads, so a search almost never waits for one.
  const std::size_t slots = std::max<std::size_t>(4, 2 * std::thread::hardware_concurrency());
  for (std::size_t i = 0; i < slots; ++i) kb->pool_->slots.push_back(std::make_unique<Pool::Slot>(db_path));
  return kb;
}

std::optional<Passage> KnowledgeBase::passage(int id) const {
  std::optional<Passage> found;
  if (id < 0 || static_cast<std::size_t>(id) >= passage_count_) return found;
  if (const auto* kept = read_passages_->find(id)) return *kept;
  if (!pool_->run(
          &Pool::Slot::passage, [&](sqlite::Statement& select) { select.bind(1, std::int64_t{id}); },
          [&](const sqlite::Statement& row) { found = read_passage(row); }))
    found.reset();
  if (found && found->id == id) read_passages_->keep(*found);
  return found;
}

std::vector<Passage> KnowledgeBase::passages(const std::vector<int>& ids) const {
  std::vector<Passage> passages;
  passages.reserve(ids.size());
  for (std::size_t start = 0; start < ids.size();) {
    std::size_t end = start + 1;
    while (end < ids.size() && ids[end] == ids[end - 1] + 1) ++end;
    const bool done = pool_->run(
        &Pool::Slot::span,
        [&](sqlite::Statement& select) {
          select.bind(1, std::int64_t{ids[start]});
          select.bind(2, std::int64_t{ids[end - 1]} + 1);
        },
        [&](const sqlite::Statement& row) { passages.push_back(read_passage(row)); });
    if (!done) return {};
    start = end;
  }
  return passages;
}

std::pair<int, int> KnowledgeBase::span_of(std::size_t index) const {
  const int end = index + 1 < documents_.size() ? documents_[index + 1].first : static_cast<int>(passage_count_);
  return {documents_[index].first, end};
}

const std::string& KnowledgeBase::document_of(int passage) const {
  static const std::string kNone;
  if (passage < 0 || static_cast<std::size_t>(passage) >= passage_count_) return kNone;
  // The last document starting at or before the passage.
  const auto after = std::upper_bound(documents_.begin(), documents_.end(), passage,
                                      [](int id, const DocumentSpan& document) { return id < document.first; });
  return after == documents_.begin() ? kNone : std::prev(after)->doc;
}

std::vector<int> KnowledgeBase::document_passage_ids(std::string_view doc) const {
  std::vector<int> ids;
  const auto it = document_index_.find(std::string(doc));
  if (it == document_index_.end()) return ids;
  const auto [first, end] = span_of(it->second);
  for (int id = first; id < end; ++id) ids.push_back(id);
  return ids;
}

std::vector<Passage> KnowledgeBase::document_passages(std::string_view doc) const {
  std::vector<Passage> passages;
  const auto it = document_index_.find(std::string(doc));
  if (it == document_index_.end()) return passages;
  // Copied out of the binding: clang 14 (the fuzz build) cannot capture a structured binding.
  const auto span = span_of(it->second);
  const std::int64_t first = span.first, end = span.second;
  const bool done = pool_->run(
      &Pool::Slot::span,
      [&](sqlite::Statement& select) {
        select.bind(1, first);
        select.bind(2, end);
      },
      [&](const sqlite::Statement& row) { passages.push_back(read_passage(row)); });
  if (!done) passages.clear();
  return passages;
}

std::vector<Passage> KnowledgeBase::passages_under_heading(std::string_view key, std::size_t limit) const {
  std::vector<Passage> passages;
  if (limit == 0) return passages;
  const bool done = pool_->run(
      &Pool::Slot::by_heading,
      [&](sqlite::Statement& select) {
        select.bind(1, key);
        select.bind(2, static_cast<std::int64_t>(limit));
      },
      [&](const sqlite::Statement& row) { passages.push_back(read_passage(row)); });
  if (!done) passages.clear();
  return passages;
}

namespace {

// Runs one of a slot's search statements for `normalized` and turns each row into a hit.
template <typename Hit, typename ReadRow>
std::vector<Hit> run_search(KnowledgeBase::Pool& pool, const QueryVocabulary& vocabulary,
                            sqlite::Statement KnowledgeBase::Pool::Slot::*statement, std::string_view normalized,
                            std::size_t limit, ReadRow read_row) {
  std::vector<Hit> hits;
  const auto query = build_fts_query(normalized, vocabulary);
  if (query.match.empty() || limit == 0) return hits;
  const bool done = pool.run(
      statement,
      [&](sqlite::Statement& select) {
        select.bind(1, query.match);
        select.bind(2, query.groups);
        select.bind(3, static_cast<std::int64_t>(limit));
      },
      [&](const sqlite::Statement& row) { hits.push_back(read_row(row, query.group_count)); });
  if (!done) hits.clear();
  return hits;
}

}  // namespace

int KnowledgeBase::searchable_words(std::string_view normalized) const {
  return build_fts_query(normalized, query_vocabulary_).word_count;
}

std::vector<SearchHit> KnowledgeBase::search(std::string_view normalized, std::size_t limit) const {
  return run_search<SearchHit>(*pool_, query_vocabulary_, &Pool::Slot::passages, normalized, limit, [](const sqlite::Statement& row, int terms) {
    return SearchHit{static_cast<int>(row.column_int(0)), row.column_double(1), static_cast<int>(row.column_int(2)),
                     terms};
  });
}

std::vector<ExampleHit> KnowledgeBase::search_examples(std::string_view normalized, std::size_t limit) const {
  return run_search<ExampleHit>(*pool_, query_vocabulary_, &Pool::Slot::examples, normalized, limit, [](const sqlite::Statement& row, int terms) {
    return ExampleHit{row.column_text(0), row.column_double(1), static_cast<int>(row.column_int(2)), terms};
  });
}

std::vector<Passage> KnowledgeBase::passages_titled(std::string_view title, std::size_t limit) const {
  std::vector<Passage> passages;
  if (limit == 0) return passages;
  const auto key = heading_key(title);
  const bool done = pool_->run(
      &Pool::Slot::by_title,
      [&](sqlite::Statement& select) {
        select.bind(1, key);
        select.bind(2, title);
        select.bind(3, static_cast<std::int64_t>(limit));
      },
      [&](const sqlite::Statement& row) { passages.push_back(read_passage(row)); });
  if (!done) passages.clear();
  return passages;
}

}  // namespace knowledge
