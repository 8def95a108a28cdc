// The parts of an answer every renderer shows apart from its text (Slack's mrkdwn, Discord's
// embeds, the terminal): the salary ranges of data.comparison or data.salary.bands, the role
// labels, and the sources. Plain text, unescaped; each renderer escapes and lays them out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "bot/answer.hpp"

namespace adapters {

struct SalaryRange {
  // The name the documents give the row ("MLOps Engineer", "Entry-Level"), else its role key
  // made readable ("mlops_engineer" → "MLOps Engineer"), else its level key ("mid").
  std::string label;
  double min_lpa = 0;
  double max_lpa = 0;
  bool open_ended = false;  // the documents say it can go higher

  // "₹10–20 LPA", "₹40–60+ LPA".
  std::string band() const;
};

// The rows of data.comparison ([{role, label, min_lpa, max_lpa}]) in order; rows without both
// numbers or without a name are skipped. Empty when the answer has no comparison.
std::vector<SalaryRange> comparison_ranges(const boost::json::object& data);

// data.comparison, else data.salary.bands (an array of rows, or an object of rows keyed by
// level), in order.
std::vector<SalaryRange> salary_ranges(const boost::json::object& data);

// 10 → "10", 12.5 → "12.5".
std::string format_lpa(double lpa);

// "mlops_engineer" → "MLOps Engineer".
std::string role_label(std::string_view role);

// "document — section" (or just the document when the section is empty).
std::string source_label(std::string_view doc, std::string_view section);

// The labels of the answer's sources in order, each once (several passages of one section
// are one source to a reader).
std::vector<std::string> source_labels(const bot::Answer& answer);
// The same for the answer object's "sources" ([{doc, section, ...}]); anything else gives none.
std::vector<std::string> source_labels(const boost::json::value& sources);

}  // namespace adapters
