// The entity vocabularies and the normalizer's word lists, read from intents/data/entities.json.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace intents {

// One canonical value and the RE2 fragments that name it.
struct VocabularyEntry {
  std::string value;
  std::vector<std::string> patterns;
};

// The language of job titles: head nouns ("engineer", "analyst"), words that qualify a title
// without being part of it ("senior", "the"), and occupations named by one word ("chef").
struct Occupations {
  std::vector<std::string> heads;
  std::vector<std::string> qualifiers;
  std::vector<std::string> standalone;
};

// Immutable after load(); shared by every thread.
class Vocabulary {
 public:
  // Throws std::runtime_error naming the file and the problem when it cannot be read.
  static std::shared_ptr<const Vocabulary> load(const std::filesystem::path& entities_json);

  // Entity kinds (level, role, city, ...) and label kinds (section_topic, factor, ...), in file order.
  const std::map<std::string, std::vector<VocabularyEntry>>& kinds() const { return kinds_; }
  bool is_entity_kind(const std::string& kind) const { return entity_kinds_.contains(kind); }

  const std::unordered_map<std::string, std::string>& rewrites() const { return rewrites_; }
  const std::unordered_map<std::string, double>& numbers() const { return numbers_; }
  const std::vector<std::string>& zero_experience() const { return zero_experience_; }
  const std::unordered_map<std::string, std::vector<std::string>>& search_synonyms() const { return search_synonyms_; }
  const std::unordered_set<std::string>& stopwords() const { return stopwords_; }
  const std::vector<std::string>& lexicon() const { return lexicon_; }
  const Occupations& occupations() const { return occupations_; }

  // A copy with `extra` entries added to `kind`: a value it has gains the patterns, a new
  // value is appended. The engine adds the roles the documents name this way.
  std::shared_ptr<const Vocabulary> with_entries(const std::string& kind, const std::vector<VocabularyEntry>& extra) const;

 private:
  std::map<std::string, std::vector<VocabularyEntry>> kinds_;
  std::unordered_set<std::string> entity_kinds_;
  std::unordered_map<std::string, std::string> rewrites_;
  std::unordered_map<std::string, double> numbers_;
  std::vector<std::string> zero_experience_;
  std::unordered_map<std::string, std::vector<std::string>> search_synonyms_;
  std::unordered_set<std::string> stopwords_;
  std::vector<std::string> lexicon_;
  Occupations occupations_;
};


}  // namespace intents
