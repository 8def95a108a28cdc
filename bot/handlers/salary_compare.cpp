// salary.compare: the asked roles side by side from the documents' comparison table.
#include <algorithm>

#include <boost/json.hpp>

#include "bot/handlers/handler.hpp"
#include "bot/text_format.hpp"

namespace bot {
namespace {

// The asked roles; with one role named, it is compared with MLOps; with none, all of them.
std::vector<std::string> roles_to_compare(const knowledge::Facts& facts, const std::vector<std::string>& asked) {
  std::vector<std::string> roles;
  if (asked.size() == 1 && asked.front() != "mlops_engineer") roles.push_back("mlops_engineer");
  for (const auto& role : asked)
    if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
  if (roles.size() < 2) {
    roles.clear();
    for (const auto& range : facts.roles) roles.push_back(range.role);
  }
  return roles;
}

}  // namespace

void answer_salary_compare(const HandlerContext& ctx, Answer& answer) {
  const auto& facts = ctx.kb.facts();
  const auto roles = roles_to_compare(facts, ctx.entities.role);
  boost::json::array comparison;
  std::vector<const knowledge::RoleRange*> found;
  std::vector<std::string> missing;
  answer.text = "Average salaries in India, according to the documents:\n\n| Role | Average salary | Note |\n|---|---|---|\n";
  for (const auto& role : roles) {
    const auto* range = facts.role(role);
    if (!range) {
      missing.push_back(display_name(role));
      continue;
    }
    found.push_back(range);
    answer.text += "| " + range->label + " | " + lpa_range(range->min_lpa, range->max_lpa) + " | " + range->note + " |\n";
    comparison.push_back({{"role", range->role}, {"label", range->label}, {"min_lpa", range->min_lpa},
                          {"max_lpa", range->max_lpa}, {"note", range->note}});
    add_source(answer, ctx.kb, range->passage);
  }
  if (!found.empty()) {
    // Which pays more: the higher top of the range, then the higher bottom.
    const auto* top = *std::max_element(found.begin(), found.end(), [](const auto* a, const auto* b) {
      return std::tie(a->max_lpa, a->min_lpa) < std::tie(b->max_lpa, b->min_lpa);
    });
    answer.text += "\nOf these, **" + top->label + "** pays the most (" + lpa_range(top->min_lpa, top->max_lpa) + ").";
  }
  if (!missing.empty()) {
    answer.text += "\n\nThe documents give no figure for:";
    for (const auto& name : missing) answer.text += " " + name;
    answer.text += ".";
  }
  // The table's own conclusion, where the document draws one.
  for (int id : facts.passages_of(facts.section_passages, "comparison")) {
    const auto* passage = ctx.kb.passage(id);
    if (passage && passage->kind == knowledge::PassageKind::paragraph && !passage->group.empty()) {
      answer.text += "\n\n" + passage->text;
      add_source(answer, ctx.kb, id);
      break;
    }
  }
  answer.data["comparison"] = std::move(comparison);
  answer.suggestions = {"What does an MLOps engineer with 3 years earn?", "Which skills raise MLOps pay?"};
}

}  // namespace bot
