// Tools, by the group a document puts them in, for the role its passages speak of.
#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "knowledge/internal/fact_readers.hpp"
#include "knowledge/sentences.hpp"

namespace knowledge {
namespace {

constexpr std::size_t kMaxToolWords = 5;  // longer list items are sentences, not tool names

// The section topics of each heading, labelled once: a heading stands over many passages, and
// labelling it up to five times for each of them was a tenth of `index`.
class HeadingTopics {
 public:
  explicit HeadingTopics(const Labeler& labeler) : labeler_(labeler) {}
  bool has_topic(const std::string& heading, std::string_view topic) {
    if (heading.empty()) return false;
    auto found = topics_.find(heading);
    if (found == topics_.end()) found = topics_.emplace(heading, labeler_.labels("section_topic", heading)).first;
    return std::find(found->second.begin(), found->second.end(), topic) != found->second.end();
  }

 private:
  const Labeler& labeler_;
  std::unordered_map<std::string, std::vector<std::string>> topics_;
};

std::string trimmed(std::string_view text) {
  auto is_trim = [](char c) { return c == ' ' || c == '.' || c == ';' || c == ':' || c == ','; };
  while (!text.empty() && is_trim(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_trim(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// "Git, GitHub, GitLab", "Docker and Kubernetes", "DVC (Data Version Control)": the names.
std::vector<std::string> split_names(std::string_view list) {
  std::vector<std::string> names;
  std::string text(list);
  for (std::string_view joiner : {" and ", " or ", "; ", " & "}) {
    for (auto at = text.find(joiner); at != std::string::npos; at = text.find(joiner, at + 2))
      text.replace(at, joiner.size(), ", ");
  }
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string name = trimmed(std::string_view(text).substr(start, end - start));
    if (const auto open = name.find(" ("); open != std::string::npos) name = name.substr(0, open);
    if (name.starts_with("etc")) name.clear();
    if (!name.empty() && word_count(name) <= kMaxToolWords) names.push_back(name);
    start = end + 1;
  }
  return names;
}

ToolGroup& group_for(Facts& facts, const std::string& role, const std::string& label, const std::string& doc_key,
                     bool from_prose, const FactSources& sources) {
  auto it = std::find_if(facts.tools.begin(), facts.tools.end(), [&](const ToolGroup& group) {
    return group.label == label && group.role == role && group.from_prose == from_prose &&
           !group.passages.empty() && sources.passages[static_cast<std::size_t>(group.passages.front())].doc == doc_key;
  });
  if (it != facts.tools.end()) return *it;
  ToolGroup group;
  group.role = role;
  group.label = label;
  const auto categories = sources.labeler.labels("tool_category", label);
  if (!categories.empty()) group.category = categories.front();
  group.from_prose = from_prose;
  facts.tools.push_back(std::move(group));
  return facts.tools.back();
}

void add_tools(ToolGroup& group, const std::vector<std::string>& names, int passage) {
  for (const auto& name : names)
    if (std::find(group.tools.begin(), group.tools.end(), name) == group.tools.end()) group.tools.push_back(name);
  if (std::find(group.passages.begin(), group.passages.end(), passage) == group.passages.end())
    group.passages.push_back(passage);
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// A name in running text: one to four words, each capitalized or a digit ("IBM QRadar",
// "CrowdStrike Falcon", "Power BI").
bool looks_like_name(std::string_view text) {
  const std::size_t words = word_count(text);
  if (words == 0 || words > 4) return false;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start && !is_upper(text[start]) && !(text[start] >= '0' && text[start] <= '9')) return false;
    start = end + 1;
  }
  return true;
}

// Tools a sentence names after "in", "such as", "using", ...: "alerts in Splunk, Microsoft
// Sentinel or IBM QRadar". At least two names, none of them a city.
std::vector<std::string> named_in_sentence(std::string_view sentence, const FactSources& sources) {
  std::vector<std::string> found;
  for (std::string_view marker : {" such as ", " like ", " in ", " using ", " with ", " through ", " including "}) {
    for (auto at = sentence.find(marker); at != std::string_view::npos; at = sentence.find(marker, at + 1)) {
      std::string_view rest = sentence.substr(at + marker.size());
      // The enumeration ends at the first word that is not part of a name or a joiner.
      std::vector<std::string> names;
      std::string current;
      bool ended = false;
      std::size_t i = 0;
      while (i < rest.size() && !ended) {
        auto end = rest.find_first_of(" ,;.()", i);
        if (end == std::string_view::npos) end = rest.size();
        const std::string_view word = rest.substr(i, end - i);
        const char stop = end < rest.size() ? rest[end] : '.';
        if (word == "and" || word == "or") {
          if (!current.empty()) names.push_back(current);
          current.clear();
        } else if (!word.empty() && (is_upper(word.front()) || (word.front() >= '0' && word.front() <= '9'))) {
          current += (current.empty() ? "" : " ") + std::string(word);
        } else if (!word.empty()) {
          ended = true;
        }
        if (stop == ',') {
          if (!current.empty()) names.push_back(current);
          current.clear();
        } else if (stop == '.' || stop == ';' || stop == '(' || stop == ')') {
          ended = true;
        }
        i = end + 1;
      }
      if (!current.empty()) names.push_back(current);
      names.erase(std::remove_if(names.begin(), names.end(),
                                 [&](const std::string& name) {
                                   return !looks_like_name(name) || !sources.labeler.labels("city", name).empty();
                                 }),
                  names.end());
      if (names.size() >= 2)
        for (auto& name : names)
          if (std::find(found.begin(), found.end(), name) == found.end()) found.push_back(std::move(name));
    }
  }
  return found;
}

// "✓CI/CD (Jenkins, GitLab)": a group's name, then its tools in brackets. Empty when the item
// has no such brackets or they hold anything but names.
std::pair<std::string, std::vector<std::string>> bracketed_tools(std::string_view item) {
  const auto open = item.find(" (") != std::string_view::npos ? item.find(" (") : item.find('(');
  const auto close = item.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) return {};
  auto names = split_names(item.substr(item.find('(', open) + 1, close - item.find('(', open) - 1));
  if (names.size() < 2 || !std::all_of(names.begin(), names.end(), looks_like_name)) return {};
  // The label without a leading tick or bullet that is no letter ("✓CI/CD").
  std::size_t start = 0;
  while (start < open && !std::isalnum(static_cast<unsigned char>(item[start]))) ++start;
  return {trimmed(item.substr(start, open - start)), names};
}

// A table's column on tools or skills ("Core Skills": "Python, Spark, Kafka"): the row's tools.
// A first column so headed names one tool a row.
void read_tool_column(const FactSources& sources, HeadingTopics& headings, const Passage& passage,
                      const std::string& role, Facts& facts) {
  for (std::size_t i = 0; i < passage.cells.size() && i < passage.header.size(); ++i) {
    if (!headings.has_topic(passage.header[i], "tools") && !headings.has_topic(passage.header[i], "skills")) continue;
    auto names = split_names(passage.cells[i]);
    // Under a tools header a one-word name may be written in lower case ("dbt", "pandas").
    std::erase_if(names, [](const std::string& name) {
      const bool one_word = word_count(name) == 1 && name.size() >= 2 && name != "etc" && name != "more" && name != "others";
      return !looks_like_name(name) && !one_word;
    });
    // A list in a cell, or the row's own label under a tools header ("Library": "NumPy"): one
    // tool a row, gathered over the table's rows.
    if (names.size() < 2 && !(i == 0 && names.size() == 1)) continue;
    // The row is about the role its first cell names, else the passage's.
    const auto named = passage.cells.empty() ? std::vector<std::string>{} : sources.roles.roles_in(passage.cells.front());
    const std::string& row_role = named.size() == 1 ? named.front() : role;
    // "Orchestration | Apache Airflow, Dagster": a row its first cell labels is a group of its own.
    const bool row_labelled = i > 0 && named.empty() && word_count(passage.cells.front()) >= 1 &&
                              word_count(passage.cells.front()) <= 4;
    const std::string label = row_labelled ? trimmed(passage.cells.front()) : passage.header[i];
    add_tools(group_for(facts, row_role, label, passage.doc, false, sources), names, passage.id);
  }
}

}  // namespace

void read_tools(const FactSources& sources, Facts& facts) {
  HeadingTopics headings(sources.labeler);
  for (const auto& passage : sources.passages) {
    const std::string& role = facts.role_of_passage(passage.id);
    if (passage.kind == PassageKind::table_row) {
      read_tool_column(sources, headings, passage, role, facts);
      continue;
    }
    const bool in_tools_section = headings.has_topic(passage.section, "tools") || headings.has_topic(passage.parent, "tools");
    if (in_tools_section && passage.kind == PassageKind::item) {
      // "Infrastructure as code: Terraform, Pulumi" names its group; else the group or the
      // sub-section the item stands under ("### Vector databases").
      std::string label, list = passage.text;
      if (const auto colon = passage.text.find(": "); colon != std::string::npos && colon < 60) {
        label = passage.text.substr(0, colon);
        list = passage.text.substr(colon + 2);
      } else {
        label = !passage.group.empty() ? passage.group : passage.section;
      }
      const auto names = split_names(list);
      if (!names.empty()) add_tools(group_for(facts, role, label, passage.doc, false, sources), names, passage.id);
      continue;
    }
    const bool skills_section = headings.has_topic(passage.section, "skills") || headings.has_topic(passage.parent, "skills");
    if (skills_section && passage.kind == PassageKind::item) {
      if (auto [label, names] = bracketed_tools(passage.text); !names.empty()) {
        add_tools(group_for(facts, role, label, passage.doc, false, sources), names, passage.id);
        continue;
      }
    }
    const bool work_section = headings.has_topic(passage.section, "responsibilities") || skills_section ||
                              in_tools_section;
    if (!work_section) continue;
    for (const auto sentence : sentences_of(passage.text)) {
      const auto names = named_in_sentence(sentence, sources);
      if (!names.empty()) add_tools(group_for(facts, role, passage.section, passage.doc, true, sources), names, passage.id);
    }
  }
}

}  // namespace knowledge
