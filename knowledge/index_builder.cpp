#include "knowledge/index_builder.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <future>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include <sys/stat.h>

#include <boost/json.hpp>

#include "knowledge/database_file.hpp"
#include "knowledge/facts.hpp"
#include "knowledge/internal/schema.hpp"
#include "knowledge/internal/sqlite.hpp"

namespace knowledge {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// FNV-1a 64 of `bytes`, continuing from `hash`.
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = 14695981039346656037ull) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

// The corpus's words, for spelling correction and for telling known words from unknown ones: the
// kMaxCorrectionTargets most frequent are the words a typo may be corrected to, the others are
// only known. Each target costs the corrector an entry per letter at every start-up: 66,804
// words of 10,000 man pages were 344 M instructions and tens of MB, most of them words of one page.
struct CorpusWords {
  std::vector<std::string> targets, others;  // each sorted
};
CorpusWords words_of(const std::vector<Passage>& passages) {
  std::unordered_map<std::string, std::size_t> words;
  auto add_words = [&](const std::string& text) {
    std::string word;
    for (char c : text + " ") {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c >= 'a' && c <= 'z') {
        word += c;
      } else {
        if (word.size() > 1) ++words[word];
        word.clear();
      }
    }
  };
  std::set<std::string> sections;
  for (const auto& passage : passages) {
    add_words(passage.text);
    add_words(passage.group);
    if (sections.insert(passage.section).second) add_words(passage.section);
  }
  std::vector<std::pair<std::string, std::size_t>> by_count(words.begin(), words.end());
  const auto cut = std::min(by_count.size(), kMaxCorrectionTargets);
  std::partial_sort(by_count.begin(), by_count.begin() + static_cast<std::ptrdiff_t>(cut), by_count.end(),
                    [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  CorpusWords out;
  for (std::size_t i = 0; i < by_count.size(); ++i) (i < cut ? out.targets : out.others).push_back(std::move(by_count[i].first));
  std::sort(out.targets.begin(), out.targets.end());
  std::sort(out.others.begin(), out.others.end());
  return out;
}

std::string lines_of(const std::vector<std::string>& words) {
  std::string lines;
  for (const auto& word : words) (lines += word) += '\n';
  return lines;
}

// How many passages hold each word (ASCII letters and digits, lower case). Hashed sets, and each
// passage's words read in place: with 500,000 passages a tree and a joined copy of each passage
// were a tenth of `index`.
std::unordered_map<std::string, std::size_t> passages_with_words(const std::vector<Passage>& passages) {
  std::unordered_map<std::string, std::size_t> passages_with;
  std::unordered_set<std::string> words;
  std::string word;
  for (const auto& passage : passages) {
    words.clear();
    for (const std::string* part : {&passage.section, &passage.group, &passage.text}) {
      for (char c : *part) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
          word += c;
        } else if (!word.empty()) {
          words.insert(word);
          word.clear();
        }
      }
      if (!word.empty()) words.insert(word);
      word.clear();
    }
    for (const auto& each : words) ++passages_with[each];
  }
  return passages_with;
}

// Words more than half of the passages hold: searching for them ranks nothing.
std::vector<std::string> common_words(const std::unordered_map<std::string, std::size_t>& passages_with,
                                      const std::vector<Passage>& passages) {
  std::vector<std::string> common;
  for (const auto& [word, count] : passages_with)
    if (2 * count > passages.size()) common.push_back(word);
  std::sort(common.begin(), common.end());
  return common;
}

