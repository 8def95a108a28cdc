#include "knowledge/index_builder.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

#include <boost/json.hpp>

#include "knowledge/facts.hpp"
#include "knowledge/document_reader.hpp"
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

// The corpus's words, for spelling correction and for telling known words from unknown ones.
std::vector<std::string> words_of(const std::vector<Passage>& passages) {
  std::set<std::string> words;
  auto add_words = [&](const std::string& text) {
    std::string word;
    for (char c : text + " ") {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c >= 'a' && c <= 'z') {
        word += c;
      } else {
        if (word.size() > 1) words.insert(word);
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
  return {words.begin(), words.end()};
}

// Words more than half of the passages hold: searching for them ranks nothing.
std::vector<std::string> common_words(const std::vector<Passage>& passages) {
  std::map<std::string, std::size_t> passages_with;
  for (const auto& passage : passages) {
    std::set<std::string> words;
    std::string word;
    for (char c : passage.section + " " + passage.group + " " + passage.text + " ") {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        word += c;
      } else {
        if (!word.empty()) words.insert(word);
        word.clear();
      }
    }
    for (const auto& each : words) ++passages_with[each];
  }
  std::vector<std::string> common;
  for (const auto& [word, count] : passages_with)
    if (2 * count > passages.size()) common.push_back(word);
  return common;
}

}  // namespace

std::vector<std::filesystem::path> corpus_files(const std::filesystem::path& dir) {
  if (!std::filesystem::is_directory(dir)) throw std::runtime_error("corpus folder not found: " + dir.string());
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const auto extension = entry.path().extension();
    if (entry.is_regular_file() && (extension == ".txt" || extension == ".md")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string content_signature(const std::vector<std::filesystem::path>& files) {
  std::uint64_t hash = 14695981039346656037ull;
  auto mix = [&](std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash ^= c;
      hash *= 1099511628211ull;
    }
  };
  mix("schema " + std::to_string(kSchemaVersion));
  for (const auto& file : files) {
    mix(file.filename().string());
    mix(read_file(file));
  }
  std::ostringstream hex;
  hex << std::hex << hash;
  return hex.str();
}

IndexSummary build_index(const IndexInput& input, const Labeler& labeler, const std::filesystem::path& db_path) {
  std::vector<Passage> passages;
  IndexSummary summary;
  for (const auto& file : corpus_files(input.corpus_dir)) {
    auto document = read_document(file.stem().string(), read_file(file), *format_of(file));
    for (auto& passage : document.passages) {
      passage.id = static_cast<int>(passages.size());
      passages.push_back(std::move(passage));
    }
    ++summary.documents;
  }
  const Facts facts = extract_facts(passages, labeler);

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
      insert_passage.step();
      insert_passage.reset();
      insert_fts.bind(1, std::int64_t{passage.id});
      insert_fts.bind(2, passage.section);
      insert_fts.bind(3, passage.group);
      insert_fts.bind(4, passage.text);
      insert_fts.step();
      insert_fts.reset();
    }
    sqlite::Statement insert_example(db, schema::kInsertExample);
    for (const auto& [intent, text] : input.examples) {
      insert_example.bind(1, intent);
      insert_example.bind(2, text);
      insert_example.step();
      insert_example.reset();
    }
    sqlite::Statement insert_meta(db, schema::kInsertMeta);
    const std::pair<const char*, std::string> meta[] = {
        {"schema_version", std::to_string(kSchemaVersion)},
        {"signature", input.signature},
        {"facts", boost::json::serialize(to_json(facts))},
        {"vocabulary", boost::json::serialize(boost::json::value_from(words_of(passages)))},
        {"common_words", boost::json::serialize(boost::json::value_from(common_words(passages)))}};
    for (const auto& [key, value] : meta) {
      insert_meta.bind(1, std::string_view(key));
      insert_meta.bind(2, value);
      insert_meta.step();
      insert_meta.reset();
    }
    transaction.commit();
    db.execute("INSERT INTO passages_fts(passages_fts) VALUES('optimize')");
  }
  std::filesystem::rename(temporary, db_path);

  summary.passages = static_cast<int>(passages.size());
  summary.bands = static_cast<int>(facts.bands.size());
  summary.roles = static_cast<int>(facts.roles.size());
  summary.percentages = static_cast<int>(facts.percentages.size());
  summary.tool_groups = static_cast<int>(facts.tools.size());
  return summary;
}

}  // namespace knowledge
