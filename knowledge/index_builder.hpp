// Building the knowledge base file: the corpus's documents read, facts, the FTS5 index of
// passages and examples.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "knowledge/document_reader.hpp"
#include "knowledge/labeler.hpp"
#include "knowledge/roles.hpp"

namespace knowledge {

// Bump when the file's layout or what the fact readers take from a document changes: an older
// file is then rebuilt rather than answering with what an older reader made of the documents.
inline constexpr int kSchemaVersion = 10;

// A search term more passages than this hold is "frequent": a search requires the question's
// other words (see QueryVocabulary::frequent). Far above what a team's corpus of articles holds
// (the seed has 165 passages), so that only a large corpus searches differently.
inline constexpr std::size_t kFrequentTermPassages = 2'000;

// The corpus's words a typo may be corrected to: the most frequent (see KnowledgeBase::vocabulary).
inline constexpr std::size_t kMaxCorrectionTargets = 10'000;

// What an input file was when its content was last hashed: its size, its modification time and
// its content's hash. As git's index does, a file whose size and time are still those is taken
// to be unchanged and not read again; only the files whose size or time differ are hashed.
struct FileStamp {
  std::string path;          // as the caller lists it
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = -1;  // -1: not to be trusted (changed within a moment of being stamped)
  std::uint64_t hash = 0;      // FNV-1a 64 of the content; 0 with `readable` false
  bool readable = true;
};

struct IndexInput {
  std::filesystem::path corpus_dir;
  // (intent, example question) pairs, indexed beside the passages so a search can vote.
  std::vector<std::pair<std::string, std::string>> examples;
  // Identifies the inputs (see content_signature); stored, and compared when opening.
  std::string signature;
  // The inputs' stamps (see stamp_files), stored so that the next check reads only changed files.
  std::vector<FileStamp> stamps;
  // The language of job titles, for finding the roles the documents name.
  RoleLexicon lexicon;
  // Called after each file is read: (files read, files in all), for a progress bar; may be empty.
  std::function<void(std::size_t, std::size_t)> progress;
};

// A file's type, size and modification time, as one stat(2) (links followed) read them.
struct FileStatus {
  std::filesystem::path path;
  int error = 0;  // stat(2)'s errno; 0 when it was read
  bool regular = false;
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;  // since 1970
};
FileStatus file_status(std::filesystem::path path);

// A file of the corpus folder that the index reads.
struct CorpusFile {
  FileStatus status;  // as listed
  std::string file;    // its path under the corpus folder, with "/" between folders: "teams/data.md"
  std::string doc_id;  // that path without the extension ("teams/data"); with it where two files
                       // would share an id ("teams/data.html" beside "teams/data.md")
  DocumentFormat format = DocumentFormat::text;
};

// A file the index leaves out, and why: "unsupported format .docx", "hidden file", "empty",
// "over the 20 MiB limit", "not a regular file", or why reading it failed.
struct SkippedFile {
  std::string file;  // its path under the corpus folder
  std::string reason;
};

struct CorpusListing {
  std::vector<CorpusFile> files;     // sorted by path
  std::vector<SkippedFile> skipped;  // sorted by path
};

// The documents in `dir` and its subfolders, and the files left out with the reason. Hidden
// files and folders (".git", Kubernetes' "..data") are left out; links to files are followed,
// links to folders are not. Throws std::runtime_error when `dir` is not a folder.
CorpusListing list_corpus(const std::filesystem::path& dir);

// The files list_corpus reads, as it read them: with 10,000 files, stat-ing each again to stamp
// it was half of a start-up's system time.
std::vector<FileStatus> corpus_files(const std::filesystem::path& dir);

// The files' stamps, in their order: each file's size and time read, and its content hashed
// unless `previous` (the stamps stored by the last build) holds the same path with the same size
// and time. A file changed less than kRacyStampSeconds before it is stamped is stamped with
// mtime_ns -1, so that it is hashed again next time: a change within the file system's time
// resolution would not show in its time (git's "racy clean" files).
inline constexpr int kRacyStampSeconds = 2;
std::vector<FileStamp> stamp_files(const std::vector<FileStatus>& files, const std::vector<FileStamp>& previous = {});

// A short hex digest of the files' names and content hashes, with the schema version. A file
// that cannot be read counts as such, so that it being fixed changes the digest.
std::string content_signature(const std::vector<FileStamp>& stamps);

// The stamps stored by the last build of `db_path`; empty when it is missing, unreadable or of
// another schema (every file is then hashed).
std::vector<FileStamp> stored_file_stamps(const std::filesystem::path& db_path);

// A document the index read.
struct IndexedFile {
  std::string file;  // its path under the corpus folder
  DocumentFormat format = DocumentFormat::text;
  int passages = 0;
};

struct IndexSummary {
  int documents = 0;
  int passages = 0;
  int roles = 0, salaries = 0, percentages = 0, tool_groups = 0, definitions = 0;
  std::vector<IndexedFile> indexed;  // in the corpus listing's order
  std::vector<SkippedFile> skipped;  // left out by the listing, or unreadable (a damaged PDF, binary bytes)
};

// The per-file lists of the last build of `db_path` (stored in it), or empty lists when the
// file is missing or of another schema.
struct CorpusReport {
  std::vector<IndexedFile> indexed;
  std::vector<SkippedFile> skipped;
};
CorpusReport stored_corpus_report(const std::filesystem::path& db_path);

// Writes the knowledge base to `db_path`, atomically: a temporary file in the same folder renamed
// over it, so a reader never sees half a build. Refuses (std::runtime_error) to replace a file
// that is not a knowledge base of this program; throws with the reason on any other failure.
IndexSummary build_index(const IndexInput& input, const Labeler& labeler, const std::filesystem::path& db_path);

}  // namespace knowledge
