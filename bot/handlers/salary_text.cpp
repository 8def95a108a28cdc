#include "bot/handlers/salary_text.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include <boost/json.hpp>

#include "bot/text_format.hpp"
#include "knowledge/amounts.hpp"

namespace bot {
namespace {

constexpr std::size_t kMaxOverviewSources = 6;
// Figures for no level, city or employer listed in a role's overview; a salary page's scrape
// holds a dozen (pay, bonus, related titles), and the rest are named as a count.
constexpr std::size_t kMaxOverallFigures = 6;

// Pay words that name a kind of figure.
constexpr std::string_view kFigureKinds[] = {"average", "range", "typical", "median"};

// Words that any pay question has, which say nothing about which figure it wants.
constexpr std::string_view kPayWords[] = {"salar", "pay", "paid", "earn", "make", "get", "package", "ctc", "lpa",
                                          "lakh", "india", "much", "expect", "offer", "range", "average", "typical"};

int level_rank(const std::string& level) {
  if (level == "entry") return 0;
  if (level == "mid") return 1;
  if (level == "senior") return 2;
  if (level == "lead") return 3;
  return 4;
}

bool is_band(const knowledge::SalaryFigure& figure) {
  return (!figure.level.empty() || figure.has_years()) && figure.city.empty() && figure.company_type.empty() &&
         figure.industry.empty();
}

// A quote that is only the figure ("₹7L - ₹19L/yr"): no word of its own says what it is for.
bool is_bare(std::string_view quote) {
  std::size_t at = 0, letters = 0;
  for (const auto& amount : knowledge::find_amounts(quote)) {
    for (; at < amount.begin; ++at) letters += std::isalpha(static_cast<unsigned char>(quote[at])) ? 1 : 0;
    at = amount.end;
  }
  for (; at < quote.size(); ++at) letters += std::isalpha(static_cast<unsigned char>(quote[at])) ? 1 : 0;
  return letters < 3;
}

// What a figure for no level is, in the document's words: its label (unless only the role's
// name) or its sentence. A figure alone on its line is not described: the heading above it may
// be another figure's (pages that put the figure before its label: "₹8L / Low / ₹14L / Average").
std::string what_the_figure_is(const HandlerContext& ctx, const knowledge::SalaryFigure& figure) {
  if (!figure.label.empty()) return figure.label == ctx.roles.label(figure.role) ? std::string() : figure.label;
  return is_bare(figure.quote) ? std::string() : "“" + sentence_with(figure.quote, "") + "”";
}

// Figures for no level: in rupees first; then those the question's own words describe ("average",
// "base pay"), by its label, sentence or heading; then the role's own documents' before those
// another document gives in passing (a comparison's row). Else the documents' order, which puts
// a page's headline figure first.
void order_overall(const HandlerContext& ctx, const std::string& role, std::vector<const knowledge::SalaryFigure*>& overall) {
  auto terms = ctx.matcher.terms(ctx.question);
  const auto role_words = ctx.matcher.terms(ctx.roles.label(role));
  std::erase_if(terms, [&](const std::string& term) {
    return std::find(role_words.begin(), role_words.end(), term) != role_words.end();
  });
  // The pay words that say nothing when choosing a level are the ones that tell these apart.
  const auto asked = ctx.matcher.stems(ctx.question);
  for (const auto kind : kFigureKinds)
    if (auto stem = TextMatcher::stem(kind); std::find(asked.begin(), asked.end(), stem) != asked.end())
      terms.push_back(std::move(stem));
  const auto& document_roles = ctx.kb.facts().document_roles;
  std::map<const knowledge::SalaryFigure*, std::tuple<bool, int, bool>> ranks;
  for (const auto* figure : overall) {
    const auto passage = ctx.kb.passage(figure->passage);
    // A bare figure's only words are the heading it stands under.
    const std::string words =
        figure->label + " " + figure->quote + " " + (passage && is_bare(figure->quote) ? passage->section : "");
    const auto about = document_roles.find(ctx.kb.document_of(figure->passage));
    ranks[figure] = {figure->currency != "INR", -ctx.matcher.overlap(terms, words),
                     about == document_roles.end() || about->second != figure->role};
  }
  std::stable_sort(overall.begin(), overall.end(), [&](const auto* a, const auto* b) { return ranks[a] < ranks[b]; });
}

}  // namespace

std::string with_article(const std::string& noun) {
  if (noun.empty()) return noun;
  const char first = static_cast<char>(std::tolower(static_cast<unsigned char>(noun.front())));
  // "an MLOps", "an ML engineer": initialisms read letter by letter start with a vowel sound.
  const bool initialism = noun.size() > 1 && std::isupper(static_cast<unsigned char>(noun[0])) &&
                          std::isupper(static_cast<unsigned char>(noun[1])) &&
                          std::string_view("FHLMNRSX").find(noun[0]) != std::string_view::npos;
  const bool vowel = std::string_view("aeiou").find(first) != std::string_view::npos;
  return std::string(vowel || initialism ? "an " : "a ") + noun;
}

std::string company_phrase(const std::string& company_type) {
  if (company_type == "startup") return "a startup";
  if (company_type == "mnc") return "an MNC";
  if (company_type == "big_tech") return "a Big Tech company";
  if (company_type == "it_services") return "an IT services company";
  if (company_type == "product") return "a product company";
  return with_article(display_name(company_type));
}

std::string amount_text(const knowledge::SalaryFigure& figure) {
  return knowledge::format_amount(figure.min, figure.max, figure.open_ended, figure.currency);
}

std::string years_text(const knowledge::SalaryFigure& figure) {
  if (!figure.years_from) return {};
  if (!figure.years_to) return number_text(*figure.years_from) + "+ years";
  if (*figure.years_to == *figure.years_from) return number_text(*figure.years_from) + " years";
  return number_text(*figure.years_from) + "–" + number_text(*figure.years_to) + " years";
}

bool is_role_row(const HandlerContext& ctx, const knowledge::SalaryFigure& figure) {
  if (!figure.overall || figure.label.empty()) return false;
  const std::string label = " " + lower_words(figure.label) + " ";
  if (label.find(" " + lower_words(ctx.roles.label(figure.role)) + " ") != std::string::npos) return true;
  const auto names = ctx.roles.names(figure.role);
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& name) { return label.find(" " + lower_words(name) + " ") != std::string::npos; });
}

