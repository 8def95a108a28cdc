// The lower bound for indexing a corpus: `bench_bare_fts5 CORPUS_DIR DB_FILE`.
//
// Reads the same files `mlops-bot index` reads (*.md and *.txt in CORPUS_DIR), cuts each into
// paragraphs the simplest way (at blank lines, nothing else understood), and inserts them into
// one FTS5 table with the knowledge base's tokenizer (`porter unicode61`), in one transaction
// with one prepared statement, SQLite's defaults otherwise. No structure, no facts, no
// vocabulary, no second table, no `optimize`: whatever `index` does beyond this is the cost of
// what it understands. scripts/scale-bench.sh times both and prints the ratio.
//
// Prints "DOCUMENTS documents, PARAGRAPHS paragraphs"; exits 1 with the reason on any failure.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <sqlite3.h>

namespace {

struct CloseDatabase {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct FinalizeStatement {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Database = std::unique_ptr<sqlite3, CloseDatabase>;
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

void check(sqlite3* db, int result, const char* what) {
  if (result != SQLITE_OK && result != SQLITE_DONE) throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

void execute(sqlite3* db, const char* sql) { check(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr), sql); }

std::vector<std::filesystem::path> corpus_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto extension = entry.path().extension();
    if (entry.is_regular_file() && (extension == ".md" || extension == ".txt")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// Calls add(paragraph) for each run of non-blank lines, the lines joined by their newlines.
template <typename Add>
void for_each_paragraph(std::string_view text, Add add) {
  std::size_t start = std::string_view::npos;  // where the current paragraph began
  std::size_t end = 0;                         // just past its last non-blank line
  for (std::size_t at = 0; at < text.size();) {
    std::size_t eol = text.find('\n', at);
    if (eol == std::string_view::npos) eol = text.size();
    if (is_blank(text.substr(at, eol - at))) {
      if (start != std::string_view::npos) add(text.substr(start, end - start));
      start = std::string_view::npos;
    } else {
      if (start == std::string_view::npos) start = at;
      end = eol;
    }
    at = eol + 1;
  }
  if (start != std::string_view::npos) add(text.substr(start, end - start));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: bench_bare_fts5 CORPUS_DIR DB_FILE\n";
    return 2;
  }
  try {
    const std::filesystem::path db_path = argv[2];
    std::filesystem::remove(db_path);
    sqlite3* handle = nullptr;
    const int opened = sqlite3_open(db_path.c_str(), &handle);
    Database db(handle);
    check(db.get(), opened, "open");
    execute(db.get(), "CREATE VIRTUAL TABLE paragraphs USING fts5(doc UNINDEXED, text, tokenize='porter unicode61')");
    execute(db.get(), "BEGIN");
    sqlite3_stmt* prepared = nullptr;
    check(db.get(), sqlite3_prepare_v2(db.get(), "INSERT INTO paragraphs(doc, text) VALUES(?1, ?2)", -1, &prepared, nullptr),
          "prepare");
    Statement insert(prepared);
    std::size_t documents = 0, paragraphs = 0;
    for (const auto& file : corpus_files(argv[1])) {
      const std::string text = read_file(file);
      const std::string doc = file.stem().string();
      for_each_paragraph(text, [&](std::string_view paragraph) {
        sqlite3_bind_text(insert.get(), 1, doc.data(), static_cast<int>(doc.size()), SQLITE_STATIC);
        sqlite3_bind_text(insert.get(), 2, paragraph.data(), static_cast<int>(paragraph.size()), SQLITE_STATIC);
        check(db.get(), sqlite3_step(insert.get()), "insert");
        sqlite3_reset(insert.get());
        ++paragraphs;
      });
      ++documents;
    }
    insert.reset();
    execute(db.get(), "COMMIT");
    std::cout << documents << " documents, " << paragraphs << " paragraphs\n";
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "bench_bare_fts5: " << error.what() << "\n";
    return 1;
  }
}
