// salary.estimate: the figure the documents state for the role at the experience, level, city,
// company type or industry asked; the role's whole table when the question names none of them.
#include <algorithm>
#include <map>
#include <optional>

#include <boost/json.hpp>

#include "bot/handlers/handler.hpp"
#include "bot/handlers/mentions.hpp"
#include "bot/handlers/role_passages.hpp"
#include "bot/handlers/salary_text.hpp"
#include "bot/salary_match.hpp"
#include "bot/text_format.hpp"
#include "knowledge/amounts.hpp"

namespace bot {
namespace {

std::string experience_phrase(const intents::Entities& entities) {
  if (!entities.experience_years) return "";
  if (*entities.experience_years == 0) return "no experience (a fresher)";
  return number_text(*entities.experience_years) + (*entities.experience_years == 1 ? " year" : " years") +
         " of experience";
}

// "A Cloud Engineer with 3 years of experience in Bengaluru": who the figure is for, as asked.
std::string subject_phrase(const HandlerContext& ctx, const knowledge::SalaryFigure& figure) {
  const auto& entities = ctx.entities;
  std::string subject = with_article(ctx.roles.label(ctx.role));
  if (const auto experience = experience_phrase(entities); !experience.empty()) subject += " with " + experience;
  else if (entities.level) subject = with_article(display_name(*entities.level) + "-level " + ctx.roles.label(ctx.role));
  if (!figure.city.empty()) subject += " in " + display_name(figure.city);
  if (!figure.company_type.empty()) subject += " at " + company_phrase(figure.company_type);
  if (!figure.industry.empty()) subject += " in " + display_name(figure.industry);
  return subject;
}

// The years where the role's next band by experience starts, after `figure`'s: a follow-up the
// documents answer with another figure. None when no band follows.
std::optional<double> next_band_years(const HandlerContext& ctx, const knowledge::SalaryFigure& figure) {
  const double after = figure.years_to.value_or(figure.years_from.value_or(-1));
  std::optional<double> next;
  for (const auto* band : ctx.kb.facts().salaries_of(ctx.role)) {
    if (!band->years_from || !band->city.empty() || !band->company_type.empty() || !band->industry.empty()) continue;
    const double start = *band->years_from;
    if (start < after || start == figure.years_from) continue;
    // "2–5 years" after "0–2 years": 2 years is in both, 3 in the next alone.
    const double asked = start > after ? start : start + 1;
    if (!next || asked < *next) next = asked;
  }
  return next;
}

void one_figure(const HandlerContext& ctx, Answer& answer, const SalaryMatch& match) {
  const auto& figure = *match.figure;
  const std::string amount = "**" + amount_text(figure) + "**";
  const std::string subject = subject_phrase(ctx, figure);
  const bool asked_level = ctx.entities.level || !experience_phrase(ctx.entities).empty();
  if (!figure.label.empty() && (!figure.level.empty() || figure.has_years()))
    answer.text = subject + " is in the **" + figure.label + "** band: " + amount;
  else if (asked_level && figure.level.empty() && !figure.has_years())
    // The documents' one figure is for every level: never presented as the asked level's.
    answer.text = "The documents give no figure by experience for " + with_article(ctx.roles.label(ctx.role)) +
                  "; across all levels they give " + amount;
  else
    answer.text = subject + " earns about " + amount;
  answer.text += figure.open_ended ? " (the documents say it can go higher)." : ".";
  if (figure.label.empty() || (figure.level.empty() && !figure.has_years()))
    answer.text += " The documents: “" + sentence_with(figure.quote, "") + "”";
  // What else the figure's table row says of the band: its average, its monthly in-hand pay.
  if (!figure.notes.empty()) answer.text += " The same row of the table gives " + figure.notes + ".";
  answer.data["salary"] = salary_json(ctx, figure);
  if (ctx.entities.experience_years) answer.data["salary"].as_object()["experience_years"] = *ctx.entities.experience_years;
  add_source(answer, ctx.kb, figure.passage);
  if (!match.alternatives.empty()) {
    boost::json::array alternatives;
    answer.text += "\n\nThe documents disagree here:";
    for (const auto* other : match.alternatives) {
      const auto passage = ctx.kb.passage(other->passage);
      answer.text += " " + (passage ? "*" + passage->doc + "*" : std::string("another passage")) + " gives **" +
                     amount_text(*other) + "**.";
      auto alternative = salary_json(ctx, *other);
      if (passage) alternative["source"] = {{"doc", passage->doc}, {"section", passage->section}};
      alternatives.push_back(std::move(alternative));
      add_source(answer, ctx.kb, other->passage);
    }
    answer.data["salary"].as_object()["alternatives"] = std::move(alternatives);
  }
  answer.suggestions.clear();
  if (const auto next = next_band_years(ctx, figure))
    answer.suggestions.push_back(*next == 0 ? "What about a fresher?" : "What about " + number_text(*next) + " years?");
  answer.suggestions.push_back("Compare " + ctx.roles.label(ctx.role) + " with other roles");
  answer.suggestions.push_back("Which skills raise the pay?");
}

// The certification premium the role's documents state, applied to the band and said to be so.
void certification_hike(const HandlerContext& ctx, Answer& answer, const knowledge::SalaryFigure* figure) {
  const auto& facts = ctx.kb.facts();
  const auto* hike = facts.percentage("certification_hike", ctx.role);
  if (!hike) hike = facts.percentage("certification_hike");
  const std::string name = display_name(*ctx.entities.certification);
  if (!hike) {
    answer.text += "\n\nThe documents give no figure for what " + name + " adds to pay.";
    return;
  }
  answer.text += "\n\n**Certification:** the documents say: “" + hike->quote + "”";
  boost::json::object factor{{"factor", "certification"}, {"certification", *ctx.entities.certification},
                             {"hike_pct", boost::json::array{hike->low, hike->high}}};
  if (figure && figure->currency == "INR" && hike->low != hike->high) {
    const double low = figure->min * (1 + hike->low / 100), high = figure->max * (1 + hike->high / 100);
    answer.text += " Applied to this band, that is about " + lpa_range(low, high) + " with " + name + ".";
    factor["adjusted_min_lpa"] = low;
    factor["adjusted_max_lpa"] = high;
  }
  add_source(answer, ctx.kb, hike->passage);
  if (auto* salary = answer.data.if_contains("salary"); salary && salary->is_object())
    salary->as_object()["factors"].emplace_array().push_back(std::move(factor));
}

// The role's own figure for the city asked, where the figure that fits the rest of the question is
// not the city's ("with 6 years" has a band, Hyderabad one figure for every level): said beside it.
bool city_figure(const HandlerContext& ctx, Answer& answer, const std::string& city) {
  for (const auto* figure : ctx.kb.facts().salaries_of(ctx.role)) {
    if (figure->city != city || !figure->company_type.empty() || !figure->industry.empty()) continue;
    const std::string years = years_text(*figure);
    const std::string which = !years.empty()          ? " for " + years
                              : !figure->level.empty() ? " at the " + display_name(figure->level) + " level"
                                                       : ", for no particular level";
    answer.text += "\n\n**" + display_name(city) + ":** the documents give **" + amount_text(*figure) + "** there" + which + ".";
    add_source(answer, ctx.kb, figure->passage);
    return true;
  }
  return false;
}

// Where the figure is not for the city, company type or industry asked, say what the documents
// say about it instead.
void unmatched_dimensions(const HandlerContext& ctx, Answer& answer, const SalaryMatch* match) {
  const auto& entities = ctx.entities;
  if (entities.city && !(match && match->city_matched) && !city_figure(ctx, answer, *entities.city))
    describe_mention(ctx, answer, "city", *entities.city, "location");
  // "and at Amazon?" answered by the "Amazon" row: the question named the employer the figure is for.
  const bool employer_named = match && !match->figure->label.empty() &&
                              (" " + lower_words(ctx.question) + " ").find(" " + lower_words(match->figure->label) + " ") !=
                                  std::string::npos;
  if (employer_named) return;
  if (entities.industry && !(match && match->industry_matched))
    describe_mention(ctx, answer, "industry", *entities.industry, "industry");
  if (entities.company_type && !(match && match->company_matched))
    describe_mention(ctx, answer, "company_type", *entities.company_type, "company");
}

// What the question asks beyond a figure ("do AWS roles pay more than Azure ones?"): a sentence of
// the role's documents that holds two or more of the question's own words and a number.
void related_statement(const HandlerContext& ctx, Answer& answer, const SalaryQuery& query) {
  constexpr int kMinWords = 2;
  if (query.terms.size() < static_cast<std::size_t>(kMinWords)) return;
  const auto best = ranked_sentences(ctx, role_passages(ctx, ctx.role), 1, query.terms);
  if (best.empty() || best.front().score < kMinWords) return;
  const auto& sentence = best.front().text;
  if (sentence.find_first_of("0123456789") == std::string::npos || answer.text.find(sentence) != std::string::npos)
    return;
  // A pay figure in it may be another role's: only the role's own figures are quoted as pay.
  if (!knowledge::find_amounts(sentence).empty()) return;
  answer.text += "\n\nThe documents also say: “" + sentence + "”";
  add_source(answer, ctx.kb, best.front().passage);
}

// "what does a director earn?": a word of the question that only one band's label holds
// ("5. Director of Product Management", "Director 12+ years") names that band.
const knowledge::SalaryFigure* band_named_by_label(const HandlerContext& ctx, const SalaryQuery& query) {
  const knowledge::SalaryFigure* found = nullptr;
  for (const auto* figure : ctx.kb.facts().salaries_of(query.role)) {
    if (figure->label.empty() || ctx.matcher.overlap(query.terms, figure->label) == 0) continue;
    if (found && found->label != figure->label) return nullptr;
    if (!found) found = figure;
  }
  return found;
}

// Pay asked for in another country ("in the US"): the role's figure in that country's currency,
// as the documents state it, or the honest answer that they state none; never a rupee figure.
void figure_in_currency(const HandlerContext& ctx, Answer& answer, const SalaryQuery& query, const std::string& currency) {
  std::vector<const knowledge::SalaryFigure*> stated;
  for (const auto* figure : ctx.kb.facts().salaries_of(query.role))
    if (figure->currency == currency) stated.push_back(figure);
  if (stated.empty()) {
    answer.text = "The documents give no pay in " + currency + " for " + with_article(ctx.roles.label(query.role)) +
                  ": the figures they state for the role are not for that country.";
    answer.suggestions = {"What does " + with_article(ctx.roles.label(query.role)) + " earn in India?"};
    return;
  }
  // The one for the level asked, where the documents give several.
  const auto* chosen = stated.front();
  for (const auto* figure : stated)
    if (!query.level.empty() && figure->level == query.level) chosen = figure;
  one_figure(ctx, answer, SalaryMatch{chosen, {}, false, false, false, false});
  answer.text = "In " + currency + ", as the documents state it: " + answer.text;
}

}  // namespace

void answer_salary_estimate(const HandlerContext& ctx, Answer& answer) {
  if (ctx.role.empty()) return ask_which_role(ctx, answer);
  if (!ctx.roles.has_figures(ctx.role)) return no_figures_for(ctx, answer, ctx.role);
  const SalaryQuery query = salary_query(ctx, ctx.role);
  if (const auto currencies = ctx.extractor.values("pay_currency", ctx.question); !currencies.empty())
    return figure_in_currency(ctx, answer, query, currencies.front());

  std::optional<SalaryMatch> match;
  if (query.has_constraints()) {
    match = best_figure(ctx.kb, ctx.matcher, query);
  } else if (const auto* named = figure_named_by_words(ctx.kb, ctx.matcher, query)) {
    match = SalaryMatch{named, {}, false, false, false, false};
  } else if (const auto* band = band_named_by_label(ctx, query)) {
    match = SalaryMatch{band, {}, false, false, false, false};
  }
  if (match) {
    one_figure(ctx, answer, *match);
  } else {
    if (query.has_constraints())
      answer.text = "The documents give no figure for " + with_article(ctx.roles.label(ctx.role)) +
                    " that fits all of that. What they give:\n\n";
    role_overview(ctx, answer, ctx.role);
  }
  if (ctx.entities.certification) certification_hike(ctx, answer, match ? match->figure : nullptr);
  unmatched_dimensions(ctx, answer, match ? &*match : nullptr);
  related_statement(ctx, answer, query);
}

}  // namespace bot