boost::json::object salary_json(const HandlerContext&, const knowledge::SalaryFigure& figure) {
  const bool rupees = figure.currency == "INR";
  boost::json::object salary{{"role", figure.role}, {"currency", figure.currency},
                             {"unit", rupees ? std::string("lpa") : [&] {
                                std::string unit = figure.currency;
                                std::transform(unit.begin(), unit.end(), unit.begin(), ::tolower);
                                return unit;
                              }()}};
  if (!figure.level.empty()) salary["level"] = figure.level;
  salary["min_lpa"] = figure.min;
  salary["max_lpa"] = figure.max;
  salary["open_ended"] = figure.open_ended;
  if (!figure.label.empty()) salary["label"] = figure.label;
  if (figure.years_from) salary["years_from"] = *figure.years_from;
  if (figure.years_to) salary["years_to"] = *figure.years_to;
  if (!figure.city.empty()) salary["city"] = figure.city;
  if (!figure.company_type.empty()) salary["company_type"] = figure.company_type;
  if (!figure.industry.empty()) salary["industry"] = figure.industry;
  return salary;
}

SalaryQuery salary_query(const HandlerContext& ctx, const std::string& role) {
  const auto& entities = ctx.entities;
  SalaryQuery query;
  query.role = role;
  query.years = entities.experience_years;
  query.level = entities.level.value_or("");
  query.city = entities.city.value_or("");
  query.company_type = entities.company_type.value_or("");
  query.industry = entities.industry.value_or("");
  auto terms = ctx.matcher.terms(ctx.question);
  const auto role_words = ctx.matcher.terms(ctx.roles.label(role));
  std::erase_if(terms, [&](const std::string& term) {
    return std::find(role_words.begin(), role_words.end(), term) != role_words.end() ||
           std::any_of(std::begin(kPayWords), std::end(kPayWords), [&](std::string_view pay) { return term == pay; }) ||
           std::all_of(term.begin(), term.end(), ::isdigit);
  });
  query.terms = std::move(terms);
  return query;
}

