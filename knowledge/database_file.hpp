// Whether a path may be written as this program's knowledge base: a new file, or one this
// program built. Anything else (a user's notes, another SQLite database, a folder) is refused.
#pragma once

#include <cstdint>
#include <filesystem>

namespace knowledge {

// SQLite's application_id of every knowledge base this program writes ("MLOB").
inline constexpr std::int32_t kApplicationId = 0x4D4C4F42;

enum class DatabaseFile {
  missing,         // nothing there: a build creates it
  knowledge_base,  // a knowledge base of this program (or an empty file): a build may replace it
  foreign,         // anything else: never written
};

// Reads only the file's SQLite header (and, for a knowledge base written before the application
// id was set, its meta table, read-only); never changes the file.
DatabaseFile inspect_database_file(const std::filesystem::path& path);

// Throws std::runtime_error saying why, when `path` must not be written as a knowledge base.
void require_writable_knowledge_base(const std::filesystem::path& path);

}  // namespace knowledge
