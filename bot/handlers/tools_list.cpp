// tools.list: the tool catalogue, whole or one category.
#include <boost/json.hpp>

#include "bot/handlers/handler.hpp"
#include "bot/text_format.hpp"

namespace bot {

void answer_tools(const HandlerContext& ctx, Answer& answer) {
  const auto& facts = ctx.kb.facts();
  const auto& category = ctx.entities.tool_category;
  boost::json::array tools;
  std::string listing;
  for (const auto& group : facts.tools) {
    if (category && group.category != *category) continue;
    listing += "**" + group.label + "**: ";
    for (std::size_t i = 0; i < group.tools.size(); ++i) {
      listing += (i ? ", " : "") + group.tools[i];
      tools.emplace_back(group.tools[i]);
    }
    listing += "\n\n";
    if (!group.passages.empty()) add_source(answer, ctx.kb, group.passages.front());
  }
  if (tools.empty()) {
    answer.text = "The documents' tool catalogue has no " + (category ? display_name(*category) + " " : "") +
                  "tools.";
    return;
  }
  answer.text = (category ? "MLOps tools for this, from the documents:\n\n" : "The documents' MLOps tool catalogue:\n\n") +
                listing;
  answer.data["tools"] = std::move(tools);
  if (category) answer.data["category"] = *category;
  answer.suggestions = {"Which tools are used for model serving?", "What is DVC?", "What skills do I need for MLOps?"};
}

}  // namespace bot
