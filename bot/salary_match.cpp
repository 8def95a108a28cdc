#include "bot/salary_match.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "knowledge/amounts.hpp"

namespace bot {
namespace {

constexpr double kReject = -std::numeric_limits<double>::infinity();
// Words a figure's quote shares with the question count, but never as much as what it is for.
constexpr double kWordWeight = 0.75;
constexpr int kMaxWords = 4;

const std::string& doc_of(const knowledge::KnowledgeBase& kb, const knowledge::SalaryFigure& figure) {
  return kb.document_of(figure.passage);
}

int words_matched(const TextMatcher& matcher, const SalaryQuery& query, const knowledge::SalaryFigure& figure) {
  return std::min(kMaxWords, matcher.overlap(query.terms, figure.label + " " + figure.quote + " " + figure.context));
}

// One dimension (city, company type, industry): asked and stated alike is a match, stated for
// another is no answer, not stated is a general figure, stated but not asked is a narrower one.
double dimension(const std::string& asked, const std::string& stated, double weight, bool& matched) {
  if (!asked.empty()) {
    if (stated == asked) {
      matched = true;
      return weight;
    }
    return stated.empty() ? 0 : kReject;
  }
  return stated.empty() ? 0 : -1;
}

struct Scored {
  const knowledge::SalaryFigure* figure;
  double score;
  SalaryMatch match;
};

Scored score(const TextMatcher& matcher, const SalaryQuery& query, const knowledge::SalaryFigure& figure,
             bool years_relaxed) {
  Scored scored{&figure, 0, {}};
  scored.match.figure = &figure;
  double& s = scored.score;
  if (query.years) {
    if (figure.has_years()) {
      const bool holds = years_relaxed ? *figure.years_from <= *query.years : figure.holds_years(*query.years);
      if (!holds) return {&figure, kReject, {}};
      scored.match.years_held = true;
      // Of two spans that hold the years, the one that starts later is the narrower ("10+" over "5+").
      s += 4 + 0.01 * *figure.years_from;
    } else if (!figure.level.empty() && !query.level.empty() && figure.level != query.level) {
      return {&figure, kReject, {}};
    } else if (!figure.level.empty() && query.level.empty() &&
               figure.level != knowledge::level_of_years({*query.years, *query.years})) {
      // "A fresher earns ₹4.2 lakh" is no answer for 4 years: the level those years usually are.
      return {&figure, kReject, {}};
    } else if (figure.level.empty()) {
      s -= 1;  // a figure for all levels answers a question about one only in want of better
    }
  }
  if (!query.level.empty()) {
    if (figure.level == query.level) s += query.years ? 1 : 4;
    else if (!figure.level.empty() && !scored.match.years_held) return {&figure, kReject, {}};
    else if (figure.level.empty() && !query.years) s -= 1;
  }
  s += dimension(query.city, figure.city, 3, scored.match.city_matched);
  s += dimension(query.company_type, figure.company_type, 3, scored.match.company_matched);
  s += dimension(query.industry, figure.industry, 2, scored.match.industry_matched);
  if (!query.has_constraints() && !figure.overall) s -= 0.5;
  s += kWordWeight * words_matched(matcher, query, figure);
  return scored;
}

}  // namespace

std::optional<SalaryMatch> best_figure(const knowledge::KnowledgeBase& kb, const TextMatcher& matcher,
                                       const SalaryQuery& query) {
  const auto figures = kb.facts().salaries_of(query.role);
  std::vector<Scored> scored;
  for (bool relaxed : {false, true}) {
    scored.clear();
    for (const auto* figure : figures)
      if (auto each = score(matcher, query, *figure, relaxed); std::isfinite(each.score)) scored.push_back(each);
    // Years between two spans ("2.5" when a document says 0–2 and 3–5): the span that starts
    // last before them.
    const bool any_years = std::any_of(scored.begin(), scored.end(), [](const Scored& s) { return s.match.years_held; });
    if (!query.years || any_years) break;
  }
  if (scored.empty()) return std::nullopt;
  std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });
  SalaryMatch best = scored.front().match;
  const auto& top = *best.figure;
  for (std::size_t i = 1; i < scored.size(); ++i) {
    const auto& other = *scored[i].figure;
    if (scored.front().score - scored[i].score > 1e-6) break;
    // The same thing stated again with other figures: another document's, or the same one's.
    const bool same_thing = other.level == top.level && other.years_from == top.years_from &&
                            other.years_to == top.years_to && other.city == top.city &&
                            other.company_type == top.company_type && other.industry == top.industry;
    const bool different = other.min != top.min || other.max != top.max || other.currency != top.currency;
    if (same_thing && different && (doc_of(kb, other) != doc_of(kb, top) || other.passage != top.passage))
      best.alternatives.push_back(&other);
  }
  return best;
}

const knowledge::SalaryFigure* figure_named_by_words(const knowledge::KnowledgeBase& kb, const TextMatcher& matcher,
                                                     const SalaryQuery& query) {
  const knowledge::SalaryFigure* found = nullptr;
  int best = 0, second = 0;
  for (const auto* figure : kb.facts().salaries_of(query.role)) {
    const int words = matcher.overlap(query.terms, figure->label + " " + figure->quote + " " + figure->context);
    if (words > best) {
      second = best;
      best = words;
      found = figure;
    } else if (words > second) {
      second = words;
    }
  }
  // Two words more than any other figure: the question describes that one.
  return best >= 2 && best - second >= 2 ? found : nullptr;
}

}  // namespace bot
