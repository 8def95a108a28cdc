// salary.factors and salary.trends: what moves pay, and how pay is moving.
#include <boost/json.hpp>

#include "bot/handlers/handler.hpp"
#include "bot/text_format.hpp"

namespace bot {
namespace {

void add_percentage(const HandlerContext& ctx, Answer& answer, const char* topic, const std::string& lead) {
  const auto* percentage = ctx.kb.facts().percentage(topic);
  if (!percentage) return;
  const auto* passage = ctx.kb.passage(percentage->passage);
  answer.text += lead + (passage ? passage->text : "") + "\n";
  answer.data[topic] = {{"low_pct", percentage->low}, {"high_pct", percentage->high}};
  add_source(answer, ctx.kb, percentage->passage);
}

// The factor a question is about: what it names ("does location matter") or an entity it has.
std::string factor_in_question(const HandlerContext& ctx) {
  for (const auto& factor : ctx.extractor.values("factor", ctx.question))
    if (factor != "experience" || !ctx.entities.experience_years) return factor;
  const auto& entities = ctx.entities;
  if (entities.certification) return "education";
  if (entities.city) return "location";
  if (entities.industry) return "industry";
  if (entities.company_type) return "company";
  if (!entities.skill.empty()) return "skills";
  return {};
}

}  // namespace

void answer_salary_factors(const HandlerContext& ctx, Answer& answer) {
  const auto& facts = ctx.kb.facts();
  const std::string factor = factor_in_question(ctx);
  const auto& focused = facts.passages_of(facts.factor_passages, factor);
  std::vector<int> shown;
  if (!focused.empty()) {
    answer.text = "What the documents say about **" + factor + "** and MLOps pay:\n\n";
    shown = focused;
  } else {
    answer.text = "The documents name these factors behind an MLOps engineer's salary in India:\n\n";
    shown = facts.passages_of(facts.section_passages, "factors");
  }
  std::string last_group;
  for (int id : shown) {
    const auto* passage = ctx.kb.passage(id);
    if (!passage) continue;
    if (passage->group != last_group && !passage->group.empty() && focused.empty())
      answer.text += "**" + passage->group + "**\n";
    last_group = passage->group;
    answer.text += "- " + passage->text + "\n";
    if (answer.sources.size() < 4) add_source(answer, ctx.kb, id);
  }
  if (factor == "education" || ctx.entities.certification)
    add_percentage(ctx, answer, "certification_hike", "\n**Certifications:** ");
  answer.data["factor"] = factor.empty() ? boost::json::value(nullptr) : boost::json::value(factor);
  answer.suggestions = {"Does location matter for MLOps pay?", "Which skills increase MLOps salary?",
                        "How much does a certification add?"};
}

void answer_salary_trends(const HandlerContext& ctx, Answer& answer) {
  const auto& facts = ctx.kb.facts();
  answer.text = "How MLOps pay in India is moving, according to the documents:\n\n";
  for (int id : facts.passages_of(facts.section_passages, "trends")) {
    const auto* passage = ctx.kb.passage(id);
    if (!passage) continue;
    answer.text += (passage->kind == knowledge::PassageKind::item ? "- " : "") + passage->text + "\n";
    add_source(answer, ctx.kb, id);
  }
  for (const char* topic : {"yearly_growth", "certification_hike"})
    if (const auto* percentage = facts.percentage(topic))
      answer.data[topic] = {{"low_pct", percentage->low}, {"high_pct", percentage->high}};
  answer.suggestions = {"Which skills raise MLOps pay?", "Compare MLOps with other tech roles"};
}

}  // namespace bot
