#include "bot/answer.hpp"

#include <boost/json.hpp>

namespace bot {

boost::json::object to_json(const Answer& answer) {
  boost::json::object object;
  object["intent"] = {{"name", answer.intent}, {"confidence", answer.confidence}};
  object["entities"] = answer.entities;
  object["text"] = answer.text;
  object["data"] = answer.data;
  boost::json::array sources;
  for (const auto& source : answer.sources)
    sources.push_back({{"doc", source.doc}, {"section", source.section}, {"snippet", source.snippet}});
  object["sources"] = std::move(sources);
  boost::json::array suggestions;
  for (const auto& suggestion : answer.suggestions) suggestions.emplace_back(suggestion);
  object["suggestions"] = std::move(suggestions);
  return object;
}

}  // namespace bot
