// --db never overwrites what is not a knowledge base of this program: a user's notes, another
// SQLite database, a folder. Checked on the file's header alone, and through the command line.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "knowledge/database_file.hpp"
#include "knowledge/internal/sqlite.hpp"

namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("mlops-bot-dbfile-" + std::to_string(getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int run(const std::string& command) { return WEXITSTATUS(std::system((command + " >/dev/null 2>&1").c_str())); }

const std::string kBinary = MLOPS_BOT_BINARY;
const std::string kCorpus = std::string(MLOPS_BOT_SOURCE_DIR) + "/knowledge/corpus";

}  // namespace

TEST_CASE("a database file is ours, missing, or foreign", "[database]") {
  TempDir dir;
  CHECK(knowledge::inspect_database_file(dir.path / "none.db") == knowledge::DatabaseFile::missing);
  CHECK(knowledge::inspect_database_file(dir.path) == knowledge::DatabaseFile::foreign);
  { std::ofstream notes(dir.path / "notes.md"); notes << "# my notes\n"; }
  CHECK(knowledge::inspect_database_file(dir.path / "notes.md") == knowledge::DatabaseFile::foreign);
  { std::ofstream empty(dir.path / "empty.db"); }
  CHECK(knowledge::inspect_database_file(dir.path / "empty.db") == knowledge::DatabaseFile::knowledge_base);
  {
    knowledge::sqlite::Database other(dir.path / "other.db", knowledge::sqlite::Database::Mode::create);
    other.execute("CREATE TABLE t(x)");
  }
  CHECK(knowledge::inspect_database_file(dir.path / "other.db") == knowledge::DatabaseFile::foreign);
  {
    knowledge::sqlite::Database ours(dir.path / "ours.db", knowledge::sqlite::Database::Mode::create);
    ours.execute(("PRAGMA application_id = " + std::to_string(knowledge::kApplicationId)).c_str());
    ours.execute("CREATE TABLE t(x)");
  }
  CHECK(knowledge::inspect_database_file(dir.path / "ours.db") == knowledge::DatabaseFile::knowledge_base);
  fs::create_symlink(dir.path / "ours.db", dir.path / "link.db");
  CHECK(knowledge::inspect_database_file(dir.path / "link.db") == knowledge::DatabaseFile::foreign);
}

TEST_CASE("index and ask refuse to write over a file that is not a knowledge base", "[database][cli]") {
  TempDir dir;
  const auto notes = dir.path / "notes.md";
  { std::ofstream out(notes); out << "# my notes\nkeep me\n"; }
  CHECK(run(kBinary + " index --corpus " + kCorpus + " --db " + notes.string()) != 0);
  CHECK(read(notes) == "# my notes\nkeep me\n");
  CHECK(run(kBinary + " ask --corpus " + kCorpus + " --db " + notes.string() + " hello") != 0);
  CHECK(read(notes) == "# my notes\nkeep me\n");

  const auto folder = dir.path / "folder.db";
  fs::create_directories(folder);
  CHECK(run(kBinary + " index --corpus " + kCorpus + " --db " + folder.string()) != 0);
  CHECK(fs::is_directory(folder));

  // A knowledge base of ours is rebuilt in place, and carries the application id.
  const auto kb = dir.path / "kb.db";
  REQUIRE(run(kBinary + " index --corpus " + kCorpus + " --db " + kb.string()) == 0);
  CHECK(knowledge::inspect_database_file(kb) == knowledge::DatabaseFile::knowledge_base);
  CHECK(run(kBinary + " index --corpus " + kCorpus + " --db " + kb.string()) == 0);
  // No temporary file is left beside it.
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir.path)) files += entry.is_regular_file() ? 1 : 0;
  CHECK(files == 2);  // notes.md and kb.db
}
