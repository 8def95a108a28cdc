// salary.estimate: the band for the years or level, and what the documents say about the
// city, industry, company type and certification (they give no figures for those).
#include <boost/json.hpp>

#include "bot/handlers/handler.hpp"
#include "bot/handlers/mentions.hpp"
#include "bot/text_format.hpp"

namespace bot {
namespace {

constexpr const char* kCurrency = "INR";

void answer_other_role(const HandlerContext& ctx, Answer& answer, const std::string& role) {
  const auto& facts = ctx.kb.facts();
  const auto* range = facts.role(role);
  if (!range) {
    answer.text = "The documents give no salary figure for " + display_name(role) + ".";
    return;
  }
  const auto* mlops = facts.role("mlops_engineer");
  answer.text = "A **" + range->label + "** in India earns about **" + lpa_range(range->min_lpa, range->max_lpa) +
                "** on average, according to the documents' comparison of tech roles";
  answer.text += range->note.empty() ? "." : " (" + range->note + ").";
  if (mlops)
    answer.text += " For comparison, an **" + mlops->label + "** earns " + lpa_range(mlops->min_lpa, mlops->max_lpa) + ".";
  answer.text += " The documents give no experience bands for this role.";
  answer.data["salary"] = {{"role", role}, {"min_lpa", range->min_lpa}, {"max_lpa", range->max_lpa},
                           {"currency", kCurrency}};
  add_source(answer, ctx.kb, range->passage);
  answer.suggestions = {"Compare all tech roles", "MLOps salary with 3 years of experience"};
}

std::string experience_phrase(const intents::Entities& entities) {
  if (!entities.experience_years) return "";
  if (*entities.experience_years == 0) return "no experience (a fresher)";
  return number_text(*entities.experience_years) + (*entities.experience_years == 1 ? " year" : " years") +
         " of experience";
}

const knowledge::SalaryBand* band_for(const knowledge::Facts& facts, const intents::Entities& entities) {
  if (entities.level) return facts.band_for_level(*entities.level);
  if (entities.experience_years) return facts.band_for_years(*entities.experience_years);
  return nullptr;
}

void all_bands(const HandlerContext& ctx, Answer& answer) {
  const auto& facts = ctx.kb.facts();
  answer.text = "MLOps engineer salaries in India by experience, according to the documents:\n\n"
                "| Level | Experience | Salary |\n|---|---|---|\n";
  boost::json::array bands;
  for (const auto& band : facts.bands) {
    const std::string years = band.years_to ? number_text(band.years_from) + "–" + number_text(*band.years_to) + " years"
                                            : number_text(band.years_from) + "+ years";
    answer.text += "| " + display_name(band.level) + " | " + years + " | " +
                   lpa_range(band.min_lpa, band.max_lpa, band.open_ended) + " |\n";
    boost::json::object object{{"level", band.level}, {"label", band.label}, {"years_from", band.years_from},
                               {"min_lpa", band.min_lpa}, {"max_lpa", band.max_lpa}, {"open_ended", band.open_ended}};
    if (band.years_to) object["years_to"] = *band.years_to;
    bands.push_back(std::move(object));
    add_source(answer, ctx.kb, band.passage);
  }
  if (const auto* mlops = facts.role("mlops_engineer"))
    answer.text += "\nAcross all levels the documents give an average of **" + lpa_range(mlops->min_lpa, mlops->max_lpa) +
                   "**.";
  answer.data["salary"] = {{"role", "mlops_engineer"}, {"currency", kCurrency}, {"bands", std::move(bands)}};
  answer.suggestions = {"What does a fresher earn?", "Salary with 5 years of experience", "Compare with Data Scientist"};
}

void one_band(const HandlerContext& ctx, Answer& answer, const knowledge::SalaryBand& band) {
  const auto& entities = ctx.entities;
  const std::string experience = experience_phrase(entities);
  answer.text = "An MLOps engineer" + (experience.empty() ? "" : " with " + experience) + " is in the **" + band.label +
                "** band: **" + lpa_range(band.min_lpa, band.max_lpa, band.open_ended) + "**";
  answer.text += band.open_ended ? " (the documents say it can go higher, depending on the company)." : ".";
  boost::json::object salary{{"role", "mlops_engineer"}, {"level", band.level}, {"min_lpa", band.min_lpa},
                             {"max_lpa", band.max_lpa}, {"currency", kCurrency}, {"open_ended", band.open_ended}};
  if (entities.experience_years) salary["experience_years"] = *entities.experience_years;
  add_source(answer, ctx.kb, band.passage);
  answer.data["salary"] = std::move(salary);
}

// The certification hike, applied to the band and said to be so.
void certification_hike(const HandlerContext& ctx, Answer& answer, const knowledge::SalaryBand* band) {
  const auto* hike = ctx.kb.facts().percentage("certification_hike");
  const std::string name = display_name(*ctx.entities.certification);
  if (!hike) {
    answer.text += "\n\nThe documents list " + name + " among valuable certifications but give no figure for its effect.";
    return;
  }
  answer.text += "\n\n**Certification:** the documents say certifications in cloud platforms or DevOps tools often "
                 "lead to a **" + number_text(hike->low) + "–" + number_text(hike->high) + "% salary hike**";
  boost::json::object factor{{"factor", "certification"}, {"certification", *ctx.entities.certification},
                             {"hike_pct", boost::json::array{hike->low, hike->high}}};
  if (band) {
    const double low = band->min_lpa * (1 + hike->low / 100), high = band->max_lpa * (1 + hike->high / 100);
    answer.text += "; applied to this band, that is about " + lpa_range(low, high) + " with " + name + ".";
    factor["adjusted_min_lpa"] = low;
    factor["adjusted_max_lpa"] = high;
  } else {
    answer.text += ".";
  }
  add_source(answer, ctx.kb, hike->passage);
  if (auto* salary = answer.data.if_contains("salary"); salary && salary->is_object())
    salary->as_object()["factors"].emplace_array().push_back(std::move(factor));
}

}  // namespace

void answer_salary_estimate(const HandlerContext& ctx, Answer& answer) {
  const auto& entities = ctx.entities;
  const std::string role = entities.role.empty() ? "mlops_engineer" : entities.role.front();
  if (role != "mlops_engineer") return answer_other_role(ctx, answer, role);

  const auto* band = band_for(ctx.kb.facts(), entities);
  if (band) {
    one_band(ctx, answer, *band);
    answer.suggestions = {"What about " + number_text(band->years_to.value_or(band->years_from + 5) + 3) + " years?",
                          "Compare with Data Scientist", "Which skills raise the pay?"};
  } else {
    all_bands(ctx, answer);
  }
  if (entities.certification) certification_hike(ctx, answer, band);
  if (entities.city) describe_mention(ctx, answer, "city", *entities.city, "location");
  if (entities.industry) describe_mention(ctx, answer, "industry", *entities.industry, "industry");
  if (entities.company_type) describe_mention(ctx, answer, "company_type", *entities.company_type, "company");
}

}  // namespace bot
