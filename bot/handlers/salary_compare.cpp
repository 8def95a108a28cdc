// salary.compare: the asked roles side by side, at the level asked or level by level where the
// documents give bands, else each role's figure across levels.
#include <algorithm>
#include <map>

#include <boost/json.hpp>

#include "bot/handlers/handler.hpp"
#include "bot/handlers/salary_text.hpp"
#include "bot/text_format.hpp"
#include "knowledge/amounts.hpp"

namespace bot {
namespace {

constexpr const char* kLevels[] = {"entry", "mid", "senior", "lead"};

// The asked roles; one role named is compared with the default role; none, every role with figures.
std::vector<std::string> roles_to_compare(const HandlerContext& ctx) {
  std::vector<std::string> roles;
  const auto& asked = ctx.entities.role;
  if (asked.size() == 1 && asked.front() != ctx.roles.default_role() && !ctx.roles.default_role().empty())
    roles.push_back(ctx.roles.default_role());
  for (const auto& role : asked)
    if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
  if (roles.size() + ctx.unknown_titles.size() < 2) {
    roles.clear();
    for (const auto& figure : ctx.kb.facts().salaries)
      if (is_role_row(ctx, figure) && std::find(roles.begin(), roles.end(), figure.role) == roles.end())
        roles.push_back(figure.role);
    if (roles.size() < 2) roles = ctx.roles.roles_with_figures();
  }
  return roles;
}

// A role's pay as one figure: its comparison row where the documents give one, else the span of
// its bands (from the lowest band's bottom to the highest band's top), else its first figure
// for no level.
struct Summary {
  double min = 0, max = 0;
  bool open_ended = false;
  std::string currency = "INR";
  std::string how;  // "average across levels", "from Junior to Lead / Principal"
  int passage = -1;
};

std::optional<Summary> summary_of(const HandlerContext& ctx, const std::string& role) {
  const auto figures = ctx.kb.facts().salaries_of(role);
  for (const auto* figure : figures)
    if (is_role_row(ctx, *figure))
      return Summary{figure->min, figure->max, figure->open_ended, figure->currency, "average", figure->passage};
  std::optional<Summary> span;
  for (const auto* figure : figures) {
    if (!figure->city.empty() || !figure->company_type.empty() || !figure->industry.empty()) continue;
    if (figure->level.empty() && !figure->has_years()) continue;
    if (!span) span = Summary{figure->min, figure->max, figure->open_ended, figure->currency, "from entry to the top band", figure->passage};
    if (figure->currency != span->currency) continue;
    span->min = std::min(span->min, figure->min);
    if (figure->max >= span->max) {
      span->max = figure->max;
      span->open_ended = figure->open_ended;
    }
  }
  if (span) return span;
  for (const auto* figure : figures)
    if (figure->overall) return Summary{figure->min, figure->max, figure->open_ended, figure->currency, "", figure->passage};
  return std::nullopt;
}

const knowledge::SalaryFigure* band_at(const HandlerContext& ctx, const std::string& role, const std::string& level) {
  for (const auto* figure : ctx.kb.facts().salaries_of(role))
    if (figure->level == level && figure->city.empty() && figure->company_type.empty() && figure->industry.empty())
      return figure;
  return nullptr;
}

}  // namespace

void answer_salary_compare(const HandlerContext& ctx, Answer& answer) {
  const auto roles = roles_to_compare(ctx);
  std::vector<std::string> with_figures, without;
  for (const auto& role : roles) (ctx.roles.has_figures(role) ? with_figures : without).push_back(role);
  boost::json::array comparison;

  // At a level asked, or level by level when two roles have bands: one row per level.
  const auto& asked_level = ctx.entities.level;
  std::size_t banded = 0;
  for (const auto& role : with_figures)
    if (std::any_of(std::begin(kLevels), std::end(kLevels), [&](const char* level) { return band_at(ctx, role, level); }))
      ++banded;
  if (banded >= 2 || (asked_level && banded >= 1)) {
    answer.text = "Salaries in India by level, according to the documents:\n\n| Level |";
    for (const auto& role : with_figures) answer.text += " " + ctx.roles.label(role) + " |";
    answer.text += "\n|---|";
    for (std::size_t i = 0; i < with_figures.size(); ++i) answer.text += "---|";
    answer.text += "\n";
    for (const char* level : kLevels) {
      if (asked_level && *asked_level != level) continue;
      std::string row = "| " + display_name(level) + " |";
      bool any = false;
      for (const auto& role : with_figures) {
        const auto* band = band_at(ctx, role, level);
        row += " " + (band ? amount_text(*band) : std::string("–")) + " |";
        if (band) {
          any = true;
          add_source(answer, ctx.kb, band->passage);
        }
      }
      if (any) answer.text += row + "\n";
    }
  } else {
    answer.text = "Salaries in India, according to the documents:\n\n| Role | Salary | Note |\n|---|---|---|\n";
  }
  const bool table_by_role = answer.text.find("| Role |") != std::string::npos;
  std::optional<Summary> top_summary;
  std::string top_role;
  for (const auto& role : with_figures) {
    const auto summary = summary_of(ctx, role);
    if (!summary) continue;
    const std::string label = ctx.roles.label(role);
    double min = summary->min, max = summary->max;
    if (asked_level)
      if (const auto* band = band_at(ctx, role, *asked_level)) {
        min = band->min;
        max = band->max;
      }
    if (table_by_role) {
      std::string note;
      for (const auto* figure : ctx.kb.facts().salaries_of(role))
        if (figure->overall && figure->passage == summary->passage) {
          const auto passage = ctx.kb.passage(figure->passage);
          if (passage && passage->cells.size() > 2) note = passage->cells.back();
          else if (passage && passage->cells.empty()) {
            const auto last_bar = passage->text.rfind('|');
            if (last_bar != std::string::npos) note = passage->text.substr(last_bar + 1);
          }
        }
      while (!note.empty() && note.front() == ' ') note.erase(0, 1);
      answer.text += "| " + label + " | " + knowledge::format_amount(min, max, summary->open_ended, summary->currency) +
                     " | " + note + " |\n";
      add_source(answer, ctx.kb, summary->passage);
    }
    comparison.push_back({{"role", role}, {"label", label}, {"min_lpa", min}, {"max_lpa", max},
                          {"currency", summary->currency}});
    // Pay in another currency is not compared with rupees (it is another country's).
    if (summary->currency == "INR" && (!top_summary || std::tie(max, min) > std::tie(top_summary->max, top_summary->min))) {
      top_summary = Summary{min, max, summary->open_ended, summary->currency, summary->how, summary->passage};
      top_role = role;
    }
  }
  if (top_summary && comparison.size() >= 2)
    answer.text += "\nOf these, **" + ctx.roles.label(top_role) + "** pays the most (" +
                   knowledge::format_amount(top_summary->min, top_summary->max, top_summary->open_ended, top_summary->currency) +
                   (asked_level ? "" : " at its top") + ").";
  for (const auto& role : without) {
    const std::string label = ctx.roles.label(role);
    answer.text += "\n\nThe documents give no figure for **" + label + "**.";
    const auto& facts = ctx.kb.facts();
    const auto& mentions = facts.passages_of(facts.mentions, "role:" + role);
    if (!mentions.empty()) {
      const auto passage = ctx.kb.passage(mentions.front());
      answer.text += " What they say: “" + sentence_with(passage->text, label.substr(0, label.find(' '))) + "”";
      add_source(answer, ctx.kb, passage->id);
    }
  }
  for (const auto& title : ctx.unknown_titles) answer.text += "\n\nMy documents say nothing about " + title + "s.";
  // The comparison's own conclusion, where the document draws one.
  const auto& facts = ctx.kb.facts();
  for (int id : facts.passages_of(facts.section_passages, "comparison")) {
    // The role first: it is in memory, and a large corpus has thousands of comparison passages.
    if (std::find(roles.begin(), roles.end(), facts.role_of_passage(id)) == roles.end()) continue;
    const auto passage = ctx.kb.passage(id);
    if (passage && passage->kind == knowledge::PassageKind::paragraph && !passage->group.empty()) {
      answer.text += "\n\n" + passage->text;
      add_source(answer, ctx.kb, id);
      break;
    }
  }
  answer.data["comparison"] = std::move(comparison);
  answer.suggestions = {"What does " + with_article(ctx.roles.label(roles.empty() ? ctx.role : roles.front())) +
                            " with 3 years earn?",
                        "Which skills raise the pay?"};
}

}  // namespace bot
