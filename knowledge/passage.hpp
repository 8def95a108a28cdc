// A passage: the unit the knowledge base stores, searches and cites.
#pragma once

#include <string>
#include <vector>

namespace knowledge {

enum class PassageKind { paragraph, item, table_row };

struct Passage {
  int id = 0;             // unique in the knowledge base; also the FTS5 rowid
  std::string doc;        // the document's id: its file name without the extension
  std::string section;    // the title of the section it stands in
  std::string group;      // the label it stands under inside the section ("1. Version Control ..."
                          // without the number, "Entry-Level (0–2 years)"), or empty
  PassageKind kind = PassageKind::paragraph;
  int position = 0;       // its order in the document
  std::string text;
};

const char* to_string(PassageKind kind);
PassageKind passage_kind_from(std::string_view name);

}  // namespace knowledge
