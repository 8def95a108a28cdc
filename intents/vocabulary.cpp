#include "intents/vocabulary.hpp"

#include <algorithm>
#include <stdexcept>

#include <boost/json.hpp>

#include "intents/json_file.hpp"

namespace intents {
namespace {

const boost::json::object& object_at(const boost::json::object& parent, const char* key, const std::string& file) {
  const auto* value = parent.if_contains(key);
  if (!value || !value->is_object()) throw std::runtime_error(file + ": \"" + key + "\" must be an object");
  return value->get_object();
}

std::vector<std::string> strings_of(const boost::json::value& value, const std::string& where) {
  if (!value.is_array()) throw std::runtime_error(where + " must be an array of strings");
  std::vector<std::string> result;
  for (const auto& item : value.get_array()) {
    if (!item.is_string()) throw std::runtime_error(where + " must be an array of strings");
    result.emplace_back(item.get_string());
  }
  return result;
}

void read_kinds(const boost::json::object& kinds, const std::string& file,
                std::map<std::string, std::vector<VocabularyEntry>>& into) {
  for (const auto& [kind, entries] : kinds) {
    const std::string where = file + ": " + std::string(kind);
    if (!entries.is_array()) throw std::runtime_error(where + " must be an array");
    auto& list = into[std::string(kind)];
    for (const auto& entry : entries.get_array()) {
      const auto* object = entry.if_object();
      if (!object || !object->contains("value") || !object->at("value").is_string() || !object->contains("match"))
        throw std::runtime_error(where + ": each entry needs \"value\" and \"match\"");
      list.push_back({std::string(object->at("value").get_string()), strings_of(object->at("match"), where)});
    }
  }
}

}  // namespace

std::shared_ptr<const Vocabulary> Vocabulary::load(const std::filesystem::path& entities_json) {
  const std::string file = entities_json.string();
  const auto root_value = read_json_file(entities_json);
  if (!root_value.is_object()) throw std::runtime_error(file + ": must be a JSON object");
  const auto& root = root_value.get_object();

  auto vocabulary = std::make_shared<Vocabulary>();
  const auto& entities = object_at(root, "entities", file);
  read_kinds(entities, file, vocabulary->kinds_);
  for (const auto& [kind, entries] : entities) vocabulary->entity_kinds_.emplace(kind);
  read_kinds(object_at(root, "labels", file), file, vocabulary->kinds_);

  for (const auto& [from, to] : object_at(root, "rewrites", file))
    if (to.is_string()) vocabulary->rewrites_.emplace(std::string(from), std::string(to.get_string()));
  for (const auto& [word, number] : object_at(root, "numbers", file))
    if (number.is_number()) vocabulary->numbers_.emplace(std::string(word), number.to_number<double>());
  for (const auto& [word, synonyms] : object_at(root, "search_synonyms", file))
    vocabulary->search_synonyms_.emplace(std::string(word), strings_of(synonyms, file + ": search_synonyms"));
  if (const auto* zero = root.if_contains("zero_experience"))
    vocabulary->zero_experience_ = strings_of(*zero, file + ": zero_experience");
  if (const auto* stopwords = root.if_contains("stopwords"))
    for (auto& word : strings_of(*stopwords, file + ": stopwords")) vocabulary->stopwords_.insert(std::move(word));
  if (const auto* lexicon = root.if_contains("lexicon"))
    vocabulary->lexicon_ = strings_of(*lexicon, file + ": lexicon");
  if (const auto* occupations = root.if_contains("occupations")) {
    if (!occupations->is_object()) throw std::runtime_error(file + ": \"occupations\" must be an object");
    const auto& object = occupations->get_object();
    auto list = [&](const char* key) {
      const auto* value = object.if_contains(key);
      return value ? strings_of(*value, file + ": occupations." + key) : std::vector<std::string>{};
    };
    vocabulary->occupations_ = {list("heads"), list("qualifiers"), list("standalone")};
  }
  return vocabulary;
}

std::shared_ptr<const Vocabulary> Vocabulary::with_entries(const std::string& kind,
                                                           const std::vector<VocabularyEntry>& extra) const {
  auto copy = std::make_shared<Vocabulary>(*this);
  auto& entries = copy->kinds_[kind];
  for (const auto& entry : extra) {
    auto it = std::find_if(entries.begin(), entries.end(), [&](const VocabularyEntry& e) { return e.value == entry.value; });
    if (it == entries.end()) {
      entries.push_back(entry);
      continue;
    }
    for (const auto& pattern : entry.patterns)
      if (std::find(it->patterns.begin(), it->patterns.end(), pattern) == it->patterns.end()) it->patterns.push_back(pattern);
  }
  return copy;
}

}  // namespace intents
