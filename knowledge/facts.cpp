#include "knowledge/facts.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <boost/json.hpp>
#include <re2/re2.h>

namespace knowledge {
namespace {

RE2::Options pattern_options() {
  RE2::Options options;
  options.set_log_errors(false);
  return options;
}

// "₹6–10 LPA", "₹6 LPA – ₹10 LPA", "₹40 LPA – ₹60+ LPA".
const RE2& money_range() {
  static const RE2 re(R"(₹\s*(\d+(?:\.\d+)?)\s*(?:LPA\s*)?(?:–|-|to)\s*(?:₹\s*)?(\d+(?:\.\d+)?)(\+?)\s*LPA)",
                      pattern_options());
  return re;
}
// "(0–2 years)", "(5+ years)".
const RE2& year_span() {
  static const RE2 re(R"(\((\d+(?:\.\d+)?)\s*(?:(?:–|-|to)\s*(\d+(?:\.\d+)?)|(\+))\s*years?\))", pattern_options());
  return re;
}
// "15–25%".
const RE2& percent_range() {
  static const RE2 re(R"((\d+(?:\.\d+)?)\s*(?:–|-|to)\s*(\d+(?:\.\d+)?)\s*%)", pattern_options());
  return re;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == ':')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == ':' || text.back() == '.')) text.remove_suffix(1);
  return std::string(text);
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    if (auto part = trimmed(text.substr(start, end - start)); !part.empty()) parts.push_back(part);
    start = end + 1;
  }
  return parts;
}

// "DVC (Data Version Control)" -> "DVC".
std::string without_parenthetical(const std::string& name) {
  const auto open = name.find(" (");
  return open == std::string::npos ? name : name.substr(0, open);
}

struct YearSpan {
  double from = 0;
  std::optional<double> to;
};

std::optional<YearSpan> year_span_in(std::string_view text) {
  std::string from, to, plus;
  if (!RE2::PartialMatch(text, year_span(), &from, &to, &plus)) return std::nullopt;
  YearSpan span{std::stod(from), std::nullopt};
  if (!to.empty()) span.to = std::stod(to);
  return span;
}

std::optional<std::pair<double, double>> money_in(std::string_view text, bool* open_ended = nullptr) {
  std::string low, high, plus;
  if (!RE2::PartialMatch(text, money_range(), &low, &high, &plus)) return std::nullopt;
  if (open_ended) *open_ended = !plus.empty();
  return std::make_pair(std::stod(low), std::stod(high));
}

std::optional<std::string> first_label(const Labeler& labeler, std::string_view kind, std::string_view text) {
  auto labels = labeler.labels(kind, text);
  if (labels.empty()) return std::nullopt;
  return labels.front();
}

void read_bands(const std::vector<Passage>& passages, const Labeler& labeler, Facts& facts) {
  std::map<std::string, SalaryBand> by_level;
  for (const auto& passage : passages) {
    // Either "Label (years): ₹range" on one line, or a group "Label (years)" whose items
    // say "Salary: ₹range" and "Responsibilities: a, b, c".
    const bool inline_band = year_span_in(passage.text) && money_in(passage.text);
    const std::string label = inline_band ? trimmed(passage.text.substr(0, passage.text.find(':'))) : passage.group;
    const auto span = year_span_in(label);
    if (!span) continue;
    const auto level = first_label(labeler, "level", label);
    if (!level) continue;
    auto& band = by_level[*level];
    band.level = *level;
    if (band.label.empty()) band.label = label;
    band.years_from = span->from;
    band.years_to = span->to;
    bool open_ended = false;
    if (const auto money = money_in(passage.text, &open_ended)) {
      // Keep the richer statement as the source: the one under a group with responsibilities.
      if (band.passage < 0 || !inline_band) band.passage = passage.id;
      band.min_lpa = money->first;
      band.max_lpa = money->second;
      band.open_ended = band.open_ended || open_ended;
    } else if (const auto colon = passage.text.find(':');
               colon != std::string::npos && first_label(labeler, "section_topic", passage.text.substr(0, colon)) ==
                                                 std::optional<std::string>("responsibilities")) {
      band.responsibilities = split_list(std::string_view(passage.text).substr(colon + 1));
    }
  }
  for (auto& [level, band] : by_level)
    if (band.passage >= 0) facts.bands.push_back(std::move(band));
  std::sort(facts.bands.begin(), facts.bands.end(),
            [](const SalaryBand& a, const SalaryBand& b) { return a.years_from < b.years_from; });
}

void read_role_table(const std::vector<Passage>& passages, const Labeler& labeler, Facts& facts) {
  for (const auto& passage : passages) {
    if (passage.kind != PassageKind::table_row) continue;
    std::vector<std::string> cells;
    std::size_t start = 0;
    while (start <= passage.text.size()) {
      auto end = passage.text.find('|', start);
      if (end == std::string::npos) end = passage.text.size();
      if (auto cell = trimmed(std::string_view(passage.text).substr(start, end - start)); !cell.empty())
        cells.push_back(cell);
      start = end + 1;
    }
    if (cells.size() < 2) continue;
    const auto role = first_label(labeler, "role", cells[0]);
    const auto money = money_in(cells[1]);
    if (!role || !money) continue;
    facts.roles.push_back({*role, cells[0], money->first, money->second, cells.size() > 2 ? cells[2] : "", passage.id});
  }
}

