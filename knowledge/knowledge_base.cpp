#include "knowledge/knowledge_base.hpp"

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

}  // namespace

// One connection with its two search statements, and a flag saying whether a search holds it.
struct KnowledgeBase::Pool {
  struct Slot {
    explicit Slot(const std::filesystem::path& path)
        : db(path, sqlite::Database::Mode::read_only),
          passages((register_coverage(db.handle()), db), schema::kSearchPassages),
          examples(db, schema::kSearchExamples) {}
    sqlite::Database db;
    sqlite::Statement passages;
    sqlite::Statement examples;
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
    sqlite::Statement select_passages(db, schema::kSelectPassages);
    while (select_passages.step()) {
      Passage passage;
      passage.id = static_cast<int>(select_passages.column_int(0));
      passage.doc = select_passages.column_text(1);
      passage.section = select_passages.column_text(2);
      passage.group = select_passages.column_text(3);
      passage.kind = passage_kind_from(select_passages.column_text(4));
      passage.position = static_cast<int>(select_passages.column_int(5));
      passage.text = select_passages.column_text(6);
      passage.parent = select_passages.column_text(7);
      passage.cells = string_array(select_passages.column_text(8));
      passage.header = string_array(select_passages.column_text(9));
      passage.caption = select_passages.column_text(10);
      if (passage.id != static_cast<int>(kb->passages_.size()))
        throw std::runtime_error(db_path.string() + ": passage ids are not consecutive");
      kb->passages_.push_back(std::move(passage));
    }
  }
  // More slots than threads, so a search almost never waits for one.
  const std::size_t slots = std::max<std::size_t>(4, 2 * std::thread::hardware_concurrency());
  for (std::size_t i = 0; i < slots; ++i) kb->pool_->slots.push_back(std::make_unique<Pool::Slot>(db_path));
  return kb;
}

const Passage* KnowledgeBase::passage(int id) const {
  return id >= 0 && id < static_cast<int>(passages_.size()) ? &passages_[static_cast<std::size_t>(id)] : nullptr;
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
  auto& slot = pool.acquire();
  auto& select = slot.*statement;
  try {
    select.bind(1, query.match);
    select.bind(2, query.groups);
    select.bind(3, static_cast<std::int64_t>(limit));
    while (select.step()) hits.push_back(read_row(select, query.group_count));
  } catch (const std::exception&) {
    hits.clear();  // a failed search finds nothing; its SQL error never reaches an answer
  }
  select.reset();
  KnowledgeBase::Pool::release(slot);
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

}  // namespace knowledge
