// PDF, read with poppler-cpp. A PDF holds words at positions, not paragraphs: the words of each
// page (page::text_list, with their boxes and fonts) are laid out into lines, and the lines read
// back into structure: larger fonts are headings, indented or bulleted lines list items,
// aligned columns tables, lines wrapped inside a paragraph are joined, and the running headers,
// footers and page numbers are dropped.
//
// Words rather than poppler's physical_layout text: that text places each word by a character
// count, so a table's header words drift off their columns ("Pune" 9 characters left of the
// figures under it), while the words' boxes keep the exact positions the columns are read from.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "knowledge/internal/line_reader.hpp"
#include "knowledge/internal/readers.hpp"
#include "knowledge/internal/text_lines.hpp"
#include "knowledge/internal/utf8.hpp"

namespace knowledge::internal {
namespace {

// Page and word limits: each page is laid out in memory, and a small file can inflate into
// vast amounts of text. Over either, the document is reported unreadable rather than cut short.
constexpr int kMaxPages = 2000;
constexpr std::size_t kMaxWords = 2'000'000;
// Lines whose segments fall into more columns than this are no table but scattered text.
constexpr std::size_t kMaxTableColumns = 64;

struct Word {
  std::string text;
  double x0 = 0, x1 = 0, top = 0, bottom = 0, size = 0;
  bool bold = false;
};

struct Segment {  // words with no wide gap between them
  std::string text;
  double x0 = 0, x1 = 0;
};

struct Line {
  std::vector<Segment> segments;
  double x0 = 0, x1 = 0, top = 0, bottom = 0, size = 0;
  double first_word_width = 0;
  double second_word_x0 = 0;  // where a bulleted item's text starts
  bool bold = false;
  int page = 0;
  bool dropped = false;  // a running header or footer, or a page number

  std::string text() const {
    std::string text;
    for (const auto& segment : segments) text += (text.empty() ? "" : " ") + segment.text;
    return text;
  }
};

std::string utf8_of(const poppler::ustring& text) {
  const auto bytes = text.to_utf8();
  return collapse_whitespace(to_valid_utf8(std::string_view(bytes.data(), bytes.size())));
}

bool is_bold_font(std::string_view name) {
  for (std::string_view weight : {"Bold", "bold", "Black", "Heavy", "Semibold", "SemiBold", "Demi"})
    if (name.find(weight) != std::string_view::npos) return true;
  return false;
}

double round_half(double value) { return std::round(value * 2) / 2; }

// The words of a page in lines, top to bottom, each line's words split into segments where a
// gap is wider than a space could be (a table's columns).
std::vector<Line> lines_of(std::vector<Word> words, int page) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.top < b.top || (a.top == b.top && a.x0 < b.x0); });
  std::vector<std::vector<Word>> rows;
  double row_top = 0, row_bottom = 0;
  for (auto& word : words) {
    const double middle = (word.top + word.bottom) / 2;
    if (rows.empty() || middle > row_bottom || middle < row_top) {
      rows.emplace_back();
      row_top = word.top;
      row_bottom = word.bottom;
    } else {
      row_bottom = std::max(row_bottom, word.bottom);
    }
    rows.back().push_back(std::move(word));
  }
  std::vector<Line> lines;
  for (auto& row : rows) {
    std::sort(row.begin(), row.end(), [](const Word& a, const Word& b) { return a.x0 < b.x0; });
    Line line;
    line.page = page;
    line.top = row.front().top;
    line.bottom = row.front().bottom;
    std::map<double, std::size_t> size_weight;
    std::size_t bold_chars = 0, chars = 0;
    const Word* previous = nullptr;
    for (const auto& word : row) {
      const double size = std::max(word.size, previous ? previous->size : 0.0);
      const double gap = previous ? word.x0 - previous->x1 : 0;
      if (!previous || gap > 0.75 * size) {
        line.segments.push_back({word.text, word.x0, word.x1});
      } else {
        auto& segment = line.segments.back();
        segment.text += (gap > 0.1 * size ? " " : "") + word.text;
        segment.x1 = std::max(segment.x1, word.x1);
      }
      line.top = std::min(line.top, word.top);
      line.bottom = std::max(line.bottom, word.bottom);
      size_weight[round_half(word.size)] += word.text.size();
      chars += word.text.size();
      bold_chars += word.bold ? word.text.size() : 0;
      previous = &word;
    }
    line.x0 = line.segments.front().x0;
    line.x1 = line.segments.back().x1;
    line.first_word_width = row.front().x1 - row.front().x0;
    line.second_word_x0 = row.size() > 1 ? row[1].x0 : row.front().x1;
    line.size = std::max_element(size_weight.begin(), size_weight.end(), [](const auto& a, const auto& b) {
                  return a.second < b.second;
                })->first;
    line.bold = bold_chars * 10 >= chars * 8;
    lines.push_back(std::move(line));
  }
  return lines;
}

