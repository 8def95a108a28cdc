// Building the knowledge base file: ingestion, facts, the FTS5 index of passages and examples.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "knowledge/labeler.hpp"
#include "knowledge/roles.hpp"

namespace knowledge {

// Bump when the file's layout changes: an older file is then rebuilt.
inline constexpr int kSchemaVersion = 4;

struct IndexInput {
  std::filesystem::path corpus_dir;
  // (intent, example question) pairs, indexed beside the passages so a search can vote.
  std::vector<std::pair<std::string, std::string>> examples;
  // Identifies the inputs (see content_signature); stored, and compared when opening.
  std::string signature;
  // The language of job titles, for finding the roles the documents name.
  RoleLexicon lexicon;
};

struct IndexSummary {
  int documents = 0;
  int passages = 0;
  int roles = 0, salaries = 0, percentages = 0, tool_groups = 0, definitions = 0;
};

// The corpus files (*.txt, *.md) in `dir`, sorted by name. Throws when `dir` is not a folder.
std::vector<std::filesystem::path> corpus_files(const std::filesystem::path& dir);

// A short hex digest of the files' names and contents (FNV-1a 64), with the schema version.
std::string content_signature(const std::vector<std::filesystem::path>& files);

// Writes the knowledge base to `db_path`, atomically: a temporary file in the same folder renamed
// over it, so a reader never sees half a build. Refuses (std::runtime_error) to replace a file
// that is not a knowledge base of this program; throws with the reason on any other failure.
IndexSummary build_index(const IndexInput& input, const Labeler& labeler, const std::filesystem::path& db_path);

}  // namespace knowledge