void read_percentages(const std::vector<Passage>& passages, const Labeler& labeler, Facts& facts) {
  for (const auto& passage : passages) {
    std::string low, high;
    if (!RE2::PartialMatch(passage.text, percent_range(), &low, &high)) continue;
    const auto topic = first_label(labeler, "percentage_topic", passage.text);
    if (!topic || facts.percentage(*topic)) continue;
    facts.percentages.push_back({*topic, std::stod(low), std::stod(high), passage.id});
  }
}

void read_tool_catalogue(const std::vector<Passage>& passages, const Labeler& labeler, Facts& facts) {
  for (int id : facts.passages_of(facts.section_passages, "tools")) {
    const auto& passage = passages[static_cast<std::size_t>(id)];
    if (passage.kind != PassageKind::item || passage.group.empty()) continue;
    const auto category = first_label(labeler, "tool_category", passage.group);
    if (!category) continue;
    auto group = std::find_if(facts.tools.begin(), facts.tools.end(),
                              [&](const ToolGroup& g) { return g.label == passage.group; });
    if (group == facts.tools.end()) group = facts.tools.insert(facts.tools.end(), {*category, passage.group, {}, {}});
    for (const auto& name : split_list(passage.text)) group->tools.push_back(without_parenthetical(name));
    group->passages.push_back(passage.id);
  }
}

// "IaaS provides ...", "DVC (Data Version Control)", "Load Balancers: Tools that ...",
// "MLOps (Machine Learning Operations) is a set of ...": the subject, then what it is.
std::optional<std::string> defined_subject(const Passage& passage) {
  static const RE2 definition(R"(^([A-Za-z][A-Za-z0-9/&+-]*)(?: [A-Z][A-Za-z0-9/&+-]*){0,3}(?: \(| is an? | provides |: | refers to | means ))",
                              pattern_options());
  std::string subject;
  if (!RE2::PartialMatch(passage.text, definition, &subject)) return std::nullopt;
  std::transform(subject.begin(), subject.end(), subject.begin(), [](unsigned char c) { return std::tolower(c); });
  return subject;
}

void read_indexes(const std::vector<Passage>& passages, const Labeler& labeler, Facts& facts) {
  std::map<std::string, std::vector<std::string>> section_topics;
  for (const auto& passage : passages) {
    auto [topics, fresh] = section_topics.try_emplace(passage.section);
    if (fresh) topics->second = labeler.labels("section_topic", passage.section);
    for (const auto& topic : topics->second) facts.section_passages[topic].push_back(passage.id);
    for (const char* kind : kMentionKinds)
      for (const auto& value : labeler.labels(kind, passage.text))
        facts.mentions[std::string(kind) + ":" + value].push_back(passage.id);
    if (!labeler.labels("pay_words", passage.text).empty()) facts.pay_passages.insert(passage.id);
    if (const auto subject = defined_subject(passage)) facts.definitions[*subject].push_back(passage.id);
    if (std::find(topics->second.begin(), topics->second.end(), "factors") != topics->second.end())
      for (const auto& factor : labeler.labels("factor", passage.group + ". " + passage.text))
        facts.factor_passages[factor].push_back(passage.id);
  }
}

boost::json::array ids_json(const std::vector<int>& ids) { return boost::json::array(ids.begin(), ids.end()); }
std::vector<int> ids_from(const boost::json::value& value) {
  std::vector<int> ids;
  for (const auto& id : value.as_array()) ids.push_back(static_cast<int>(id.to_number<std::int64_t>()));
  return ids;
}
boost::json::object index_json(const std::map<std::string, std::vector<int>>& index) {
  boost::json::object object;
  for (const auto& [key, ids] : index) object[key] = ids_json(ids);
  return object;
}
std::map<std::string, std::vector<int>> index_from(const boost::json::value& value) {
  std::map<std::string, std::vector<int>> index;
  for (const auto& [key, ids] : value.as_object()) index.emplace(std::string(key), ids_from(ids));
  return index;
}
std::vector<std::string> strings_from(const boost::json::value& value) {
  std::vector<std::string> strings;
  for (const auto& item : value.as_array()) strings.emplace_back(item.as_string());
  return strings;
}
double number(const boost::json::object& object, const char* key) { return object.at(key).to_number<double>(); }
std::string string_at(const boost::json::object& object, const char* key) { return std::string(object.at(key).as_string()); }
int int_at(const boost::json::object& object, const char* key) { return static_cast<int>(object.at(key).to_number<std::int64_t>()); }

}  // namespace

