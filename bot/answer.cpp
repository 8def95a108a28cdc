#include "bot/answer.hpp"

#include <boost/json.hpp>

namespace bot {

boost::json::object to_json(Answer answer, boost::json::object head) {
  boost::json::object object = std::move(head);
  object.reserve(object.size() + 6);
  object.emplace("intent", boost::json::object{{"name", answer.intent}, {"confidence", answer.confidence}});
  object.emplace("entities", std::move(answer.entities));
  object.emplace("text", answer.text);
  object.emplace("data", std::move(answer.data));
  boost::json::array sources;
  sources.reserve(answer.sources.size());
  for (const auto& source : answer.sources)
    sources.push_back(boost::json::object{{"doc", source.doc}, {"section", source.section}, {"snippet", source.snippet}});
  object.emplace("sources", std::move(sources));
  boost::json::array suggestions;
  suggestions.reserve(answer.suggestions.size());
  for (const auto& suggestion : answer.suggestions) suggestions.emplace_back(suggestion);
  object.emplace("suggestions", std::move(suggestions));
  return object;
}

}  // namespace bot
