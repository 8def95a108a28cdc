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
#include "knowledge/roles.hpp"

namespace knowledge {

// A pay figure as a document states it, tied to what it was stated for.
// "Mid-Level (2–5 years): ₹10–20 LPA", a row "0–2 years | 6–12 | 5–10" under "Bengaluru |
// Hyderabad", "Funded startups typically offer 8 to 20 LPA".
struct SalaryFigure {
  std::string role;                  // a RoleCatalog id; never empty
  std::string label;                 // as the document labels it: "Mid-Level (2–5 years)"
  std::string level;                 // entry, mid, senior, lead, or empty
  std::optional<double> years_from;  // the experience it is for, when stated
  std::optional<double> years_to;    // none with years_from: "5+ years"
  std::string city, company_type, industry;  // canonical values, or empty: not stated
  double min = 0, max = 0;           // per year: lakh for INR, whole units otherwise
  bool open_ended = false;           // "₹40–60+ LPA"
  std::string currency = "INR";
  std::string unit = "lpa";          // "lpa" for INR; "year" for other currencies
  bool overall = false;              // a role's pay across levels (a comparison table's row)
  std::string quote;                 // the sentence or row that states it
  std::string context;               // the sentence before, when the quote leans on it
  // What the same table row adds about this band: "Average CTC: ₹16 LPA; Monthly In-Hand: ₹1,04,517"
  std::string notes;
  int passage = -1;

  bool has_years() const { return years_from.has_value(); }
  bool holds_years(double years) const {
    return years_from && years >= *years_from && (!years_to || years <= *years_to);
  }
};

// What a level of a role involves, where a document lists it beside the band:
// "Responsibilities: assisting in pipelines, basic deployments, documentation".
struct LevelDuties {
  std::string role, level, label;
  std::vector<std::string> items;
  int passage = -1;
};

// "Certifications ... often lead to a 15–25% salary hike", "rose 14.3% year on year".
struct Percentage {
  std::string role;                 // the role its passage speaks of, or empty
  std::vector<std::string> topics;  // canonical: certification_hike, yearly_growth, premium, ...
  double low = 0, high = 0;
  std::string quote;
  int passage = -1;
};

// One group of tools: "3. Model Training & Serving", "### Vector databases", "Infrastructure
// as code: Terraform, Pulumi", or the tools a sentence names ("in Splunk, Microsoft Sentinel or
// IBM QRadar").
struct ToolGroup {
  std::string role;                // the role its passages speak of, or empty
  std::string category;            // canonical tool_category, or empty
  std::string label;               // "Model Training & Serving"
  std::vector<std::string> tools;  // names as the document spells them: "DVC", "GitHub Actions"
  std::vector<int> passages;
  bool from_prose = false;         // named in running text rather than listed
};

struct Facts {
  std::vector<Role> roles;
  std::map<std::string, std::string> document_roles;  // document -> the role it is about
  // passage id -> the role it speaks of, for the passages that speak of one (few, in a corpus of
  // man pages: a dense vector held an empty string for each of 500,000 passages)
  std::map<int, std::string> passage_roles;
  std::vector<SalaryFigure> salaries;                 // in document order
  std::vector<LevelDuties> duties;
  std::vector<Percentage> percentages;
  std::vector<ToolGroup> tools;
  // section topic ("responsibilities", "skills", ...) -> its passages, in document order
  std::map<std::string, std::vector<int>> section_passages;
  // "city:bengaluru", "industry:fintech", ... -> passages that name it
  std::map<std::string, std::vector<int>> mentions;
  // salary factor ("location", "skills", ...) -> passages of a factors section about it
  std::map<std::string, std::vector<int>> factor_passages;
  std::set<int> pay_passages;  // passages that talk about pay
  // A subject, lower case ("iaas", "siem", "gcc", "load balancer") -> passages that define it:
  // "IaaS provides ...", "DVC (Data Version Control)", "a SIEM (security information ...)".
  std::map<std::string, std::vector<int>> definitions;

  const Role* role(std::string_view id) const;
  const std::string& role_of_passage(int passage) const;
  std::vector<const SalaryFigure*> salaries_of(std::string_view role) const;
  const Percentage* percentage(std::string_view topic, std::string_view role = {}) const;
  const std::vector<int>& passages_of(const std::map<std::string, std::vector<int>>& index,
                                      const std::string& key) const;
};

// The kinds of entity whose mentions are indexed in Facts::mentions.
inline constexpr const char* kMentionKinds[] = {"city", "industry", "company_type", "certification", "skill", "role"};

// Reads the facts out of `passages` (ids must be their indices). `titles` maps each document
// to its title. Figures are only ever read from the text; what the text does not say stays absent.
Facts extract_facts(const std::vector<Passage>& passages, const std::map<std::string, std::string>& titles,
                    const Labeler& labeler, const RoleLexicon& lexicon);

boost::json::value to_json(const Facts& facts);
Facts facts_from_json(const boost::json::value& value);

}  // namespace knowledge
