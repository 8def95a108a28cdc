// market.demand: why MLOps engineers are in demand, where, and what industries use MLOps for.
#include "bot/handlers/handler.hpp"
#include "bot/text_format.hpp"

namespace bot {

void answer_demand(const HandlerContext& ctx, Answer& answer) {
  const auto& facts = ctx.kb.facts();
  const auto& demand = facts.passages_of(facts.section_passages, "demand");

  if (const auto& industry = ctx.entities.industry) {
    for (int id : facts.passages_of(facts.mentions, "industry:" + *industry)) {
      if (std::find(demand.begin(), demand.end(), id) == demand.end()) continue;
      answer.text = "What the documents say " + display_name(*industry) + " uses MLOps for: **" +
                    ctx.kb.passage(id)->text + "**\n\n";
      add_source(answer, ctx.kb, id);
      break;
    }
  }
  const auto places = ctx.extractor.values("factor", ctx.question);
  if (ctx.entities.city || std::find(places.begin(), places.end(), "location") != places.end()) {
    answer.text += "The documents do not count jobs by city; they name these cities as paying more thanks to strong AI and cloud adoption:\n\n";
    for (int id : facts.passages_of(facts.factor_passages, "location")) {
      answer.text += "- " + ctx.kb.passage(id)->text + "\n";
      add_source(answer, ctx.kb, id);
    }
    answer.text += "\n";
  }
  answer.text += "Demand for MLOps engineers in India, according to the documents:\n\n";
  std::string last_group;
  for (int id : demand) {
    const auto* passage = ctx.kb.passage(id);
    if (passage->group != last_group && !passage->group.empty()) answer.text += "\n**" + passage->group + "**\n";
    last_group = passage->group;
    answer.text += (passage->kind == knowledge::PassageKind::item ? "- " : "") + passage->text + "\n";
    if (answer.sources.size() < 4) add_source(answer, ctx.kb, id);
  }
  answer.suggestions = {"Which cities pay MLOps engineers more?", "What does an MLOps engineer earn?",
                        "Which industries pay the most?"};
}

}  // namespace bot
