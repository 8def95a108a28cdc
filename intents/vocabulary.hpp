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

 private:
  std::map<std::string, std::vector<VocabularyEntry>> kinds_;
  std::unordered_set<std::string> entity_kinds_;
  std::unordered_map<std::string, std::string> rewrites_;
  std::unordered_map<std::string, double> numbers_;
  std::vector<std::string> zero_experience_;
  std::unordered_map<std::string, std::vector<std::string>> search_synonyms_;
  std::unordered_set<std::string> stopwords_;
  std::vector<std::string> lexicon_;
};


}  // namespace intents