// The corpus's words whose search term (FTS5's porter stem: "options" -> "option") more than
// kFrequentTermPassages passages hold, with that number (see QueryVocabulary::frequent). The
// stems and their counts come from FTS5 itself (fts5vocab); each word's stem from a temporary
// FTS5 table of the words, tokenized as the passages are.
std::vector<std::pair<std::string, std::int64_t>> frequent_words(
    sqlite::Database& db, const std::unordered_map<std::string, std::size_t>& passages_with) {
  std::vector<std::pair<std::string, std::int64_t>> frequent;
  db.execute(schema::kCreateTermCounts);
  std::unordered_map<std::string, std::int64_t> stem_passages;
  sqlite::Statement select_stems(db, schema::kSelectFrequentTerms);
  select_stems.bind(1, static_cast<std::int64_t>(kFrequentTermPassages));
  while (select_stems.step()) stem_passages.emplace(select_stems.column_text(0), select_stems.column_int(1));
  if (stem_passages.empty()) return frequent;
  db.execute(schema::kCreateWordStems);
  std::vector<const std::string*> words;
  {
    sqlite::Statement insert_word(db, schema::kInsertWordStem);
    for (const auto& each : passages_with) {
      words.push_back(&each.first);
      insert_word.bind(1, static_cast<std::int64_t>(words.size()));
      insert_word.bind(2, each.first);
      insert_word.step();
      insert_word.reset();
    }
  }
  sqlite::Statement select_word_stems(db, schema::kSelectWordStems);
  while (select_word_stems.step()) {
    const auto stem = stem_passages.find(select_word_stems.column_text(0));
    const auto row = static_cast<std::size_t>(select_word_stems.column_int(1));
    if (stem != stem_passages.end() && row >= 1 && row <= words.size()) frequent.emplace_back(*words[row - 1], stem->second);
  }
  std::sort(frequent.begin(), frequent.end());
  frequent.erase(std::unique(frequent.begin(), frequent.end()), frequent.end());
  db.execute(schema::kDropTermTables);
  return frequent;
}

// The per-file lists, stored so that `index` and others can say what the last build read.
boost::json::value corpus_report_json(const IndexSummary& summary) {
  boost::json::array indexed, skipped;
  for (const auto& file : summary.indexed)
    indexed.push_back({{"file", file.file}, {"format", to_string(file.format)}, {"passages", file.passages}});
  for (const auto& file : summary.skipped) skipped.push_back({{"file", file.file}, {"reason", file.reason}});
  return {{"indexed", std::move(indexed)}, {"skipped", std::move(skipped)}};
}

DocumentFormat format_named(std::string_view name) {
  for (auto format : {DocumentFormat::markdown, DocumentFormat::html, DocumentFormat::pdf})
    if (name == to_string(format)) return format;
  return DocumentFormat::text;
}

// Sorts the files by `file`, each moved once: swapping CorpusFiles (a path and two strings) as
// std::sort does cost 40M instructions for 10,000 of them.
void sort_by_file(std::vector<CorpusFile>& files) {
  std::vector<std::size_t> order(files.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return files[a].file < files[b].file; });
  std::vector<CorpusFile> sorted;
  sorted.reserve(files.size());
  for (const auto i : order) sorted.push_back(std::move(files[i]));
  files = std::move(sorted);
}

}  // namespace

CorpusListing list_corpus(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) throw std::runtime_error("corpus folder not found: " + dir.string());
  CorpusListing listing;
  namespace fs = std::filesystem;
  fs::recursive_directory_iterator entries(dir, fs::directory_options::skip_permission_denied), end;
  // Each entry's path is `dir`, a separator, and its path under `dir`: cut as strings, since
  // lexically_relative() and filename() split paths into components (with the sort below, most
  // of a start-up's listing of 10,000 files).
  const auto& folder = dir.native();
  const std::size_t relative_start = folder.size() + (folder.ends_with('/') ? 0 : 1);
  for (std::error_code error; entries != end; entries.increment(error)) {
    if (error) break;  // the folder changed or vanished while listed: what was listed stands
    const auto& entry = *entries;
    const auto& full = entry.path().native();
    const auto relative = full.size() > relative_start && full.starts_with(folder)
                              ? full.substr(relative_start)
                              : entry.path().lexically_relative(dir).generic_string();
    const auto name = file_name_of(full);
    std::error_code status_error;
    const bool is_folder = entry.is_directory(status_error);
    if (name.starts_with('.')) {
      if (is_folder) entries.disable_recursion_pending();
      listing.skipped.push_back({relative, is_folder ? "hidden folder" : "hidden file"});
      continue;
    }
    if (is_folder) {
      if (entry.is_symlink(status_error)) listing.skipped.push_back({relative, "a link to a folder (not followed)"});
      continue;
    }
    // One stat(2) for the type, the size and the time (std::filesystem makes one for each): with
    // 10,000 files, the listing's system calls were most of a start-up's system time.
    auto status = file_status(entry.path());
    if (status.error) {
      listing.skipped.push_back({relative, "cannot read: " + std::error_code(status.error, std::generic_category()).message()});
      continue;
    }
    if (!status.regular) {
      listing.skipped.push_back({relative, "not a regular file"});
      continue;
    }
    const auto format = format_of(entry.path());
    if (!format) {
      const auto extension = std::string(extension_of(name));
      listing.skipped.push_back({relative, extension.empty() ? "unsupported format (no extension)" : "unsupported format " + extension});
      continue;
    }
    const auto size = status.size;
    if (size == 0) {
      listing.skipped.push_back({relative, "empty"});
    } else if (size > kMaxDocumentBytes) {
      listing.skipped.push_back({relative, "over the " + std::to_string(kMaxDocumentBytes >> 20) + " MiB limit"});
    } else {
      listing.files.push_back({std::move(status), relative, {}, *format});
    }
  }
  auto by_file = [](const auto& a, const auto& b) { return a.file < b.file; };
  sort_by_file(listing.files);
  std::sort(listing.skipped.begin(), listing.skipped.end(), by_file);
  // The id is the path without its extension; where two files would share one, the later keeps its extension.
  std::unordered_set<std::string> ids;
  for (auto& file : listing.files) {
    auto id = file.file.substr(0, file.file.size() - extension_of(file.file).size());
    file.doc_id = ids.insert(id).second ? id : file.file;
    ids.insert(file.doc_id);
  }
  return listing;
}