void role_overview(const HandlerContext& ctx, Answer& answer, const std::string& role) {
  auto figures = ctx.kb.facts().salaries_of(role);
  const std::string label = ctx.roles.label(role);
  std::vector<const knowledge::SalaryFigure*> bands, by_city, by_employer, overall;
  for (const auto* figure : figures) {
    if (is_band(*figure)) bands.push_back(figure);
    else if (!figure->city.empty()) by_city.push_back(figure);
    else if (!figure->company_type.empty() || !figure->industry.empty()) by_employer.push_back(figure);
    else overall.push_back(figure);
  }
  std::stable_sort(bands.begin(), bands.end(), [](const auto* a, const auto* b) {
    return std::make_pair(a->years_from.value_or(-1), level_rank(a->level)) <
           std::make_pair(b->years_from.value_or(-1), level_rank(b->level));
  });
  std::size_t cited = 0;
  auto cite = [&](const knowledge::SalaryFigure& figure) {
    if (cited++ < kMaxOverviewSources) add_source(answer, ctx.kb, figure.passage);
  };
  boost::json::array band_json;
  if (!bands.empty()) {
    answer.text += label + " salaries in India by experience, according to the documents:\n\n"
                   "| Level | Experience | Salary |\n|---|---|---|\n";
    for (const auto* band : bands) {
      const std::string level = band->level.empty() ? band->label : display_name(band->level);
      const std::string years = years_text(*band);
      answer.text += "| " + level + " | " + (years.empty() ? "–" : years) + " | " + amount_text(*band) + " |\n";
      band_json.push_back(salary_json(ctx, *band));
      cite(*band);
    }
  }
  if (!by_city.empty()) {
    // Rows as the document has them (by experience), a column per city.
    std::vector<std::string> cities, rows;
    std::map<std::pair<std::string, std::string>, const knowledge::SalaryFigure*> cells;
    for (const auto* figure : by_city) {
      const std::string row = years_text(*figure).empty() ? display_name(figure->level) : years_text(*figure);
      if (std::find(cities.begin(), cities.end(), figure->city) == cities.end()) cities.push_back(figure->city);
      if (std::find(rows.begin(), rows.end(), row) == rows.end()) rows.push_back(row);
      cells.emplace(std::make_pair(row, figure->city), figure);
    }
    answer.text += std::string(answer.text.empty() ? "" : "\n") + label + " salaries by city, according to the documents:\n\n| Experience |";
    for (const auto& city : cities) answer.text += " " + display_name(city) + " |";
    answer.text += "\n|---|";
    for (std::size_t i = 0; i < cities.size(); ++i) answer.text += "---|";
    answer.text += "\n";
    for (const auto& row : rows) {
      answer.text += "| " + row + " |";
      for (const auto& city : cities) {
        const auto it = cells.find({row, city});
        answer.text += " " + (it == cells.end() ? std::string("–") : amount_text(*it->second)) + " |";
      }
      answer.text += "\n";
    }
    for (const auto* figure : by_city) {
      if (bands.empty()) band_json.push_back(salary_json(ctx, *figure));
      cite(*figure);
    }
  }
  if (!by_employer.empty()) {
    answer.text += std::string(answer.text.empty() ? "" : "\n") + "By employer, the documents say:\n\n";
    for (const auto* figure : by_employer) {
      const std::string who = !figure->company_type.empty() ? company_phrase(figure->company_type)
                                                            : "the " + display_name(figure->industry) + " industry";
      answer.text += "- At " + who + ": **" + amount_text(*figure) + "** (“" + sentence_with(figure->quote, "") + "”)\n";
      cite(*figure);
    }
  }
  // One figure for no level is the role's across levels when it says nothing else of itself;
  // labelled otherwise ("Amazon", "Base pay"), it is listed as what it is.
  const bool across_levels =
      overall.size() == 1 && (overall.front()->label.empty() || is_role_row(ctx, *overall.front()));
  if (across_levels) {
    const std::string what = what_the_figure_is(ctx, *overall.front());
    answer.text += std::string(answer.text.empty() ? "" : "\n") + "Across all levels, the documents give **" +
                   amount_text(*overall.front()) + "**" + (what.empty() ? "" : " (" + what + ")") + ".";
    cite(*overall.front());
  } else if (!overall.empty()) {
    order_overall(ctx, role, overall);
    answer.text += std::string(answer.text.empty() ? "" : "\n") + "Figures the documents give for " + label +
                   " without a level:\n\n";
    for (std::size_t i = 0; i < overall.size() && i < kMaxOverallFigures; ++i) {
      const std::string what = what_the_figure_is(ctx, *overall[i]);
      answer.text += "- **" + amount_text(*overall[i]) + "**" + (what.empty() ? "" : " — " + what) + "\n";
      cite(*overall[i]);
    }
    if (overall.size() > kMaxOverallFigures)
      answer.text += "\n…and " + std::to_string(overall.size() - kMaxOverallFigures) + " more in the documents.";
  }
  // One figure across all levels is the answer's single range; the bands stand beside it.
  boost::json::object salary = across_levels
                                   ? salary_json(ctx, *overall.front())
                                   : boost::json::object{{"role", role}, {"currency", figures.empty() ? "INR" : figures.front()->currency}};
  if (!band_json.empty()) salary["bands"] = std::move(band_json);
  answer.data["salary"] = std::move(salary);
  answer.suggestions = {"What does a fresher " + label + " earn?", label + " salary with 5 years of experience",
                        "Compare " + label + " with other roles"};
}

