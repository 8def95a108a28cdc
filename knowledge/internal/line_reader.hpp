// Reading a document that comes as lines (plain text, a PDF's text): the line heuristics of
// text_lines.hpp decide what each line is where the reader could not tell.
#pragma once

#include <string>
#include <vector>

#include "knowledge/internal/document_builder.hpp"

namespace knowledge::internal {

struct TextLine {
  enum class Kind { unknown, heading, item, paragraph, table_row };
  std::string text;              // empty: a blank line, which ends a table
  Kind kind = Kind::unknown;     // what the reader knows the line is (a PDF's font, indent, columns)
  int level = 0;                 // a heading's level; for an unknown line that proves a heading, 0 = the default
                                 // (1 for the first heading, else 2)
  bool may_be_heading = true;    // false: an unknown line is never taken for a heading
  bool standalone = false;       // the line stands alone between blank lines
  std::vector<std::string> cells;  // a table row's cells, when the reader found its columns
  int table = 0;                 // rows of one table share this number (a change starts another table)
};

struct LineOptions {
  // Drop a line the document already said (headings excepted): pages copied off the web
  // repeat items and whole lines.
  bool drop_repeated_lines = true;
};

void read_lines(const std::vector<TextLine>& lines, DocumentBuilder& builder, const LineOptions& options);

}  // namespace knowledge::internal
