#include <iterator>
#include <utility>

#include "bot/handlers/handler.hpp"

namespace bot {
namespace {

// Besides the handlers' own code, the only C++ that names intents: what else an intent means to
// the engine is in intents/data/intents.json ("traits", "engine_intents").
constexpr std::pair<std::string_view, Handler> kHandlers[] = {
    {"salary.estimate", answer_salary_estimate},
    {"salary.compare", answer_salary_compare},
    {"salary.factors", answer_salary_factors},
    {"salary.trends", answer_salary_trends},
    {"role.responsibilities", answer_responsibilities},
    {"role.skills", answer_skills},
    {"role.qualifications", answer_qualifications},
    {"tools.list", answer_tools},
    {"topic.explain", answer_topic},
    {"market.demand", answer_demand},
    {"smalltalk.greet", answer_greet},
    {"smalltalk.thanks", answer_thanks},
    {"smalltalk.bye", answer_bye},
    {"help", answer_help},
    {"out_of_scope", answer_out_of_scope},
};

}  // namespace

Handler handler_for(std::string_view intent) {
  for (const auto& [name, handler] : kHandlers)
    if (name == intent) return handler;
  return nullptr;
}

std::vector<std::string_view> handled_intents() {
  std::vector<std::string_view> names;
  names.reserve(std::size(kHandlers));
  for (const auto& [name, handler] : kHandlers) names.push_back(name);
  return names;
}

}  // namespace bot
