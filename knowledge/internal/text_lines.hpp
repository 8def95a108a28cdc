// What a line of plain text is, judged from the text alone: the heuristics the plain-text and
// PDF readers share (Markdown and HTML say what their blocks are).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace knowledge::internal {

std::string_view trim(std::string_view text);

// The key two lines share when one repeats the other: lower case, single spaces.
std::string repeat_key(std::string_view line);

// Splits sentences the source ran together without a space: "salary levels.Automating data".
std::vector<std::string_view> split_run_together(std::string_view line);

// A section title: short, no closing punctuation but "?", most longer words capitalized.
bool looks_like_heading(std::string_view line);

// A heading that stands alone between blank lines may be in sentence case ("How pay grows
// with experience"): short, starts with a capital or digit, no closing punctuation.
bool looks_like_standalone_heading(std::string_view line);

// "1. Version Control & Experiment Tracking" or "1 Experience Level" -> the label; else empty.
std::string_view numbered_label(std::string_view line);

// A label without its number, as an ordered list item carries it ("Version Control"): starts
// with a capital, short, no closing full stop.
bool looks_like_label(std::string_view text);

// A short line ending in ":" opens a group: "Entry-Level (0–2 years):", "Its importance includes:".
bool is_group_label(std::string_view line);

// The text after a list marker ("- ", "* ", "• ", "– "), or empty when the line is no list item.
std::string_view bullet_text(std::string_view line);

// "## Pay" -> ("Pay", 2); a line that is no Markdown heading gives level 0.
struct MarkdownHeading {
  std::string_view text;
  int level = 0;
};
MarkdownHeading markdown_heading(std::string_view line);

// Lines with two or more "|" are table rows.
bool is_table_row(std::string_view line);
// "|---|:---:|" (a Markdown table's header separator).
bool is_table_separator(std::string_view line);
// "| a | b |" -> {"a", "b"}: the outer bars are optional, cells are trimmed.
std::vector<std::string> table_cells(std::string_view line);

// True when `text` holds a digit: a table's first row without one is taken for its header.
bool has_figures(std::string_view text);

// True when `text` ends a sentence (".", "!", "?", or one of them before a closing quote or bracket).
bool ends_sentence(std::string_view text);

}  // namespace knowledge::internal
