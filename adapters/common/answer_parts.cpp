#include "adapters/common/answer_parts.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <sstream>

#include <boost/json/serialize.hpp>

namespace adapters {
namespace {

namespace json = boost::json;

std::optional<double> number(const json::object& row, std::string_view key) {
  const auto* value = row.if_contains(key);
  if (!value) return std::nullopt;
  if (value->is_int64()) return static_cast<double>(value->get_int64());
  if (value->is_uint64()) return static_cast<double>(value->get_uint64());
  if (value->is_double()) return value->get_double();
  return std::nullopt;
}

std::string text_of(const json::value* value) {
  if (!value) return {};
  if (value->is_string()) return std::string(value->get_string());
  if (value->is_number()) return json::serialize(*value);
  return {};
}

std::string first_text(const json::object& row, std::initializer_list<const char*> keys) {
  for (const char* key : keys)
    if (auto text = text_of(row.if_contains(key)); !text.empty()) return text;
  return {};
}

// A row of either shape; `key` is the level an object of bands keys it by (empty in an array).
std::optional<SalaryRange> range_of(const json::object& row, std::string_view key) {
  const auto low = number(row, "min_lpa");
  const auto high = number(row, "max_lpa");
  if (!low || !high) return std::nullopt;
  SalaryRange range{first_text(row, {"label", "name"}), *low, *high, false};
  if (range.label.empty()) range.label = role_label(text_of(row.if_contains("role")));
  if (range.label.empty()) range.label = key;
  if (range.label.empty()) range.label = first_text(row, {"level", "experience"});
  if (range.label.empty()) return std::nullopt;
  const auto* open_ended = row.if_contains("open_ended");
  range.open_ended = open_ended && open_ended->is_bool() && open_ended->get_bool();
  return range;
}

std::vector<SalaryRange> ranges_of(const json::value& rows) {
  std::vector<SalaryRange> ranges;
  if (rows.is_array()) {
    for (const auto& row : rows.get_array())
      if (row.is_object())
        if (auto range = range_of(row.get_object(), {})) ranges.push_back(std::move(*range));
  } else if (rows.is_object()) {
    for (const auto& [key, row] : rows.get_object())
      if (row.is_object())
        if (auto range = range_of(row.get_object(), key)) ranges.push_back(std::move(*range));
  }
  return ranges;
}

}  // namespace

std::string SalaryRange::band() const {
  return "₹" + format_lpa(min_lpa) + "–" + format_lpa(max_lpa) + (open_ended ? "+" : "") + " LPA";
}

std::vector<SalaryRange> comparison_ranges(const json::object& data) {
  const auto* comparison = data.if_contains("comparison");
  if (!comparison || !comparison->is_array()) return {};
  return ranges_of(*comparison);
}

std::vector<SalaryRange> salary_ranges(const json::object& data) {
  if (const auto* comparison = data.if_contains("comparison")) return ranges_of(*comparison);
  const auto* salary = data.if_contains("salary");
  if (!salary || !salary->is_object()) return {};
  const auto* bands = salary->get_object().if_contains("bands");
  return bands ? ranges_of(*bands) : std::vector<SalaryRange>{};
}

std::string format_lpa(double lpa) {
  std::ostringstream out;
  if (std::floor(lpa) == lpa)
    out << static_cast<long long>(lpa);
  else
    out << lpa;
  return out.str();
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

std::string source_label(std::string_view doc, std::string_view section) {
  return section.empty() ? std::string(doc) : std::string(doc) + " — " + std::string(section);
}

namespace {

void add_once(std::vector<std::string>& labels, std::string label) {
  if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(std::move(label));
}

}  // namespace

std::vector<std::string> source_labels(const bot::Answer& answer) {
  std::vector<std::string> labels;
  for (const auto& source : answer.sources) add_once(labels, source_label(source.doc, source.section));
  return labels;
}

std::vector<std::string> source_labels(const json::value& sources) {
  std::vector<std::string> labels;
  if (!sources.is_array()) return labels;
  for (const auto& source : sources.get_array()) {
    if (!source.is_object()) continue;
    const auto& object = source.get_object();
    add_once(labels, source_label(text_of(object.if_contains("doc")), text_of(object.if_contains("section"))));
  }
  return labels;
}

}  // namespace adapters
