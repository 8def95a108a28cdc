// Which of a role's pay figures answers a question: the one stated for the experience, level,
// city, company type and industry asked about, the question's own words deciding between equals.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bot/text_match.hpp"
#include "knowledge/knowledge_base.hpp"

namespace bot {

struct SalaryQuery {
  std::string role;
  std::optional<double> years;
  std::string level, city, company_type, industry;
  std::vector<std::string> terms;  // the question's content words (TextMatcher::terms)

  // Whether the question says what the figure should be for (else it asks for the overview).
  bool has_constraints() const {
    return years || !level.empty() || !city.empty() || !company_type.empty() || !industry.empty();
  }
};

struct SalaryMatch {
  const knowledge::SalaryFigure* figure = nullptr;
  // Other documents' (or the same document's other) figures for the very same thing.
  std::vector<const knowledge::SalaryFigure*> alternatives;
  bool years_held = false;      // the figure's years hold the asked years
  bool city_matched = false;    // the figure is for the asked city (else it is a national one)
  bool company_matched = false;
  bool industry_matched = false;
};

// The best figure of `query.role` for the query, or none when no figure of the role fits
// (every one is for another level, city or company type than the one asked).
std::optional<SalaryMatch> best_figure(const knowledge::KnowledgeBase& kb, const TextMatcher& matcher,
                                       const SalaryQuery& query);

// The figure of a role whose quote the question's words pick out by themselves ("heads of
// cybersecurity at the largest companies"), when one stands out; else none.
const knowledge::SalaryFigure* figure_named_by_words(const knowledge::KnowledgeBase& kb, const TextMatcher& matcher,
                                                     const SalaryQuery& query);

}  // namespace bot
