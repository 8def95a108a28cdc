#include "adapters/slack/mrkdwn.hpp"

#include <algorithm>
#include <vector>

namespace adapters::slack {
namespace {

void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else
      out += c;
  }
}

std::string inline_mrkdwn(std::string_view text);

// Where `marker` closes an emphasis opened at `from`, or npos; an empty span does not count.
std::size_t closing(std::string_view text, std::size_t from, std::string_view marker) {
  const auto end = text.find(marker, from);
  return end == from ? std::string_view::npos : end;
}

std::string inline_mrkdwn(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto rest = text.substr(i);
    if (rest.front() == '`') {
      const auto end = text.find('`', i + 1);
      if (end != std::string_view::npos) {
        out += '`';
        append_escaped(out, text.substr(i + 1, end - i - 1));
        out += '`';
        i = end + 1;
        continue;
      }
    }
    if (rest.starts_with("**") || rest.starts_with("__")) {
      if (const auto end = closing(text, i + 2, rest.substr(0, 2)); end != std::string_view::npos) {
        out += '*' + inline_mrkdwn(text.substr(i + 2, end - i - 2)) + '*';
        i = end + 2;
        continue;
      }
    }
    if (rest.starts_with("~~")) {
      if (const auto end = closing(text, i + 2, "~~"); end != std::string_view::npos) {
        out += '~' + inline_mrkdwn(text.substr(i + 2, end - i - 2)) + '~';
        i = end + 2;
        continue;
      }
    }
    // A single * is Markdown italics; a lone _ is left alone (it is common inside words).
    if (rest.front() == '*' && rest.size() > 1 && rest[1] != ' ') {
      if (const auto end = closing(text, i + 1, "*"); end != std::string_view::npos) {
        out += '_' + inline_mrkdwn(text.substr(i + 1, end - i - 1)) + '_';
        i = end + 1;
        continue;
      }
    }
    if (rest.front() == '[') {
      const auto label_end = text.find("](", i);
      const auto url_end = label_end == std::string_view::npos ? label_end : text.find(')', label_end);
      if (url_end != std::string_view::npos) {
        const auto url = text.substr(label_end + 2, url_end - label_end - 2);
        if (url.find_first_of(" <>|") == std::string_view::npos) {
          out += '<';
          append_escaped(out, url);
          out += '|';
          append_escaped(out, text.substr(i + 1, label_end - i - 1));
          out += '>';
          i = url_end + 1;
          continue;
        }
      }
    }
    append_escaped(out, rest.substr(0, 1));
    ++i;
  }
  return out;
}

std::string_view trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

std::vector<std::string> table_cells(std::string_view row) {
  row = trim(row);
  if (row.starts_with('|')) row.remove_prefix(1);
  if (row.ends_with('|')) row.remove_suffix(1);
  std::vector<std::string> cells;
  std::size_t start = 0;
  while (true) {
    const auto bar = row.find('|', start);
    cells.emplace_back(trim(row.substr(start, bar == std::string_view::npos ? bar : bar - start)));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return cells;
}

bool is_separator_row(std::string_view row) {
  return row.find_first_not_of("|-: \t") == std::string_view::npos && row.find('-') != std::string_view::npos;
}

// Width in characters, not bytes, so a "₹" does not skew the columns.
std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Slack renders no tables: a monospace block with padded columns keeps them readable.
void append_table(std::string& out, const std::vector<std::string_view>& rows) {
  std::vector<std::vector<std::string>> cells;
  std::vector<std::size_t> widths;
  for (auto row : rows) {
    if (is_separator_row(row)) continue;
    auto& line = cells.emplace_back(table_cells(row));
    widths.resize(std::max(widths.size(), line.size()), 0);
    for (std::size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], display_width(line[i]));
  }
  out += "```\n";
  for (const auto& line : cells) {
    std::string text;
    for (std::size_t i = 0; i < line.size(); ++i) {
      text += line[i];
      if (i + 1 < line.size()) text += std::string(widths[i] - display_width(line[i]) + 2, ' ');
    }
    append_escaped(out, text);
    out += '\n';
  }
  out += "```\n";
}

}  // namespace

std::string escape_mrkdwn(std::string_view text) {
  std::string out;
  append_escaped(out, text);
  return out;
}

std::string to_mrkdwn(std::string_view markdown) {
  std::string out;
  std::vector<std::string_view> table;
  bool in_code_block = false;
  std::size_t start = 0;
  while (start < markdown.size()) {
    auto end = markdown.find('\n', start);
    if (end == std::string_view::npos) end = markdown.size();
    const auto line = markdown.substr(start, end - start);
    start = end + 1;
    const auto trimmed = trim(line);

    if (!in_code_block && trimmed.starts_with('|')) {
      table.push_back(line);
      continue;
    }
    if (!table.empty()) {
      append_table(out, table);
      table.clear();
    }
    if (trimmed.starts_with("```")) {
      in_code_block = !in_code_block;
      out += "```\n";
      continue;
    }
    if (in_code_block) {
      append_escaped(out, line);
      out += '\n';
      continue;
    }
    const auto indent = line.substr(0, line.find_first_not_of(" \t"));
    const auto hashes = trimmed.find_first_not_of('#');
    if (hashes > 0 && hashes <= 6 && hashes != std::string_view::npos && trimmed[hashes] == ' ') {
      out += '*' + inline_mrkdwn(trim(trimmed.substr(hashes))) + "*\n";
    } else if (trimmed.size() >= 2 && (trimmed[0] == '-' || trimmed[0] == '*' || trimmed[0] == '+') &&
               trimmed[1] == ' ') {
      out += std::string(indent) + "• " + inline_mrkdwn(trim(trimmed.substr(2))) + '\n';
    } else {
      out += inline_mrkdwn(line) + '\n';
    }
  }
  if (!table.empty()) append_table(out, table);
  if (in_code_block) out += "```\n";
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace adapters::slack
