#include "adapters/common/answer_parts.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <sstream>

#include <boost/json.hpp>

namespace adapters {
namespace {

std::optional<double> number(const boost::json::object& row, std::string_view key) {
  const auto* value = row.if_contains(key);
  if (!value) return std::nullopt;
  if (value->is_int64()) return static_cast<double>(value->get_int64());
  if (value->is_uint64()) return static_cast<double>(value->get_uint64());
  if (value->is_double()) return value->get_double();
  return std::nullopt;
}

std::string format_lpa(double lpa) {
  std::ostringstream out;
  if (std::floor(lpa) == lpa)
    out << static_cast<long long>(lpa);
  else
    out << lpa;
  return out.str();
}

}  // namespace

std::vector<ComparisonRow> comparison_rows(const bot::Answer& answer) {
  std::vector<ComparisonRow> rows;
  const auto* comparison = answer.data.if_contains("comparison");
  if (!comparison || !comparison->is_array()) return rows;
  for (const auto& item : comparison->get_array()) {
    if (!item.is_object()) continue;
    const auto& row = item.get_object();
    const auto* role = row.if_contains("role");
    const auto low = number(row, "min_lpa");
    const auto high = number(row, "max_lpa");
    if (!role || !role->is_string() || !low || !high) continue;
    rows.push_back({role_label(role->get_string()), "₹" + format_lpa(*low) + "–" + format_lpa(*high) + " LPA"});
  }
  return rows;
}

std::string role_label(std::string_view role) {
  std::string label;
  std::size_t start = 0;
  while (start <= role.size()) {
    auto end = role.find('_', start);
    if (end == std::string_view::npos) end = role.size();
    auto word = std::string(role.substr(start, end - start));
    // The words people spell in capitals; everything else is capitalised.
    if (word == "mlops")
      word = "MLOps";
    else if (word == "devops")
      word = "DevOps";
    else if (word == "ml")
      word = "ML";
    else if (!word.empty())
      word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    if (!word.empty()) label += (label.empty() ? "" : " ") + word;
    start = end + 1;
  }
  return label;
}

std::string source_label(const bot::Source& source) {
  return source.section.empty() ? source.doc : source.doc + " — " + source.section;
}

std::vector<std::string> source_labels(const bot::Answer& answer) {
  std::vector<std::string> labels;
  for (const auto& source : answer.sources) {
    auto label = source_label(source);
    if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(std::move(label));
  }
  return labels;
}

}  // namespace adapters
