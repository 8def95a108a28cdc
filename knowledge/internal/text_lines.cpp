#include "knowledge/internal/text_lines.hpp"

#include <algorithm>
#include <cctype>

namespace knowledge::internal {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

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

}  // namespace

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

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

bool looks_like_standalone_heading(std::string_view line) {
  if (line.size() < 3 || line.size() > 80) return false;
  if (!is_upper(line.front()) && !is_digit(line.front())) return false;
  const char last = line.back();
  if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '|') return false;
  if (line.find(": ") != std::string_view::npos) return false;  // "Salary: ₹6 LPA" is a label line
  const auto words = words_of(line);
  return !words.empty() && words.size() <= 12;
}

std::string_view numbered_label(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && is_digit(line[i])) ++i;
  if (i == 0 || i > 2 || i >= line.size()) return {};
  if (line[i] == '.' || line[i] == ')') ++i;
  if (i >= line.size() || line[i] != ' ') return {};
  const auto label = trim(line.substr(i));
  return looks_like_label(label) ? label : std::string_view{};
}

bool looks_like_label(std::string_view text) {
  return !text.empty() && is_upper(text.front()) && text.size() <= 70 && text.back() != '.';
}

bool is_group_label(std::string_view line) { return line.size() <= 70 && line.size() > 1 && line.back() == ':'; }

std::string_view bullet_text(std::string_view line) {
  for (std::string_view marker : {"- ", "* ", "• ", "– "})
    if (line.starts_with(marker)) return trim(line.substr(marker.size()));
  return {};
}

MarkdownHeading markdown_heading(std::string_view line) {
  if (!line.starts_with('#')) return {};
  std::size_t i = 0;
  while (i < line.size() && line[i] == '#') ++i;
  if (i > 6 || i >= line.size() || line[i] != ' ') return {};
  const auto text = trim(line.substr(i));
  return text.empty() ? MarkdownHeading{} : MarkdownHeading{text, static_cast<int>(i)};
}

bool is_table_row(std::string_view line) { return std::count(line.begin(), line.end(), '|') >= 2; }

bool is_table_separator(std::string_view line) {
  if (line.find('-') == std::string_view::npos) return false;
  return std::all_of(line.begin(), line.end(), [](char c) { return c == '|' || c == '-' || c == ':' || c == ' ' || c == '\t'; });
}

std::vector<std::string> table_cells(std::string_view line) {
  line = trim(line);
  if (line.starts_with('|')) line.remove_prefix(1);
  if (line.ends_with('|')) line.remove_suffix(1);
  std::vector<std::string> cells;
  std::size_t start = 0;
  while (true) {
    const auto bar = line.find('|', start);
    cells.emplace_back(trim(line.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start)));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return cells;
}

bool has_figures(std::string_view text) { return std::any_of(text.begin(), text.end(), is_digit); }

bool ends_sentence(std::string_view text) {
  text = trim(text);
  while (!text.empty() && (text.back() == '"' || text.back() == '\'' || text.back() == ')' || text.back() == ']'))
    text.remove_suffix(1);
  if (text.ends_with("\xE2\x80\x9D") || text.ends_with("\xE2\x80\x99")) text.remove_suffix(3);  // ” ’
  return !text.empty() && (text.back() == '.' || text.back() == '!' || text.back() == '?');
}

}  // namespace knowledge::internal
