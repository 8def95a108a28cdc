#include "knowledge/internal/document_builder.hpp"

#include <algorithm>

#include "knowledge/internal/text_lines.hpp"

namespace knowledge::internal {
namespace {

// A paragraph longer than this does not serve as a table's caption as a whole: its last
// sentence does (the one that leads into the table).
constexpr std::size_t kMaxCaptionBytes = 500;

std::string last_sentence(std::string_view text) {
  text = trim(text);
  for (std::size_t i = text.size(); i-- > 1;) {
    if (text[i] == ' ' && (text[i - 1] == '.' || text[i - 1] == '!' || text[i - 1] == '?'))
      return std::string(trim(text.substr(i + 1)));
  }
  return std::string(text);
}

// The cells joined by " | ", without the empty cells a short row ends in.
std::string join_cells(const std::vector<std::string>& cells) {
  auto end = cells.size();
  while (end > 0 && cells[end - 1].empty()) --end;
  std::string text;
  for (std::size_t i = 0; i < end; ++i) text += (i ? " | " : "") + cells[i];
  return text;
}

bool all_empty(const std::vector<std::string>& cells) {
  for (const auto& cell : cells)
    if (!cell.empty()) return false;
  return true;
}

}  // namespace

UnreadableDocument too_many_table_cells() {
  return UnreadableDocument("more than " + std::to_string(kMaxTableCells) + " table cells, over the limit");
}

DocumentBuilder::DocumentBuilder(std::string_view doc_id, DocumentFormat format) {
  document_.id = std::string(doc_id);
  document_.format = format;
}

void DocumentBuilder::set_stated_title(std::string_view title) { stated_title_ = std::string(trim(title)); }
void DocumentBuilder::set_fallback_title(std::string_view title) { fallback_title_ = std::string(trim(title)); }

void DocumentBuilder::heading(int level, std::string_view text) {
  text = trim(text);
  if (text.empty()) return;
  level = std::clamp(level, 1, 6);
  const std::string_view current = !sections_.empty() ? std::string_view(sections_.back().title)
                                                      : std::string_view(document_.title.empty() ? stated_title_ : document_.title);
  if (repeat_key(text) == repeat_key(current)) return;  // a title said twice
  while (!sections_.empty() && sections_.back().level >= level) sections_.pop_back();
  const bool is_title = level == 1 && !title_heading_seen_;
  if (is_title) {
    title_heading_seen_ = true;
    if (document_.title.empty()) document_.title = std::string(text);
  }
  if (first_heading_.empty()) first_heading_ = std::string(text);
  sections_.push_back({level, std::string(text), is_title});
  group_.clear();
  group_has_items_ = false;
  caption_candidate_.clear();
}

void DocumentBuilder::paragraph(std::string_view text) {
  text = trim(text);
  if (text.empty()) return;
  if (is_group_label(text)) {
    open_group(text);
    caption_candidate_ = std::string(text);
    return;
  }
  if (group_has_items_) group_.clear();  // prose after a list no longer belongs to its label
  add(PassageKind::paragraph, std::string(text));
  caption_candidate_ = std::string(text);
}

int DocumentBuilder::item(std::string_view text) {
  text = trim(text);
  if (text.empty()) return 0;
  if (is_group_label(text)) return open_group(text);  // "- Certifications (highly valuable):" heads the items after it
  add(PassageKind::item, std::string(text));
  group_has_items_ = true;
  caption_candidate_.clear();
  return 0;
}

int DocumentBuilder::open_group(std::string_view label) {
  label = trim(label);
  while (!label.empty() && label.back() == ':') label.remove_suffix(1);
  group_ = std::string(trim(label));
  group_has_items_ = false;
  group_token_ = ++next_token_;
  return group_token_;
}

void DocumentBuilder::close_group(int token) {
  if (token == 0 || token != group_token_) return;
  group_.clear();
  group_has_items_ = false;
  group_token_ = 0;
}

void DocumentBuilder::table(TableInput table) {
  std::vector<std::vector<std::string>> rows;
  for (auto& row : table.rows)
    if (!all_empty(row)) rows.push_back(std::move(row));
  std::vector<std::string> header;
  if (table.header) {
    header = std::move(*table.header);
    if (all_empty(header)) header.clear();
  } else if (rows.size() >= 2 && !has_figures(join_cells(rows.front()))) {
    header = std::move(rows.front());
    rows.erase(rows.begin());
  }
  if (rows.empty() && !header.empty()) rows.push_back(std::move(header));  // a lone header row is the table's content
  for (const auto& row : rows) count_table_cells(row.size() + header.size());
  std::string caption(trim(table.caption));
  if (caption.empty()) {
    caption = caption_candidate_.size() > kMaxCaptionBytes ? last_sentence(caption_candidate_) : caption_candidate_;
  } else if (caption != caption_candidate_) {
    // A caption of the markup's own is a paragraph too, as the line over a PDF's table is.
    if (group_has_items_) group_.clear();
    add(PassageKind::paragraph, caption);
  }
  for (auto& row : rows) {
    auto text = join_cells(row);
    add(PassageKind::table_row, std::move(text));
    auto& passage = document_.passages.back();
    passage.cells = std::move(row);
    passage.header = header;
    passage.caption = caption;
  }
  caption_candidate_.clear();
}

void DocumentBuilder::count_table_cells(std::size_t cells) {
  table_cells_ += cells;
  if (table_cells_ > kMaxTableCells) throw too_many_table_cells();
}

void DocumentBuilder::add(PassageKind kind, std::string text) {
  Passage passage;
  passage.id = static_cast<int>(document_.passages.size());
  passage.doc = document_.id;
  if (!sections_.empty()) {
    passage.section = sections_.back().title;
    if (sections_.size() >= 2 && !sections_[sections_.size() - 2].is_title)
      passage.parent = sections_[sections_.size() - 2].title;
  }
  passage.group = group_;
  passage.kind = kind;
  passage.position = passage.id;
  passage.text = std::move(text);
  document_.passages.push_back(std::move(passage));
}

Document DocumentBuilder::finish() && {
  if (!stated_title_.empty()) document_.title = stated_title_;
  if (document_.title.empty()) document_.title = !fallback_title_.empty() ? fallback_title_ : first_heading_;
  for (auto& passage : document_.passages)
    if (passage.section.empty()) passage.section = document_.title;
  return std::move(document_);
}

}  // namespace knowledge::internal