// "12", "Page 3", "3 of 10", "- 4 -", "iv".
bool is_page_number(std::string_view text) {
  std::string key;
  for (char c : text)
    if (c != ' ' && c != '-' && c != '/' && c != '|') key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (key.starts_with("page")) key.erase(0, 4);
  if (const auto of = key.find("of"); of != std::string::npos) key.erase(of, 2);
  if (key.empty() || key.size() > 10) return false;
  return std::all_of(key.begin(), key.end(), [](char c) { return (c >= '0' && c <= '9') || c == 'i' || c == 'v' || c == 'x'; });
}

// Running headers and footers: lines at the top or bottom of most pages that say the same
// (page numbers aside); and bare page numbers there.
void drop_page_furniture(std::vector<Line>& lines, const std::vector<double>& page_heights) {
  const int pages = static_cast<int>(page_heights.size());
  auto key_of = [](const Line& line) {
    std::string key;
    for (char c : line.text())
      if (!(c >= '0' && c <= '9')) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return collapse_whitespace(key);
  };
  // The first and last two lines of each page, when they sit in its top or bottom eighth.
  std::vector<std::size_t> edge_lines;
  for (std::size_t first = 0; first < lines.size();) {
    std::size_t end = first;
    while (end < lines.size() && lines[end].page == lines[first].page) ++end;
    const double height = page_heights[static_cast<std::size_t>(lines[first].page)];
    for (std::size_t i = first; i < end; ++i) {
      const bool top = i < first + 2 && lines[i].bottom < height / 8;
      const bool bottom = i + 2 >= end && lines[i].top > height * 7 / 8;
      if (top || bottom) edge_lines.push_back(i);
    }
    first = end;
  }
  std::map<std::string, std::set<int>> pages_with;
  for (auto i : edge_lines) pages_with[key_of(lines[i])].insert(lines[i].page);
  const std::size_t most_pages = static_cast<std::size_t>(std::max(2, (pages + 1) / 2));
  for (auto i : edge_lines) {
    const auto key = key_of(lines[i]);
    if (is_page_number(lines[i].text()) || (pages >= 2 && !key.empty() && pages_with[key].size() >= most_pages))
      lines[i].dropped = true;
  }
  std::erase_if(lines, [](const Line& line) { return line.dropped; });
}

// The measures the layout is judged by: the body text's size, left margin and right edge.
struct Body {
  double size = 10, left = 0, right = 0;
  std::vector<double> heading_sizes;  // larger than the body, largest first: level 1, 2, ...

  int heading_level(const Line& line) const {
    for (std::size_t i = 0; i < heading_sizes.size(); ++i)
      if (line.size >= heading_sizes[i] - 0.25) return static_cast<int>(i) + 1;
    return 0;
  }
};

Body measure(const std::vector<Line>& lines) {
  Body body;
  std::map<double, std::size_t> size_weight;
  for (const auto& line : lines) size_weight[line.size] += line.text().size();
  if (size_weight.empty()) return body;
  body.size = std::max_element(size_weight.begin(), size_weight.end(), [](const auto& a, const auto& b) {
                return a.second < b.second;
              })->first;
  std::map<double, int> lefts;
  for (const auto& line : lines) {
    if (line.size != body.size || line.segments.size() != 1) continue;
    ++lefts[std::round(line.x0)];
    body.right = std::max(body.right, line.x1);
  }
  if (lefts.empty()) {  // no plain line at the body size: measure on all lines
    for (const auto& line : lines) {
      ++lefts[std::round(line.x0)];
      body.right = std::max(body.right, line.x1);
    }
  }
  body.left = std::max_element(lefts.begin(), lefts.end(), [](const auto& a, const auto& b) { return a.second < b.second; })->first;
  for (const auto& [size, weight] : size_weight)
    if (size >= body.size * 1.15) body.heading_sizes.push_back(size);
  std::reverse(body.heading_sizes.begin(), body.heading_sizes.end());
  return body;
}

