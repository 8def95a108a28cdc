// A passage: the unit the knowledge base stores, searches and cites.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace knowledge {

enum class PassageKind { paragraph, item, table_row };

struct Passage {
  int id = 0;             // unique in the knowledge base; also the FTS5 rowid
  std::string doc;        // the document's id: its file name without the extension
  std::string section;    // the title of the innermost section it stands in
  std::string parent;     // the title of the section that section is nested in ("How it compares"
                          // for "Business Analyst vs Product Manager"), or empty
  std::string group;      // the label it stands under inside the section ("1. Version Control ..."
                          // without the number, "Entry-Level (0–2 years)", a bold "Label:"), or empty
  PassageKind kind = PassageKind::paragraph;
  int position = 0;       // its order in the document
  std::string text;       // for a table row: its cells joined by " | "
  // Table rows only: the row's cells, the header cells of its table (empty when the table has
  // no header row), and the table's caption (or the sentence that introduces it), if any.
  std::vector<std::string> cells;
  std::vector<std::string> header;
  std::string caption;
};

const char* to_string(PassageKind kind);
// A section title as a lookup key: ASCII letters in lower case, a trailing run of '?', ':' and
// spaces left out ("Who is a Data Engineer?" -> "who is a data engineer").
std::string heading_key(std::string_view title);
PassageKind passage_kind_from(std::string_view name);

}  // namespace knowledge
