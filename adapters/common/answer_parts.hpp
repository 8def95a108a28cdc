// Pieces of an answer object that both chat adapters (Slack, Discord) show apart from the
// text: the salary comparison of data.comparison, and the sources. Plain text, unescaped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "bot/answer.hpp"

namespace adapters {

struct ComparisonRow {
  std::string role;  // for people: "MLOps Engineer"
  std::string band;  // "₹10–20 LPA"
};

// The rows of data.comparison ([{role, min_lpa, max_lpa}]) in order; rows without a role or
// a number are skipped. Empty when the answer has no comparison.
std::vector<ComparisonRow> comparison_rows(const bot::Answer& answer);

// "mlops_engineer" → "MLOps Engineer".
std::string role_label(std::string_view role);

// "document — section" (or just the document when the section is empty).
std::string source_label(const bot::Source& source);

// The labels of the answer's sources in order, each once (several passages of one section
// are one source to a reader).
std::vector<std::string> source_labels(const bot::Answer& answer);

}  // namespace adapters
