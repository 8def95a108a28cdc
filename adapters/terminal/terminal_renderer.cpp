#include "adapters/terminal/terminal_renderer.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "adapters/common/answer_parts.hpp"

namespace adapters::terminal {
namespace json = boost::json;

namespace {

constexpr std::string_view kBold = "\x1b[1m", kNoBold = "\x1b[22m", kDim = "\x1b[2m", kReset = "\x1b[0m",
                           kCyan = "\x1b[36m", kRed = "\x1b[31m";

// Columns a UTF-8 string takes, counting each code point as one.
std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

std::string pad(std::string_view text, std::size_t width) {
  std::string result(text);
  const auto used = display_width(text);
  if (used < width) result.append(width - used, ' ');
  return result;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// **bold** as ANSI bold, or without the stars when there is no colour.
std::string inline_markdown(std::string_view text, const RenderStyle& style) {
  std::string out;
  bool bold = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "**") == 0) {
      if (style.colour) out.append(bold ? kNoBold : kBold);
      bold = !bold;
      ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  if (bold && style.colour) out.append(kNoBold);
  return out;
}

std::string string_of(const json::value& value) {
  if (value.is_string()) return std::string(value.get_string());
  if (value.is_number()) return json::serialize(value);
  return {};
}

void render_ranges(const std::vector<SalaryRange>& ranges, const RenderStyle& style, std::ostream& out) {
  std::size_t label_width = 0, figure_width = 0;
  double top = 0;
  std::vector<std::string> figures;
  for (const auto& range : ranges) {
    figures.push_back(range.band());
    label_width = std::max(label_width, display_width(range.label));
    figure_width = std::max(figure_width, display_width(figures.back()));
    top = std::max(top, range.max_lpa);
  }
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const auto& range = ranges[i];
    const auto scale = [&](double value) {
      return top > 0 ? static_cast<int>(std::lround(value / top * style.bar_width)) : 0;
    };
    const int start = std::clamp(scale(range.min_lpa), 0, style.bar_width);
    const int end = std::clamp(std::max(scale(range.max_lpa), start + 1), 0, style.bar_width);
    std::string bar(static_cast<std::size_t>(start), ' ');
    for (int k = start; k < end; ++k) bar.append("█");
    out << "  " << pad(range.label, label_width) << "  " << pad(figures[i], figure_width) << "  "
        << (style.colour ? kCyan : "") << bar << (style.colour ? kReset : "") << "\n";
  }
}

// A Markdown table ("| a | b |" rows, "|---|" separators) as aligned columns.
void render_table(const std::vector<std::string_view>& lines, const RenderStyle& style, std::ostream& out) {
  std::vector<std::vector<std::string>> rows;
  for (auto line : lines) {
    line = trim(line);
    if (line.find_first_not_of("|-: ") == std::string_view::npos) continue;  // the separator row
    if (line.starts_with('|')) line.remove_prefix(1);
    if (line.ends_with('|')) line.remove_suffix(1);
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (;;) {
      const auto bar = line.find('|', start);
      cells.push_back(inline_markdown(trim(line.substr(start, bar - start)), RenderStyle{}));
      if (bar == std::string_view::npos) break;
      start = bar + 1;
    }
    rows.push_back(std::move(cells));
  }
  std::vector<std::size_t> widths;
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (widths.size() <= c) widths.push_back(0);
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out << "  ";
    if (r == 0 && style.colour) out << kBold;
    // Empty cells at the end of a row leave no trailing blanks.
    std::size_t used = rows[r].size();
    while (used > 1 && rows[r][used - 1].empty()) --used;
    for (std::size_t c = 0; c < used; ++c) {
      const bool last = c + 1 == used;
      out << (last ? rows[r][c] : pad(rows[r][c], widths[c]) + "  ");
    }
    if (r == 0 && style.colour) out << kNoBold;
    out << "\n";
  }
}

void render_text(std::string_view text, const RenderStyle& style, std::ostream& out) {
  std::vector<std::string_view> table;
  auto flush_table = [&] {
    if (!table.empty()) render_table(table, style, out);
    table.clear();
  };
  while (!text.empty()) {
    const auto end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    const std::string_view content = trim(line);
    if (content.starts_with('|')) {
      table.push_back(content);
      continue;
    }
    flush_table();
    if (content.starts_with("- ") || content.starts_with("* ")) {
      out << "  • " << inline_markdown(content.substr(2), style) << "\n";
    } else if (content.starts_with('#')) {
      const auto heading = trim(content.substr(content.find_first_not_of('#')));
      out << (style.colour ? kBold : "") << heading << (style.colour ? kNoBold : "") << "\n";
    } else {
      out << inline_markdown(line, style) << "\n";
    }
  }
  flush_table();
}

}  // namespace

RenderStyle style_for(int fd) {
  const char* no_colour = std::getenv("NO_COLOR");
  return RenderStyle{.colour = isatty(fd) != 0 && (!no_colour || !*no_colour)};
}

std::string render_answer(const json::object& answer, const RenderStyle& style) {
  std::ostringstream out;
  if (const auto* type = answer.if_contains("type"); type && *type == "error") {
    const auto* code = answer.if_contains("code");
    const auto* message = answer.if_contains("message");
    out << (style.colour ? kRed : "") << "error" << (code ? " (" + string_of(*code) + ")" : "") << ": "
        << (message ? string_of(*message) : "") << (style.colour ? kReset : "") << "\n";
    return out.str();
  }
  const auto* data = answer.if_contains("data");
  const auto ranges = data && data->is_object() ? salary_ranges(data->get_object()) : std::vector<SalaryRange>{};
  if (const auto* text = answer.if_contains("text"); text && text->is_string())
    render_text(text->get_string(), style, out);
  if (!ranges.empty()) {
    out << "\n";
    render_ranges(ranges, style, out);
  }
  const auto* sources = answer.if_contains("sources");
  if (const auto labels = sources ? source_labels(*sources) : std::vector<std::string>{}; !labels.empty()) {
    out << "\n" << (style.colour ? kDim : "") << "Sources:\n";
    // An answer cites a passage per figure, often several of one section: a section once.
    for (const auto& label : labels) out << "  " << label << "\n";
    if (style.colour) out << kReset;
  }
  if (const auto* suggestions = answer.if_contains("suggestions");
      suggestions && suggestions->is_array() && !suggestions->get_array().empty()) {
    out << "\n" << (style.colour ? kDim : "") << "You could ask:";
    for (const auto& suggestion : suggestions->get_array())
      if (suggestion.is_string()) out << "\n  › " << std::string_view(suggestion.get_string());
    out << (style.colour ? kReset : "") << "\n";
  }
  return out.str();
}

}  // namespace adapters::terminal
