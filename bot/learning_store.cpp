#include "bot/learning_store.hpp"

#include <sqlite3.h>

#include <stdexcept>

#include "bot/learning_tally.hpp"

namespace bot {
namespace {

using Clock = std::chrono::system_clock;

std::int64_t to_millis(Clock::time_point at) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}
Clock::time_point from_millis(std::int64_t millis) {
  return Clock::time_point(std::chrono::duration_cast<Clock::duration>(std::chrono::milliseconds(millis)));
}

// Version 1 of the file's tables; `user_version` says which one a file has.
constexpr const char* kSchema = R"sql(
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS answers(
  answer_id  TEXT PRIMARY KEY,
  at         INTEGER NOT NULL,   -- Unix time in milliseconds
  channel    TEXT NOT NULL,
  intent     TEXT NOT NULL,
  confidence REAL NOT NULL,
  latency_us INTEGER NOT NULL,
  miss       TEXT,               -- NULL: a confident answer; else why it is worth a look
  question   TEXT,               -- only with miss or feedback
  normalized TEXT,
  sources    TEXT);
CREATE INDEX IF NOT EXISTS answers_at ON answers(at);
CREATE INDEX IF NOT EXISTS answers_normalized ON answers(normalized, at) WHERE normalized IS NOT NULL;
CREATE TABLE IF NOT EXISTS feedback(
  answer_id TEXT PRIMARY KEY,
  at        INTEGER NOT NULL,
  helpful   INTEGER NOT NULL,
  comment   TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS feedback_at ON feedback(at);
PRAGMA user_version = 1;
)sql";

[[noreturn]] void fail(sqlite3* db, const char* what) {
  throw std::runtime_error(std::string("learning database: ") + what + ": " + (db ? sqlite3_errmsg(db) : "no memory"));
}

// A prepared statement, reset after each use so it can be stepped again.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail(db, "prepare");
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind_or_null(int index, std::string_view text) {
    if (text.empty()) sqlite3_bind_null(stmt_, index);
    else bind(index, text);
    return *this;
  }
  Statement& bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
  }
  Statement& bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
    return *this;
  }
  bool step() {
    const int result = sqlite3_step(stmt_);
    if (result == SQLITE_ROW) return true;
    if (result != SQLITE_DONE) fail(db_, "step");
    return false;
  }
  void run() {
    step();
    reset();
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
  double real(int column) const { return sqlite3_column_double(stmt_, column); }
  std::string text(int column) const {
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return bytes ? std::string(bytes, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

void execute(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(db, "execute");
}

}  // namespace

struct LearningStore::Impl {
  sqlite3* db = nullptr;
  ~Impl() { sqlite3_close(db); }
};

LearningStore::LearningStore(const std::filesystem::path& path, LearningLimits limits)
    : impl_(std::make_unique<Impl>()), limits_(limits) {
  if (sqlite3_open_v2(path.c_str(), &impl_->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK)
    throw std::runtime_error("cannot open the learning database " + path.string() + ": " +
                             (impl_->db ? sqlite3_errmsg(impl_->db) : "no memory"));
  // Another process (mlops-bot review) may read while the server writes.
  sqlite3_busy_timeout(impl_->db, 2000);
  execute(impl_->db, kSchema);
}

LearningStore::~LearningStore() = default;

void LearningStore::write(const std::vector<LearningEvent>& events) {
  std::lock_guard lock(mutex_);
  sqlite3* db = impl_->db;
  execute(db, "BEGIN IMMEDIATE");
  try {
    Statement answer(db, "INSERT OR IGNORE INTO answers VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    // Feedback keeps its answer's question and marks a 👎 as a miss (a miss it had stays).
    Statement judged(db, R"sql(
      INSERT INTO answers VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
      ON CONFLICT(answer_id) DO UPDATE SET question = excluded.question, normalized = excluded.normalized,
        sources = excluded.sources, miss = coalesce(answers.miss, excluded.miss))sql");
    Statement verdict(db, R"sql(
      INSERT INTO feedback VALUES(?1, ?2, ?3, ?4)
      ON CONFLICT(answer_id) DO UPDATE SET at = excluded.at, helpful = excluded.helpful, comment = excluded.comment)sql");
    const auto bind_turn = [](Statement& statement, const AnsweredTurn& turn, Miss miss, bool with_question) {
      statement.bind(1, turn.answer_id)
          .bind(2, to_millis(turn.at))
          .bind(3, channel_name(turn.channel))
          .bind(4, turn.intent)
          .bind(5, turn.confidence)
          .bind(6, static_cast<std::int64_t>(turn.latency.count()))
          .bind_or_null(7, miss_name(miss));
      if (with_question) {
        statement.bind(8, turn.question).bind(9, normalize_for_grouping(turn.question)).bind(10, turn.sources_json);
      }
    };
    for (const auto& event : events) {
      if (const auto* answered = std::get_if<SharedTurn>(&event)) {
        bind_turn(answer, **answered, (*answered)->miss, (*answered)->miss != Miss::none);
        answer.run();
      } else {
        const auto& [turn, feedback] = std::get<FeedbackEvent>(event);
        const Miss miss = turn.miss != Miss::none ? turn.miss : feedback.helpful ? Miss::none : Miss::unhelpful;
        bind_turn(judged, turn, miss, true);
        judged.run();
        verdict.bind(1, feedback.answer_id)
            .bind(2, to_millis(feedback.at))
            .bind(3, std::int64_t{feedback.helpful})
            .bind(4, feedback.comment);
        verdict.run();
      }
    }
    execute(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void LearningStore::prune(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  sqlite3* db = impl_->db;
  const auto cutoff = to_millis(now - limits_.retention);
  const auto cap = static_cast<std::int64_t>(limits_.max_rows);
  for (const char* table : {"answers", "feedback"}) {
    const std::string name(table);
    Statement(db, ("DELETE FROM " + name + " WHERE at < ?1").c_str()).bind(1, cutoff).run();
    Statement(db, ("DELETE FROM " + name + " WHERE answer_id IN (SELECT answer_id FROM " + name +
                   " ORDER BY at LIMIT max(0, (SELECT count(*) FROM " + name + ") - ?1))")
                      .c_str())
        .bind(1, cap)
        .run();
  }
}

std::vector<UnansweredGroup> LearningStore::unanswered(Clock::time_point since, std::size_t limit) {
  std::lock_guard lock(mutex_);
  Statement query(impl_->db, R"sql(
    SELECT g.normalized, g.n, g.first, g.last, a.question, a.intent, a.confidence, a.miss, a.sources
    FROM (SELECT normalized, count(*) AS n, min(at) AS first, max(at) AS last FROM answers
          WHERE miss IS NOT NULL AND normalized IS NOT NULL AND at >= ?1 GROUP BY normalized) AS g
    JOIN answers AS a ON a.answer_id = (SELECT answer_id FROM answers
                                        WHERE normalized = g.normalized AND miss IS NOT NULL AND at >= ?1
                                        ORDER BY at DESC, rowid DESC LIMIT 1)
    ORDER BY g.n DESC, g.last DESC LIMIT ?2)sql");
  query.bind(1, to_millis(since)).bind(2, static_cast<std::int64_t>(limit));
  std::vector<UnansweredGroup> groups;
  while (query.step())
    groups.push_back({query.text(0), static_cast<std::uint64_t>(query.integer(1)), from_millis(query.integer(2)),
                      from_millis(query.integer(3)), query.text(4), query.text(5), query.real(6), query.text(7),
                      query.text(8)});
  return groups;
}

std::vector<FeedbackEntry> LearningStore::feedback(Clock::time_point since, std::size_t limit) {
  std::lock_guard lock(mutex_);
  Statement query(impl_->db, R"sql(
    SELECT f.answer_id, f.at, f.helpful, f.comment, a.question, a.intent, a.channel, a.sources, a.confidence
    FROM feedback AS f LEFT JOIN answers AS a USING (answer_id)
    WHERE f.at >= ?1 ORDER BY f.at DESC LIMIT ?2)sql");
  query.bind(1, to_millis(since)).bind(2, static_cast<std::int64_t>(limit));
  std::vector<FeedbackEntry> entries;
  while (query.step())
    entries.push_back({query.text(0), from_millis(query.integer(1)), query.integer(2) != 0, query.text(3),
                       query.text(4), query.text(5), query.text(6), query.text(7), query.real(8)});
  return entries;
}

std::vector<DayStats> LearningStore::stats(Clock::time_point since) {
  std::lock_guard lock(mutex_);
  std::map<std::string, DayStats> days;
  const auto day_of = [&days](std::string day) -> DayStats& {
    auto& entry = days[day];
    entry.day = std::move(day);
    return entry;
  };
  const auto from = to_millis(since);
  Statement intents(impl_->db, R"sql(
    SELECT date(at / 1000, 'unixepoch'), intent, count(*) FROM answers WHERE at >= ?1 GROUP BY 1, 2)sql");
  intents.bind(1, from);
  while (intents.step()) {
    auto& day = day_of(intents.text(0));
    const auto count = static_cast<std::uint64_t>(intents.integer(2));
    day.questions += count;
    day.intents[intents.text(1)] = count;
    if (intents.text(1) == "out_of_scope") day.out_of_scope = count;
  }
  Statement latencies(impl_->db, R"sql(
    SELECT date(at / 1000, 'unixepoch'), latency_us FROM answers WHERE at >= ?1 ORDER BY 1, 2)sql");
  latencies.bind(1, from);
  std::string current;
  std::vector<std::int64_t> values;
  const auto close_day = [&] {
    if (current.empty()) return;
    auto& day = day_of(current);
    day.latency_p50_ms = latency_percentile_ms(values, 0.50);
    day.latency_p90_ms = latency_percentile_ms(values, 0.90);
    day.latency_p99_ms = latency_percentile_ms(values, 0.99);
    values.clear();
  };
  while (latencies.step()) {
    if (auto day = latencies.text(0); day != current) {
      close_day();
      current = std::move(day);
    }
    values.push_back(latencies.integer(1));
  }
  close_day();
  Statement verdicts(impl_->db, R"sql(
    SELECT date(at / 1000, 'unixepoch'), count(*), sum(helpful) FROM feedback WHERE at >= ?1 GROUP BY 1)sql");
  verdicts.bind(1, from);
  while (verdicts.step()) {
    auto& day = day_of(verdicts.text(0));
    day.feedback = static_cast<std::uint64_t>(verdicts.integer(1));
    day.helpful = static_cast<std::uint64_t>(verdicts.integer(2));
  }
  std::vector<DayStats> result;
  for (auto& [name, day] : days) result.push_back(std::move(day));
  return result;
}

std::uint64_t LearningStore::answer_rows() {
  std::lock_guard lock(mutex_);
  Statement count(impl_->db, "SELECT count(*) FROM answers");
  count.step();
  return static_cast<std::uint64_t>(count.integer(0));
}

}  // namespace bot