FileStatus file_status(std::filesystem::path path) {
  FileStatus file{std::move(path)};
  struct stat status {};
  if (::stat(file.path.c_str(), &status) != 0) {
    file.error = errno;
    return file;
  }
  file.regular = S_ISREG(status.st_mode);
  file.size = static_cast<std::uintmax_t>(status.st_size);
  file.mtime_ns = std::int64_t{status.st_mtim.tv_sec} * 1'000'000'000 + status.st_mtim.tv_nsec;
  return file;
}

std::vector<FileStatus> corpus_files(const std::filesystem::path& dir) {
  std::vector<FileStatus> files;
  for (auto& file : list_corpus(dir).files) files.push_back(std::move(file.status));
  return files;
}

std::vector<FileStamp> stamp_files(const std::vector<FileStatus>& files, const std::vector<FileStamp>& previous) {
  std::unordered_map<std::string_view, const FileStamp*> known;
  for (const auto& stamp : previous)
    if (stamp.mtime_ns >= 0) known.emplace(stamp.path, &stamp);
  // Nanoseconds since 1970; a file changed less than kRacyStampSeconds ago, or before 1970, is
  // not trusted.
  const std::int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::system_clock::now().time_since_epoch()).count();
  std::vector<FileStamp> stamps;
  stamps.reserve(files.size());
  for (const auto& file : files) {
    FileStamp stamp;
    stamp.path = file.path.string();
    if (!file.error) {
      stamp.size = file.size;
      if (file.mtime_ns >= 0 && now - file.mtime_ns >= std::int64_t{kRacyStampSeconds} * 1'000'000'000)
        stamp.mtime_ns = file.mtime_ns;
    }
    const auto before = known.find(stamp.path);
    if (!file.error && stamp.mtime_ns >= 0 && before != known.end() && before->second->size == stamp.size &&
        before->second->mtime_ns == stamp.mtime_ns) {
      stamp.hash = before->second->hash;
      stamp.readable = before->second->readable;
    } else {
      try {
        stamp.hash = fnv1a(read_file(file.path));
      } catch (const std::exception&) {
        stamp.readable = false;
        stamp.mtime_ns = -1;
      }
    }
    stamps.push_back(std::move(stamp));
  }
  return stamps;
}

std::string content_signature(const std::vector<FileStamp>& stamps) {
  std::uint64_t hash = fnv1a("schema " + std::to_string(kSchemaVersion));
  for (const auto& stamp : stamps) {
    hash = fnv1a(file_name_of(stamp.path), hash);
    hash = stamp.readable ? fnv1a(std::string_view(reinterpret_cast<const char*>(&stamp.hash), sizeof stamp.hash), hash)
                          : fnv1a("\x01unreadable", hash);
  }
  std::ostringstream hex;
  hex << std::hex << hash;
  return hex.str();
}