const SalaryBand* Facts::band_for_level(std::string_view level) const {
  for (const auto& band : bands)
    if (band.level == level) return &band;
  return nullptr;
}

const SalaryBand* Facts::band_for_years(double years) const {
  const SalaryBand* found = nullptr;
  for (const auto& band : bands)
    if (band.years_from <= years) found = &band;
  return found;
}

const RoleRange* Facts::role(std::string_view role) const {
  for (const auto& range : roles)
    if (range.role == role) return &range;
  return nullptr;
}

const Percentage* Facts::percentage(std::string_view topic) const {
  for (const auto& percentage : percentages)
    if (percentage.topic == topic) return &percentage;
  return nullptr;
}

const std::vector<int>& Facts::passages_of(const std::map<std::string, std::vector<int>>& index,
                                           const std::string& key) const {
  static const std::vector<int> kNone;
  const auto it = index.find(key);
  return it == index.end() ? kNone : it->second;
}

Facts extract_facts(const std::vector<Passage>& passages, const Labeler& labeler) {
  Facts facts;
  read_indexes(passages, labeler, facts);
  read_bands(passages, labeler, facts);
  read_role_table(passages, labeler, facts);
  read_percentages(passages, labeler, facts);
  read_tool_catalogue(passages, labeler, facts);
  return facts;
}

boost::json::value to_json(const Facts& facts) {
  boost::json::array bands, roles, percentages, tools;
  for (const auto& band : facts.bands) {
    boost::json::object object{{"level", band.level}, {"label", band.label}, {"years_from", band.years_from},
                               {"min_lpa", band.min_lpa}, {"max_lpa", band.max_lpa}, {"open_ended", band.open_ended},
                               {"passage", band.passage}};
    if (band.years_to) object["years_to"] = *band.years_to;
    object["responsibilities"] = boost::json::array(band.responsibilities.begin(), band.responsibilities.end());
    bands.push_back(std::move(object));
  }
  for (const auto& role : facts.roles)
    roles.push_back({{"role", role.role}, {"label", role.label}, {"min_lpa", role.min_lpa}, {"max_lpa", role.max_lpa},
                     {"note", role.note}, {"passage", role.passage}});
  for (const auto& percentage : facts.percentages)
    percentages.push_back({{"topic", percentage.topic}, {"low", percentage.low}, {"high", percentage.high},
                           {"passage", percentage.passage}});
  for (const auto& group : facts.tools)
    tools.push_back({{"category", group.category}, {"label", group.label},
                     {"tools", boost::json::array(group.tools.begin(), group.tools.end())},
                     {"passages", ids_json(group.passages)}});
  return {{"bands", bands}, {"roles", roles}, {"percentages", percentages}, {"tools", tools},
          {"section_passages", index_json(facts.section_passages)}, {"mentions", index_json(facts.mentions)},
          {"factor_passages", index_json(facts.factor_passages)}, {"definitions", index_json(facts.definitions)},
          {"pay_passages", boost::json::array(facts.pay_passages.begin(), facts.pay_passages.end())}};
}

Facts facts_from_json(const boost::json::value& value) {
  const auto& root = value.as_object();
  Facts facts;
  for (const auto& item : root.at("bands").as_array()) {
    const auto& object = item.as_object();
    SalaryBand band;
    band.level = string_at(object, "level");
    band.label = string_at(object, "label");
    band.years_from = number(object, "years_from");
    if (object.contains("years_to")) band.years_to = number(object, "years_to");
    band.min_lpa = number(object, "min_lpa");
    band.max_lpa = number(object, "max_lpa");
    band.open_ended = object.at("open_ended").as_bool();
    band.responsibilities = strings_from(object.at("responsibilities"));
    band.passage = int_at(object, "passage");
    facts.bands.push_back(std::move(band));
  }
  for (const auto& item : root.at("roles").as_array()) {
    const auto& object = item.as_object();
    facts.roles.push_back({string_at(object, "role"), string_at(object, "label"), number(object, "min_lpa"),
                           number(object, "max_lpa"), string_at(object, "note"), int_at(object, "passage")});
  }
  for (const auto& item : root.at("percentages").as_array()) {
    const auto& object = item.as_object();
    facts.percentages.push_back(
        {string_at(object, "topic"), number(object, "low"), number(object, "high"), int_at(object, "passage")});
  }
  for (const auto& item : root.at("tools").as_array()) {
    const auto& object = item.as_object();
    facts.tools.push_back({string_at(object, "category"), string_at(object, "label"), strings_from(object.at("tools")),
                           ids_from(object.at("passages"))});
  }
  facts.section_passages = index_from(root.at("section_passages"));
  facts.mentions = index_from(root.at("mentions"));
  facts.factor_passages = index_from(root.at("factor_passages"));
  facts.definitions = index_from(root.at("definitions"));
  for (int id : ids_from(root.at("pay_passages"))) facts.pay_passages.insert(id);
  return facts;
}

}  // namespace knowledge
