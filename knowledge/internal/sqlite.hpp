// RAII wrappers of the SQLite C handles, private to knowledge/ (no <sqlite3.h> in public headers).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace knowledge::sqlite {

// One connection. Throws std::runtime_error (with SQLite's message, never shown to a user)
// when the file cannot be opened or a statement fails: these are broken invariants here,
// as every user text reaches SQL only as a bound parameter.
class Database {
 public:
  enum class Mode { read_only, create };
  Database(const std::filesystem::path& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void execute(const char* sql);
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// A prepared statement; reset() makes it reusable, so the hot path never prepares again.
class Statement {
 public:
  Statement(Database& database, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int index, std::string_view text);  // SQLITE_TRANSIENT: the text may go away
  void bind(int index, std::int64_t value);
  void bind(int index, double value);
  // True while there is a row; false when done. Throws on an error.
  bool step();
  void reset();  // also clears the bindings

  std::int64_t column_int(int index) const;
  double column_double(int index) const;
  std::string column_text(int index) const;
  sqlite3_stmt* handle() const { return stmt_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN ... COMMIT, rolled back if destroyed before commit() (an exception on the way).
class Transaction {
 public:
  explicit Transaction(Database& database);
  ~Transaction();
  void commit();

 private:
  Database& database_;
  bool done_ = false;
};

}  // namespace knowledge::sqlite