std::vector<FileStamp> stored_file_stamps(const std::filesystem::path& db_path) {
  std::vector<FileStamp> stamps;
  if (inspect_database_file(db_path) != DatabaseFile::knowledge_base) return stamps;
  try {
    sqlite::Database db(db_path, sqlite::Database::Mode::read_only);
    sqlite::Statement version(db, schema::kSelectMeta);
    version.bind(1, std::string_view("schema_version"));
    if (!version.step() || version.column_text(0) != std::to_string(kSchemaVersion)) return stamps;
    sqlite::Statement select(db, schema::kSelectFiles);
    while (select.step())
      stamps.push_back({select.column_text(0), static_cast<std::uintmax_t>(select.column_int(1)), select.column_int(2),
                        static_cast<std::uint64_t>(select.column_int(3)), select.column_int(4) != 0});
  } catch (const std::exception&) {
    stamps.clear();  // not a knowledge base of ours: every file is hashed
  }
  return stamps;
}

CorpusReport stored_corpus_report(const std::filesystem::path& db_path) {
  CorpusReport report;
  if (!std::filesystem::exists(db_path)) return report;
  try {
    sqlite::Database db(db_path, sqlite::Database::Mode::read_only);
    sqlite::Statement select(db, schema::kSelectMeta);
    auto read = [&](std::string_view key) {
      select.reset();
      select.bind(1, key);
      return select.step() ? select.column_text(0) : std::string();
    };
    if (read("schema_version") != std::to_string(kSchemaVersion)) return report;
    const auto corpus = boost::json::parse(read("corpus")).as_object();
    for (const auto& each : corpus.at("indexed").as_array()) {
      const auto& file = each.as_object();
      report.indexed.push_back({std::string(file.at("file").as_string()),
                                format_named(file.at("format").as_string()),
                                static_cast<int>(file.at("passages").as_int64())});
    }
    for (const auto& each : corpus.at("skipped").as_array()) {
      const auto& file = each.as_object();
      report.skipped.push_back({std::string(file.at("file").as_string()), std::string(file.at("reason").as_string())});
    }
  } catch (const std::exception&) {
    return {};  // not a knowledge base of ours, or an older one
  }
  return report;
}

