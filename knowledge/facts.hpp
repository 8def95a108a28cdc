// Structured facts read out of the documents at index time, each with the passage it came from.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "knowledge/labeler.hpp"
#include "knowledge/passage.hpp"

namespace knowledge {

// "Mid-Level (2–5 years): ₹10 LPA – ₹20 LPA".
struct SalaryBand {
  std::string level;                // canonical: entry, mid, senior, lead
  std::string label;                // as the document says it: "Mid-Level (2–5 years)"
  double years_from = 0;
  std::optional<double> years_to;   // none for "5+ years"
  double min_lpa = 0, max_lpa = 0;
  bool open_ended = false;          // "₹40 LPA – ₹60+ LPA"
  std::vector<std::string> responsibilities;
  int passage = -1;                 // where the figures stand
};

// A row of the role comparison table: "Data Scientist | ₹8–20 LPA | Slightly lower at senior levels |".
struct RoleRange {
  std::string role;   // canonical: mlops_engineer, data_scientist, ...
  std::string label;  // "Data Scientist"
  double min_lpa = 0, max_lpa = 0;
  std::string note;
  int passage = -1;
};

// "Certifications ... often lead to a 15–25% salary hike".
struct Percentage {
  std::string topic;  // canonical: certification_hike, yearly_growth
  double low = 0, high = 0;
  int passage = -1;
};

// One group of the tool catalogue: "3. Model Training & Serving" and its tools.
struct ToolGroup {
  std::string category;            // canonical: version_control, orchestration, serving, ...
  std::string label;               // "Model Training & Serving"
  std::vector<std::string> tools;  // names as the document spells them: "DVC", "GitHub Actions"
  std::vector<int> passages;
};

struct Facts {
  std::vector<SalaryBand> bands;  // ordered by years_from
  std::vector<RoleRange> roles;   // in table order
  std::vector<Percentage> percentages;
  std::vector<ToolGroup> tools;   // in catalogue order
  // section topic ("responsibilities", "skills", ...) -> its passages, in document order
  std::map<std::string, std::vector<int>> section_passages;
  // "city:bengaluru", "industry:fintech", ... -> passages that name it
  std::map<std::string, std::vector<int>> mentions;
  // salary factor ("location", "skills", ...) -> passages of a factors section about it
  std::map<std::string, std::vector<int>> factor_passages;
  std::set<int> pay_passages;  // passages that talk about pay
  // A subject's first word, lower case ("iaas", "dvc", "load") -> passages that define it:
  // they open with the subject and say what it is ("IaaS provides", "DVC (Data Version Control)").
  std::map<std::string, std::vector<int>> definitions;

  const SalaryBand* band_for_level(std::string_view level) const;
  // The band whose years hold `years`: the one with the greatest start not after them.
  const SalaryBand* band_for_years(double years) const;
  const RoleRange* role(std::string_view role) const;
  const Percentage* percentage(std::string_view topic) const;
  const std::vector<int>& passages_of(const std::map<std::string, std::vector<int>>& index,
                                      const std::string& key) const;
};

// The kinds of entity whose mentions are indexed in Facts::mentions.
inline constexpr const char* kMentionKinds[] = {"city", "industry", "company_type", "certification", "skill", "role"};

// Reads the facts out of `passages` (ids must be their indices). Figures are only ever read
// from the text; what the text does not say stays absent.
Facts extract_facts(const std::vector<Passage>& passages, const Labeler& labeler);

boost::json::value to_json(const Facts& facts);
Facts facts_from_json(const boost::json::value& value);

}  // namespace knowledge
