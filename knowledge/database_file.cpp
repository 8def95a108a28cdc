#include "knowledge/database_file.hpp"

#include <array>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "knowledge/internal/sqlite.hpp"

namespace knowledge {
namespace {

constexpr std::size_t kHeaderBytes = 100;          // SQLite's database header
constexpr std::size_t kApplicationIdOffset = 68;   // a big-endian 32-bit integer
constexpr char kMagic[] = "SQLite format 3";        // with its terminating NUL, the first 16 bytes

// A knowledge base built before the application id was set: an SQLite file with our meta table.
bool has_our_meta_table(const std::filesystem::path& path) {
  try {
    sqlite::Database db(path, sqlite::Database::Mode::read_only);
    sqlite::Statement select(db, "SELECT value FROM meta WHERE key = 'schema_version'");
    return select.step();
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

DatabaseFile inspect_database_file(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::symlink_status(path, error);
  if (error || status.type() == std::filesystem::file_type::not_found) return DatabaseFile::missing;
  if (status.type() != std::filesystem::file_type::regular) return DatabaseFile::foreign;
  if (std::filesystem::file_size(path, error) == 0 && !error) return DatabaseFile::knowledge_base;
  std::array<char, kHeaderBytes> header{};
  std::ifstream in(path, std::ios::binary);
  if (!in.read(header.data(), header.size())) return DatabaseFile::foreign;
  if (std::memcmp(header.data(), kMagic, sizeof kMagic) != 0) return DatabaseFile::foreign;
  std::int32_t id = 0;
  for (std::size_t i = 0; i < 4; ++i)
    id = static_cast<std::int32_t>((static_cast<std::uint32_t>(id) << 8) |
                                   static_cast<unsigned char>(header[kApplicationIdOffset + i]));
  if (id == kApplicationId) return DatabaseFile::knowledge_base;
  return id == 0 && has_our_meta_table(path) ? DatabaseFile::knowledge_base : DatabaseFile::foreign;
}

void require_writable_knowledge_base(const std::filesystem::path& path) {
  if (inspect_database_file(path) != DatabaseFile::foreign) return;
  throw std::runtime_error("refusing to write the knowledge base to " + path.string() +
                           ": it exists and is not a knowledge base of mlops-bot (choose another --db)");
}

}  // namespace knowledge
