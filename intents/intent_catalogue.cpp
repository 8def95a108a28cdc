#include "intents/intent_catalogue.hpp"

#include <stdexcept>
#include <utility>

#include <boost/json.hpp>

#include "intents/json_file.hpp"

namespace intents {
namespace {

constexpr std::pair<std::string_view, bool IntentTraits::*> kTraits[] = {
    {"topic", &IntentTraits::topic},
    {"role", &IntentTraits::role},
    {"pay", &IntentTraits::pay},
    {"gathers_roles", &IntentTraits::gathers_roles},
    {"yields_to_tool_group", &IntentTraits::yields_to_tool_group},
};

constexpr std::pair<std::string_view, std::string EngineIntents::*> kEngineIntents[] = {
    {"help", &EngineIntents::help},
    {"out_of_scope", &EngineIntents::out_of_scope},
    {"topic", &EngineIntents::topic},
    {"tool_group", &EngineIntents::tool_group},
    {"compare", &EngineIntents::compare},
    {"estimate", &EngineIntents::estimate},
};

IntentTraits read_traits(const boost::json::value& list, const std::string& where) {
  IntentTraits traits;
  if (!list.is_array()) throw std::runtime_error(where + ": \"traits\" must be an array of words");
  for (const auto& word : list.get_array()) {
    bool known = false;
    for (const auto& [name, flag] : kTraits)
      if (word.is_string() && word.get_string() == name) {
        traits.*flag = true;
        known = true;
      }
    if (!known) {
      std::string names;
      for (const auto& [name, flag] : kTraits) names += (names.empty() ? "" : ", ") + std::string(name);
      throw std::runtime_error(where + ": unknown trait " + boost::json::serialize(word) + " (known: " + names + ")");
    }
  }
  return traits;
}

}  // namespace

IntentCatalogue IntentCatalogue::load(const std::filesystem::path& intents_json) {
  const std::string file = intents_json.string();
  const auto root_value = read_json_file(intents_json);
  const auto* root = root_value.if_object();
  const auto* intents = root ? root->if_contains("intents") : nullptr;
  if (!intents || !intents->is_object()) throw std::runtime_error(file + ": needs an object \"intents\"");
  IntentCatalogue catalogue;
  for (const auto& [intent, spec] : intents->get_object()) {
    const std::string where = file + ": intent " + std::string(intent);
    if (!spec.is_object()) throw std::runtime_error(where + " must be an object");
    const auto* traits = spec.get_object().if_contains("traits");
    catalogue.names_.emplace_back(intent);
    catalogue.traits_.emplace(std::string(intent), traits ? read_traits(*traits, where) : IntentTraits{});
  }

  const std::string where = file + ": engine_intents";
  const auto* chosen = root->if_contains("engine_intents");
  if (!chosen || !chosen->is_object()) throw std::runtime_error(where + " must be an object");
  for (const auto& [key, name] : chosen->get_object()) {
    bool known = false;
    for (const auto& [engine_key, field] : kEngineIntents) known = known || key == engine_key;
    if (!known) throw std::runtime_error(where + ": unknown key \"" + std::string(key) + "\"");
  }
  for (const auto& [key, field] : kEngineIntents) {
    const auto* name = chosen->get_object().if_contains(key);
    if (!name || !name->is_string())
      throw std::runtime_error(where + ": needs \"" + std::string(key) + "\", the name of an intent");
    if (!catalogue.traits(name->get_string()))
      throw std::runtime_error(where + ": \"" + std::string(key) + "\" names " + boost::json::serialize(*name) +
                               ", which is not one of \"intents\"");
    catalogue.engine_intents_.*field = std::string(name->get_string());
  }
  return catalogue;
}

const IntentTraits* IntentCatalogue::traits(std::string_view intent) const {
  const auto it = traits_.find(intent);
  return it == traits_.end() ? nullptr : &it->second;
}

}  // namespace intents