std::string_view bullet_of(std::string_view text) {
  for (std::string_view bullet : {"•", "◦", "▪", "▫", "■", "□", "●", "○", "‣", "⁃", "∙", "·", "–", "-", "*", "", ""})
    if (text.starts_with(bullet) && text.size() > bullet.size() && text[bullet.size()] == ' ') return bullet;
  return {};
}

bool starts_lower(std::string_view text) { return !text.empty() && text.front() >= 'a' && text.front() <= 'z'; }

// Lays the lines of the whole document out as TextLines for read_lines.
class Layout {
 public:
  Layout(std::vector<Line> lines, const Body& body) : lines_(std::move(lines)), body_(body) {}

  std::vector<TextLine> read() {
    find_tables();
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      const auto& line = lines_[i];
      if (table_of_[i]) {
        i = table(i) - 1;
        continue;
      }
      if (const int level = heading_level(line)) {
        heading(i, level);
        continue;
      }
      body_line(i);
    }
    close_block();
    return std::move(out_);
  }

 private:
  int heading_level(const Line& line) const {
    return line.segments.size() == 1 && line.text().size() <= 200 ? body_.heading_level(line) : 0;
  }

  // Runs of two or more lines with two or more segments each, close below each other, whose
  // segments fall into two or more common columns.
  void find_tables() {
    table_of_.assign(lines_.size(), 0);
    int table = 0;
    for (std::size_t i = 0; i < lines_.size();) {
      std::size_t end = i;
      while (end < lines_.size() && lines_[end].segments.size() >= 2 && heading_level(lines_[end]) == 0 &&
             (end == i || (lines_[end].page == lines_[end - 1].page && lines_[end].top - lines_[end - 1].bottom < 2.5 * body_.size)))
        ++end;
      if (const auto count = end - i >= 2 ? columns(i, end).size() : 0; count >= 2 && count <= kMaxTableColumns) {
        ++table;
        for (std::size_t k = i; k < end; ++k) table_of_[k] = table;
      }
      i = std::max(end, i + 1);
    }
  }

  // The columns of lines [begin, end): the stretches of the page their segments cover.
  std::vector<std::pair<double, double>> columns(std::size_t begin, std::size_t end) const {
    std::vector<std::pair<double, double>> spans;
    for (std::size_t i = begin; i < end; ++i)
      for (const auto& segment : lines_[i].segments) spans.emplace_back(segment.x0, segment.x1);
    std::sort(spans.begin(), spans.end());
    std::vector<std::pair<double, double>> merged;
    for (const auto& span : spans) {
      if (!merged.empty() && span.first <= merged.back().second + 1) merged.back().second = std::max(merged.back().second, span.second);
      else merged.push_back(span);
    }
    return merged;
  }

  // Emits the table starting at line `begin`; returns the line after it.
  std::size_t table(std::size_t begin) {
    std::size_t end = begin;
    while (end < lines_.size() && table_of_[end] == table_of_[begin]) ++end;
    const auto spans = columns(begin, end);
    // The line just before a table, alone and close above it, is its caption.
    if (open_ && block_.kind != TextLine::Kind::heading && block_lines_ == 1 && caption_candidate(begin))
      block_.kind = TextLine::Kind::paragraph;
    close_block();
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = begin; i < end; ++i) {
      const auto& line = lines_[i];
      std::vector<std::string> cells(spans.size());
      for (const auto& segment : line.segments) {
        const double middle = (segment.x0 + segment.x1) / 2;
        std::size_t column = 0;
        while (column + 1 < spans.size() && middle > spans[column].second) ++column;
        cells[column] += (cells[column].empty() ? "" : " ") + segment.text;
      }
      // A line close under the previous one with an empty first cell continues its cells.
      const bool continues = !rows.empty() && cells.front().empty() && line.top - lines_[i - 1].bottom < 0.35 * line.size;
      if (continues) {
        for (std::size_t c = 0; c < cells.size(); ++c)
          if (!cells[c].empty()) rows.back()[c] += (rows.back()[c].empty() ? "" : " ") + cells[c];
      } else {
        rows.push_back(std::move(cells));
      }
    }
    for (auto& cells : rows) {
      auto& row = out_.emplace_back();
      row.kind = TextLine::Kind::table_row;
      row.cells = std::move(cells);
      row.table = table_of_[begin];
    }
    return end;
  }

  bool caption_candidate(std::size_t table_begin) const {
    if (table_begin == 0) return false;
    const auto& before = lines_[table_begin - 1];
    const auto& first = lines_[table_begin];
    return before.page == first.page && before.segments.size() == 1 && first.top - before.bottom < 2.5 * body_.size &&
           before.text().size() <= 200;
  }

  // Heading lines of one size close under each other are one heading wrapped.
  void heading(std::size_t i, int level) {
    const auto& line = lines_[i];
    if (open_ && block_.kind == TextLine::Kind::heading && block_.level == level && i > 0 &&
        lines_[i - 1].page == line.page && line.top - lines_[i - 1].bottom < 0.6 * line.size) {
      block_.text += " " + line.text();
      return;
    }
    start_block();
    block_.text = line.text();
    block_.kind = TextLine::Kind::heading;
    block_.level = level;
    block_lines_ = 1;
  }

  void body_line(std::size_t i) {
    const auto& line = lines_[i];
    auto text = line.text();
    const auto bullet = bullet_of(text);
    const double indent = line.x0 - body_.left;
    // Centred: as far in from the right edge as from the left, and further than lists indent.
    const bool centered = indent > std::max(4 * line.size, 0.1 * (body_.right - body_.left)) &&
                          std::abs(indent - (body_.right - line.x1)) < 1.5 * line.size;
    if (!bullet.empty()) text = std::string(trim(std::string_view(text).substr(bullet.size())));

    if (open_ && (block_.kind == TextLine::Kind::unknown || block_.kind == TextLine::Kind::item) && bullet.empty() &&
        continues(i, block_.kind == TextLine::Kind::item)) {
      // A list item's next line is indented like its text; a paragraph's starts at its margin,
      // also after an indented first line (as books set them).
      const bool same_margin = std::abs(line.x0 - block_x0_) < 0.5 * line.size;
      const bool first_line_indent = block_.kind == TextLine::Kind::item && block_lines_ == 1 && !block_bullet_ &&
                                     std::abs(indent) < 0.5 * line.size && overflow(lines_[i - 1], line) > 0;
      if (same_margin || first_line_indent) {
        if (first_line_indent) block_.kind = TextLine::Kind::unknown;
        join(block_.text, text);
        ++block_lines_;
        block_x0_ = line.x0;
        return;
      }
    }
    start_block();
    block_.text = std::move(text);
    if (centered) block_.kind = TextLine::Kind::paragraph;  // a centred line stands alone
    else if (!bullet.empty() || indent > 0.8 * line.size) block_.kind = TextLine::Kind::item;
    // Where larger fonts mark the headings, only a bold line may be one more (text_lines rules).
    block_.may_be_heading = body_.heading_sizes.empty() || line.bold;
    block_.standalone = line.bold;
    if (!body_.heading_sizes.empty() && line.bold) block_.level = static_cast<int>(body_.heading_sizes.size()) + 1;
    block_lines_ = 1;
    block_bullet_ = !bullet.empty();
    block_x0_ = bullet.empty() ? line.x0 : line.second_word_x0;
  }

  // Whether line `i` goes on with the text of line `i - 1`: close under it (or at the top of the
  // next page), and the text wrapped there: the line before is full, or ends in a hyphen or a
  // comma, or ends no sentence while this one starts in lower case. In a list whose bullets are
  // drawn rather than written, a line starting in upper case is taken for the next item unless
  // the one before clearly had no room for its first word.
  bool continues(std::size_t i, bool in_item) const {
    if (i == 0 || table_of_[i - 1] || heading_level(lines_[i - 1])) return false;
    const auto& before = lines_[i - 1];
    const auto& line = lines_[i];
    if (line.page == before.page && line.top - before.bottom > 0.5 * line.size) return false;
    if (line.page != before.page && line.page != before.page + 1) return false;
    const auto previous = before.text();
    const auto text = line.text();
    if (previous.ends_with('-') || previous.ends_with("–") || previous.ends_with(',')) return true;
    if (!ends_sentence(previous) && starts_lower(text)) return true;
    if (!in_item || starts_lower(text)) return overflow(before, line) > 0;
    return overflow(before, line) > line.size || before.x1 > body_.right - 0.5 * line.size;
  }

  // How far the first word of `next` would have stood out past the right edge at the end of
  // `line`: when above 0, the line was full, not broken on purpose.
  double overflow(const Line& line, const Line& next) const {
    return line.x1 + 0.3 * line.size + next.first_word_width - (body_.right + 0.5);
  }

  static void join(std::string& text, std::string_view next) {
    // "disaster-" + "recovery" and "15–" + "20%" close up; other lines join with a space.
    if (text.ends_with('-') || text.ends_with("–")) text += next;
    else text += " " + std::string(next);
  }

  void start_block() {
    close_block();
    block_ = TextLine{};
    open_ = true;
  }

  void close_block() {
    if (open_) out_.push_back(std::move(block_));
    open_ = false;
    block_lines_ = 0;
  }

  std::vector<Line> lines_;
  const Body& body_;
  std::vector<int> table_of_;
  std::vector<TextLine> out_;
  TextLine block_;  // the block being gathered, when open_
  bool open_ = false;
  int block_lines_ = 0;
  bool block_bullet_ = false;
  double block_x0_ = 0;
};

