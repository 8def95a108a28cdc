#include <utility>

#include "bot/handlers/handler.hpp"

namespace bot {

Handler handler_for(std::string_view intent) {
  static constexpr std::pair<std::string_view, Handler> kHandlers[] = {
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
  for (const auto& [name, handler] : kHandlers)
    if (name == intent) return handler;
  return nullptr;
}

}  // namespace bot