IndexSummary build_index(const IndexInput& input, const Labeler& labeler, const std::filesystem::path& db_path) {
  std::vector<Passage> passages;
  std::map<std::string, std::string> titles;
  std::vector<std::pair<std::string, int>> document_starts;  // each document with its first passage
  IndexSummary summary;
  auto listing = list_corpus(input.corpus_dir);
  summary.skipped = std::move(listing.skipped);
  for (std::size_t read = 0; read < listing.files.size(); ++read) {
    const auto& file = listing.files[read];
    if (input.progress) input.progress(read, listing.files.size());
    // A file that cannot be read is reported with the reason; the others are indexed.
    Document document;
    try {
      document = read_document(file.doc_id, read_file(file.status.path), file.format);
    } catch (const std::exception& error) {
      summary.skipped.push_back({file.file, error.what()});
      continue;
    }
    summary.indexed.push_back({file.file, file.format, static_cast<int>(document.passages.size())});
    titles[document.id] = document.title;
    if (!document.passages.empty()) document_starts.emplace_back(document.id, static_cast<int>(passages.size()));
    for (auto& passage : document.passages) {
      passage.id = static_cast<int>(passages.size());
      passages.push_back(std::move(passage));
    }
    ++summary.documents;
  }
  if (input.progress) input.progress(listing.files.size(), listing.files.size());
  std::sort(summary.skipped.begin(), summary.skipped.end(), [](const auto& a, const auto& b) { return a.file < b.file; });
  require_writable_knowledge_base(db_path);
  // The facts are read on a second thread while this one writes the passages: the two are the
  // larger parts of `index` and share only the passages, which neither changes. Declared after
  // `passages`, so that even when writing fails the thread ends before they go.
  auto facts_being_read =
      std::async(std::launch::async, [&] { return extract_facts(passages, titles, labeler, input.lexicon); });
  const auto words = words_of(passages);
  const auto passages_with = passages_with_words(passages);

  if (db_path.has_parent_path()) std::filesystem::create_directories(db_path.parent_path());
  // A name of its own, so two processes building at once never write the same file.
  auto temporary = db_path;
  temporary += ".building." + std::to_string(std::random_device{}());
  std::filesystem::remove(temporary);
  // A build that fails part way leaves no half-written file behind.
  struct RemoveUnlessRenamed {
    const std::filesystem::path& path;
    ~RemoveUnlessRenamed() {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    }
  } cleanup{temporary};
  Facts facts;
  {
    sqlite::Database db(temporary, sqlite::Database::Mode::create);
    db.execute(schema::kCreate);
    sqlite::Transaction transaction(db);
    sqlite::Statement insert_passage(db, schema::kInsertPassage);
    sqlite::Statement insert_fts(db, schema::kInsertPassageFts);
    for (const auto& passage : passages) {
      insert_passage.bind(1, std::int64_t{passage.id});
      insert_passage.bind(2, passage.doc);
      insert_passage.bind(3, passage.section);
      insert_passage.bind(4, passage.group);
      insert_passage.bind(5, std::string_view(to_string(passage.kind)));
      insert_passage.bind(6, std::int64_t{passage.position});
      insert_passage.bind(7, passage.text);
      insert_passage.bind(8, passage.parent);
      insert_passage.bind(9, boost::json::serialize(boost::json::value_from(passage.cells)));
      insert_passage.bind(10, boost::json::serialize(boost::json::value_from(passage.header)));
      insert_passage.bind(11, passage.caption);
      insert_passage.bind(12, heading_key(passage.section));
      insert_passage.step();
      insert_passage.reset();
      insert_fts.bind(1, std::int64_t{passage.id});
      insert_fts.bind(2, passage.section);
      insert_fts.bind(3, passage.group);
      insert_fts.bind(4, passage.text);
      insert_fts.step();
      insert_fts.reset();
    }
    sqlite::Statement insert_file(db, schema::kInsertFile);
    for (const auto& stamp : input.stamps) {
      insert_file.bind(1, stamp.path);
      insert_file.bind(2, static_cast<std::int64_t>(stamp.size));
      insert_file.bind(3, stamp.mtime_ns);
      insert_file.bind(4, static_cast<std::int64_t>(stamp.hash));
      insert_file.bind(5, std::int64_t{stamp.readable});
      insert_file.step();
      insert_file.reset();
    }
    sqlite::Statement insert_document(db, schema::kInsertDocument);
    for (const auto& [doc, first] : document_starts) {
      insert_document.bind(1, doc);
      insert_document.bind(2, std::int64_t{first});
      insert_document.step();
      insert_document.reset();
    }
    db.execute(schema::kCreateSectionIndex);
    sqlite::Statement insert_example(db, schema::kInsertExample);
    for (const auto& [intent, text] : input.examples) {
      insert_example.bind(1, intent);
      insert_example.bind(2, text);
      insert_example.step();
      insert_example.reset();
    }
    facts = facts_being_read.get();
    sqlite::Statement insert_meta(db, schema::kInsertMeta);
    const std::pair<const char*, std::string> meta[] = {
        {"schema_version", std::to_string(kSchemaVersion)},
        {"signature", input.signature},
        {"facts", boost::json::serialize(to_json(facts))},
        {"vocabulary", boost::json::serialize(boost::json::value_from(words.targets))},
        {"rare_words", lines_of(words.others)},
        {"common_words", boost::json::serialize(boost::json::value_from(common_words(passages_with, passages)))},
        {"corpus", boost::json::serialize(corpus_report_json(summary))}};
    for (const auto& [key, value] : meta) {
      insert_meta.bind(1, std::string_view(key));
      insert_meta.bind(2, value);
      insert_meta.step();
      insert_meta.reset();
    }
    transaction.commit();
    db.execute("INSERT INTO passages_fts(passages_fts) VALUES('optimize')");
    sqlite::Transaction frequent_transaction(db);
    sqlite::Statement insert_frequent(db, schema::kInsertFrequentWord);
    for (const auto& [word, count] : frequent_words(db, passages_with)) {
      insert_frequent.bind(1, word);
      insert_frequent.bind(2, count);
      insert_frequent.step();
      insert_frequent.reset();
    }
    frequent_transaction.commit();
  }
  std::filesystem::rename(temporary, db_path);

  summary.passages = static_cast<int>(passages.size());
  summary.roles = static_cast<int>(facts.roles.size());
  summary.salaries = static_cast<int>(facts.salaries.size());
  summary.definitions = static_cast<int>(facts.definitions.size());
  summary.percentages = static_cast<int>(facts.percentages.size());
  summary.tool_groups = static_cast<int>(facts.tools.size());
  return summary;
}

}  // namespace knowledge
