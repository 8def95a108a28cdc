// The one place that turns what a reader found (headings, paragraphs, list items, tables) into
// a Document's passages, so every format gets the same sections, parents, groups and captions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/document_reader.hpp"

namespace knowledge::internal {

// The most table cells a document may hold, its rows' cells and the header cells each row
// carries counted together: a few lines of markup can multiply into millions (a wide header
// over many rows, spans repeated), and past this the document is refused as unreadable. The
// readers hold their tables' cells to it too, before they reach the builder.
inline constexpr std::size_t kMaxTableCells = 2'000'000;

UnreadableDocument too_many_table_cells();

// A table as the reader found it.
struct TableInput {
  std::vector<std::vector<std::string>> rows;  // the data rows; with the header row when `header` is unknown
  // The header cells the markup gives (a GFM table, <thead>, a row of <th>, "|---|" under a
  // row); empty when the markup says there is none; unknown (nullopt) when the markup cannot
  // say, and the first row is then the header if it holds no figures and more rows follow.
  std::optional<std::vector<std::string>> header;
  std::string caption;  // <caption> (also made a paragraph), or empty: the paragraph just before the table
};

// Builds one Document from calls in document order. Texts are trimmed; a reader collapses
// white space itself where its format calls for it. Not thread-safe; one per document.
class DocumentBuilder {
 public:
  DocumentBuilder(std::string_view doc_id, DocumentFormat format);

  // A title the document states apart from its headings: a PDF's Title (wins over headings),
  // or HTML's <title> (used only when no level-1 heading gives one).
  void set_stated_title(std::string_view title);
  void set_fallback_title(std::string_view title);

  // A heading of `level` 1..6 opens a section nested in the open sections of lower levels. The
  // first level-1 heading is the document's title; a heading that repeats the section it
  // stands in is dropped (a title said twice).
  void heading(int level, std::string_view text);

  // A paragraph; a short "Label:" paragraph opens a group instead.
  void paragraph(std::string_view text);

  // A list item; an item that is only a "Label:" opens a group instead, and its token is
  // returned (else 0) so the reader can close the group where the label's sub-list ends.
  int item(std::string_view text);

  // Opens a group: the passages after it stand under `label` (a trailing ":" is dropped) until
  // another group, a heading, or a paragraph after the group's items. Returns its token.
  int open_group(std::string_view label);
  // Closes the group `token` opened, if it is still the open one.
  void close_group(int token);

  // Throws UnreadableDocument when the document's tables exceed kMaxTableCells.
  void table(TableInput table);

  // The document; sections before the first heading get the title.
  Document finish() &&;

 private:
  void add(PassageKind kind, std::string text);
  void count_table_cells(std::size_t cells);

  struct OpenSection {
    int level = 0;
    std::string title;
    bool is_title = false;  // the heading that gave the document its title
  };
  Document document_;
  std::string stated_title_, fallback_title_, first_heading_;
  bool title_heading_seen_ = false;
  std::vector<OpenSection> sections_;
  std::string group_;
  int group_token_ = 0, next_token_ = 0;
  bool group_has_items_ = false;
  std::size_t table_cells_ = 0;
  std::string caption_candidate_;  // the paragraph just added, which may introduce a table
};

}  // namespace knowledge::internal
