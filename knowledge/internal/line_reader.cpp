#include "knowledge/internal/line_reader.hpp"

#include <unordered_set>

#include "knowledge/amounts.hpp"
#include "knowledge/internal/text_lines.hpp"

namespace knowledge::internal {
namespace {

class LineReader {
 public:
  LineReader(DocumentBuilder& builder, const LineOptions& options) : builder_(builder), options_(options) {}

  void read(const TextLine& line) {
    if (line.kind == TextLine::Kind::table_row) {
      if (!run_.empty() && line.table != run_table_) flush_table();
      run_table_ = line.table;
      run_.push_back(line.cells.empty() ? table_cells(line.text) : line.cells);
      separators_.push_back(false);
      return;
    }
    const auto text = trim(line.text);
    if (text.empty()) {
      flush_table();
      return;
    }
    switch (line.kind) {
      case TextLine::Kind::heading:
        flush_table();
        heading(line.level, text);
        return;
      case TextLine::Kind::item:
        flush_table();
        if (!repeated(text)) builder_.item(bullet_text(text).empty() ? text : bullet_text(text));
        return;
      case TextLine::Kind::paragraph:
        flush_table();
        if (!repeated(text)) builder_.paragraph(text);
        return;
      default: break;
    }
    for (auto part : split_run_together(text)) {
      if (part.empty()) continue;
      if (auto heading = markdown_heading(part); heading.level > 0) {
        flush_table();
        this->heading(heading.level, heading.text);
        continue;
      }
      // "Senior QA Engineer ₹15L /yr" is short and capitalised like a heading, but a line that
      // states pay is a figure with its label, not a section title.
      const bool plain = !is_table_row(part) && bullet_text(part).empty() && numbered_label(part).empty() &&
                         find_amounts(part).empty();
      if (line.may_be_heading && plain &&
          (looks_like_heading(part) || (line.standalone && looks_like_standalone_heading(part)))) {
        flush_table();
        heading(line.level, part);
        continue;
      }
      if (repeated(part)) continue;  // the document says this line again
      if (is_table_row(part)) {
        run_.push_back(table_cells(part));
        separators_.push_back(is_table_separator(part));
        continue;
      }
      flush_table();
      if (auto item = bullet_text(part); !item.empty()) {
        builder_.item(item);
      } else if (auto label = numbered_label(part); !label.empty()) {
        builder_.open_group(label);
      } else {
        builder_.paragraph(part);  // a short "Label:" line opens a group
      }
    }
  }

  void finish() { flush_table(); }

 private:
  bool repeated(std::string_view text) { return options_.drop_repeated_lines && !seen_.insert(repeat_key(text)).second; }

  // A line that is a heading by its looks has no level: the first is the title, the others sections.
  void heading(int level, std::string_view text) {
    builder_.heading(level > 0 ? level : (headings_ == 0 ? 1 : 2), text);
    ++headings_;
  }

  // A run of "|" rows is one table; a "|---|" row under the first makes it the header.
  void flush_table() {
    if (run_.empty()) return;
    TableInput table;
    if (run_.size() >= 2 && separators_[1]) table.header = std::move(run_[0]);
    for (std::size_t i = table.header ? 1 : 0; i < run_.size(); ++i)
      if (!separators_[i]) table.rows.push_back(std::move(run_[i]));
    builder_.table(std::move(table));
    run_.clear();
    separators_.clear();
  }

  DocumentBuilder& builder_;
  const LineOptions& options_;
  std::unordered_set<std::string> seen_;
  int headings_ = 0;
  std::vector<std::vector<std::string>> run_;
  std::vector<bool> separators_;
  int run_table_ = 0;
};

}  // namespace

void read_lines(const std::vector<TextLine>& lines, DocumentBuilder& builder, const LineOptions& options) {
  LineReader reader(builder, options);
  for (const auto& line : lines) reader.read(line);
  reader.finish();
}

}  // namespace knowledge::internal
