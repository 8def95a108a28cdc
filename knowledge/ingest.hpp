// Ingestion: finds the structure of a plain-text (or Markdown) document and cuts it into passages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "knowledge/passage.hpp"

namespace knowledge {

struct Document {
  std::string id;     // the file name without its extension
  std::string title;  // the first heading
  std::vector<Passage> passages;  // in document order; ids are 0-based positions, renumbered by the index
};

// Reads a document that may have no Markdown at all: section titles are short title-case lines
// (or Markdown "#" headings), "- " lines are list items, "1. Label" and short "Label:" lines
// open a group, lines with two or more "|" are table rows, and sentences run together
// ("levels.Automating") are split. Lines the document repeats are dropped (headings excepted,
// as the same title may open two sections). Never throws; empty text gives no passages.
Document ingest(std::string_view doc_id, std::string_view text);

}  // namespace knowledge