void no_figures_for(const HandlerContext& ctx, Answer& answer, const std::string& role) {
  const auto& facts = ctx.kb.facts();
  const std::string label = ctx.roles.label(role);
  answer.text = "The documents name **" + label + "** but give no salary figures for it.";
  // A sentence on the role without a pay figure: a figure beside its name is another role's.
  for (int id : facts.passages_of(facts.mentions, "role:" + role)) {
    const auto passage = ctx.kb.passage(id);
    const std::string sentence = sentence_with(passage->text, label.substr(0, label.find(' ')));
    if (!knowledge::find_amounts(sentence).empty()) continue;
    answer.text += " What they say: “" + sentence + "”";
    add_source(answer, ctx.kb, passage->id);
    break;
  }
  answer.suggestions.clear();
  for (const auto& other : ctx.roles.roles_with_figures())
    if (answer.suggestions.size() < 3) answer.suggestions.push_back("What does " + with_article(ctx.roles.label(other)) + " earn?");
}

void ask_which_role(const HandlerContext& ctx, Answer& answer) {
  answer.text = "Which role do you mean? My documents give pay figures for:";
  boost::json::array options;
  for (const auto& role : ctx.roles.roles_with_figures()) {
    const std::string label = ctx.roles.label(role);
    answer.text += "\n- " + label;
    const std::string question = "What does " + with_article(label) + " earn?";
    options.push_back({{"intent", "salary.estimate"}, {"text", question}});
    if (answer.suggestions.size() < 4) answer.suggestions.push_back(question);
  }
  answer.data["clarify"] = {{"question", "Which role do you mean?"}, {"options", std::move(options)}};
}

}  // namespace bot
