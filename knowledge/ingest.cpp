#include "knowledge/ingest.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace knowledge {
namespace {

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The key two lines share when one repeats the other: lower case, single spaces.
std::string repeat_key(std::string_view line) {
  std::string key;
  for (char c : line) {
    if (c == ' ' || c == '\t') {
      if (!key.empty() && key.back() != ' ') key += ' ';
    } else {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return key;
}

// Splits sentences the source ran together without a space: "salary levels.Automating data".
std::vector<std::string_view> split_run_together(std::string_view line) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 1; i + 1 < line.size(); ++i) {
    if (line[i] == '.' && is_lower(line[i - 1]) && is_upper(line[i + 1])) {
      parts.push_back(trim(line.substr(start, i + 1 - start)));
      start = i + 1;
    }
  }
  parts.push_back(trim(line.substr(start)));
  return parts;
}

std::vector<std::string_view> words_of(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    std::size_t end = i;
    while (end < line.size() && line[end] != ' ') ++end;
    if (end > i) words.push_back(line.substr(i, end - i));
    i = end;
  }
  return words;
}

// A section title: short, no closing punctuation but "?", most longer words capitalized.
bool looks_like_heading(std::string_view line) {
  if (line.size() < 3 || line.size() > 90 || !is_upper(line.front())) return false;
  const char last = line.back();
  if (last == '.' || last == ',' || last == ';' || last == ':' || last == '|') return false;
  const auto words = words_of(line);
  if (words.empty() || words.size() > 12) return false;
  int long_words = 0, capitalized = 0;
  for (auto word : words) {
    while (!word.empty() && !std::isalnum(static_cast<unsigned char>(word.front()))) word.remove_prefix(1);
    if (word.size() < 4) continue;
    ++long_words;
    capitalized += is_upper(word.front()) ? 1 : 0;
  }
  return long_words > 0 && capitalized * 10 >= long_words * 6;
}

// "1. Version Control & Experiment Tracking" or "1 Experience Level" -> the label; else empty.
std::string_view numbered_label(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && is_digit(line[i])) ++i;
  if (i == 0 || i > 2 || i >= line.size()) return {};
  if (line[i] == '.' || line[i] == ')') ++i;
  if (i >= line.size() || line[i] != ' ') return {};
  const auto label = trim(line.substr(i));
  if (label.empty() || !is_upper(label.front()) || label.size() > 70 || label.back() == '.') return {};
  return label;
}

// A short line ending in ":" opens a group: "Entry-Level (0–2 years):", "Its importance includes:".
bool is_group_label(std::string_view line) { return line.size() <= 70 && line.size() > 1 && line.back() == ':'; }

bool is_table_row(std::string_view line) { return std::count(line.begin(), line.end(), '|') >= 2; }

std::string_view bullet_text(std::string_view line) {
  for (std::string_view marker : {"- ", "* ", "• ", "– "})
    if (line.starts_with(marker)) return trim(line.substr(marker.size()));
  return {};
}

std::string_view markdown_heading(std::string_view line) {
  if (!line.starts_with('#')) return {};
  std::size_t i = 0;
  while (i < line.size() && line[i] == '#') ++i;
  return i < line.size() && line[i] == ' ' ? trim(line.substr(i)) : std::string_view{};
}

}  // namespace

Document ingest(std::string_view doc_id, std::string_view text) {
  Document document;
  document.id = std::string(doc_id);
  std::unordered_set<std::string> seen;
  std::string section, group;
  bool group_has_items = false;

  auto add = [&](PassageKind kind, std::string_view passage_text) {
    if (passage_text.empty()) return;
    Passage passage;
    passage.id = static_cast<int>(document.passages.size());
    passage.doc = document.id;
    passage.section = section.empty() ? document.title : section;
    passage.group = group;
    passage.kind = kind;
    passage.position = passage.id;
    passage.text = std::string(passage_text);
    document.passages.push_back(std::move(passage));
  };
  auto open_section = [&](std::string_view title) {
    if (document.title.empty()) document.title = std::string(title);
    else if (repeat_key(title) == repeat_key(section.empty() ? document.title : section)) return;  // a title said twice
    section = std::string(title);
    group.clear();
    group_has_items = false;
  };
  auto open_group = [&](std::string_view label) {
    while (!label.empty() && label.back() == ':') label.remove_suffix(1);
    group = std::string(trim(label));
    group_has_items = false;
  };

  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const auto raw_line = trim(text.substr(start, end - start));
    start = end + 1;
    if (raw_line.empty()) continue;
    for (auto line : split_run_together(raw_line)) {
      if (line.empty()) continue;
      if (auto heading = markdown_heading(line); !heading.empty()) {
        open_section(heading);
        continue;
      }
      const bool heading = !is_table_row(line) && bullet_text(line).empty() && numbered_label(line).empty() &&
                           looks_like_heading(line);
      if (heading) {
        open_section(line);
        continue;
      }
      if (!seen.insert(repeat_key(line)).second) continue;  // the document says this line again
      if (is_table_row(line)) {
        add(PassageKind::table_row, line);
      } else if (auto item = bullet_text(line); !item.empty()) {
        if (is_group_label(item)) {
          open_group(item);  // "- Certifications (highly valuable):" heads the items after it
        } else {
          add(PassageKind::item, item);
          group_has_items = true;
        }
      } else if (auto label = numbered_label(line); !label.empty()) {
        open_group(label);
      } else if (is_group_label(line)) {
        open_group(line);
      } else {
        if (group_has_items) group.clear();  // prose after a list no longer belongs to its label
        add(PassageKind::paragraph, line);
      }
    }
    if (end == text.size()) break;
  }
  return document;
}

}  // namespace knowledge