void silence_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

// A PDF's Title is often the name of the file it was made from: such a title says nothing.
bool is_meaningful_title(std::string_view title) {
  std::string lower;
  for (char c : title) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view junk : {".doc", ".pdf", ".txt", ".htm", ".odt", ".rtf", ".tex", "untitled"})
    if (lower.find(junk) != std::string::npos) return false;
  return !lower.empty();
}

}  // namespace

void read_pdf(std::string_view bytes, DocumentBuilder& builder) {
  if (bytes.empty()) return;
  if (bytes.substr(0, 1024).find("%PDF") == std::string_view::npos) throw UnreadableDocument("not a PDF (no %PDF header)");
  silence_poppler();
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!document) throw UnreadableDocument("a damaged PDF: poppler cannot open it");
  if (document->is_locked()) throw UnreadableDocument("an encrypted PDF: it needs a password");
  const int pages = document->pages();
  if (pages > kMaxPages)
    throw UnreadableDocument("a PDF of " + std::to_string(pages) + " pages, over the " + std::to_string(kMaxPages) + "-page limit");
  if (const auto title = utf8_of(document->info_key("Title")); is_meaningful_title(title)) builder.set_stated_title(title);

  std::vector<Line> lines;
  std::vector<double> page_heights;
  std::size_t word_count = 0;
  for (int number = 0; number < pages; ++number) {
    std::unique_ptr<poppler::page> page(document->create_page(number));
    page_heights.push_back(page ? page->page_rect().height() : 0);
    if (!page) continue;
    std::vector<Word> words;
    for (const auto& box : page->text_list(poppler::page::text_list_include_font)) {
      if (box.rotation() == 1 || box.rotation() == 3) continue;  // vertical text in a margin
      auto text = utf8_of(box.text());
      if (text.empty()) continue;
      const auto rect = box.bbox();
      words.push_back({std::move(text), rect.left(), rect.right(), rect.top(), rect.bottom(), box.get_font_size(),
                       is_bold_font(box.get_font_name())});
    }
    word_count += words.size();
    if (word_count > kMaxWords)
      throw UnreadableDocument("a PDF of more than " + std::to_string(kMaxWords) + " words, over the limit");
    if (words.empty()) continue;
    auto page_lines = lines_of(std::move(words), number);
    lines.insert(lines.end(), std::make_move_iterator(page_lines.begin()), std::make_move_iterator(page_lines.end()));
  }
  drop_page_furniture(lines, page_heights);
  const Body body = measure(lines);
  LineOptions options;
  options.drop_repeated_lines = false;  // a PDF's lines are the author's, not a web page's copy
  read_lines(Layout(std::move(lines), body).read(), builder, options);
}

}  // namespace knowledge::internal

#ifdef MLOPS_BOT_SANITIZE
// The sanitizer builds (README): fontconfig, which poppler asks for the fonts a PDF names, loses
// 288 bytes once per process as it first loads its configuration (FcInitLoadConfigAndFonts), however
// many PDFs are read. Not ours and not growing, so LeakSanitizer passes over that library rather
// than fail every test and fuzzer that reads a PDF. (Its system frames carry no frame pointers,
// so the library is all a suppression can name.)
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif
