// Markdown: CommonMark with GFM tables, parsed by md4c. Inline markup goes, its text stays;
// link targets and images go; an HTML block gives its text.
#include <md4c.h>

#include <algorithm>
#include <utility>

#include "knowledge/internal/readers.hpp"
#include "knowledge/internal/text_lines.hpp"
#include "knowledge/internal/utf8.hpp"

namespace knowledge::internal {
namespace {

class MarkdownReader {
 public:
  explicit MarkdownReader(DocumentBuilder& builder) : builder_(builder) {}

  void read(std::string_view text) {
    MD_PARSER parser{};
    parser.flags = MD_DIALECT_GITHUB;
    parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
      return static_cast<MarkdownReader*>(self)->enter_block(type, detail);
    };
    parser.leave_block = [](MD_BLOCKTYPE type, void*, void* self) { return static_cast<MarkdownReader*>(self)->leave_block(type); };
    parser.enter_span = [](MD_SPANTYPE type, void*, void* self) {
      if (type == MD_SPAN_IMG) ++static_cast<MarkdownReader*>(self)->in_image_;
      return 0;
    };
    parser.leave_span = [](MD_SPANTYPE type, void*, void* self) {
      if (type == MD_SPAN_IMG) --static_cast<MarkdownReader*>(self)->in_image_;
      return 0;
    };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
      return static_cast<MarkdownReader*>(self)->add_text(type, std::string_view(text, size));
    };
    if (md_parse(text.data(), static_cast<MD_SIZE>(text.size()), &parser, this) != 0) {
      if (too_many_cells_) throw too_many_table_cells();
      throw UnreadableDocument("the Markdown parser gave up on this file");
    }
  }

 private:
  // A block whose text is being collected.
  struct Block {
    explicit Block(MD_BLOCKTYPE type) : type(type) {}
    MD_BLOCKTYPE type;
    std::string text;
    int level = 0;             // a heading's
    bool emitted = false;      // an item whose text went out before its sub-list
    bool has_sublist = false;
    int group = 0;             // the group a "Label:" item opened
  };
  struct List {
    bool ordered = false;
    int items = 0;
    std::string pending;  // an ordered list's only item so far: maybe a numbered label ("1. Cloud Platforms")
  };

  int enter_block(MD_BLOCKTYPE type, void* detail) {
    switch (type) {
      case MD_BLOCK_H:
        blocks_.emplace_back(type).level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
        break;
      case MD_BLOCK_P:
      case MD_BLOCK_CODE:
      case MD_BLOCK_HTML:
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: blocks_.emplace_back(type); break;
      case MD_BLOCK_LI:
        if (!lists_.empty()) {
          auto& list = lists_.back();
          if (!list.pending.empty()) builder_.item(std::exchange(list.pending, {}));
          ++list.items;
        }
        blocks_.emplace_back(type);
        break;
      case MD_BLOCK_UL:
      case MD_BLOCK_OL:
        if (auto* item = open_item()) {
          emit_item(*item);
          item->has_sublist = true;
        }
        lists_.emplace_back().ordered = type == MD_BLOCK_OL;
        break;
      case MD_BLOCK_TABLE:
        if (auto* item = open_item()) emit_item(*item);
        table_ = {};
        table_.header = std::vector<std::string>{};
        break;
      case MD_BLOCK_THEAD: in_head_ = true; break;
      case MD_BLOCK_TBODY: in_head_ = false; break;
      case MD_BLOCK_TR: row_.clear(); break;
      default: break;
    }
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type) {
    switch (type) {
      case MD_BLOCK_H: {
        auto block = pop();
        builder_.heading(block.level, collapse_whitespace(block.text));
        break;
      }
      case MD_BLOCK_P:
      case MD_BLOCK_CODE: text_block(collapse_whitespace(pop().text)); break;
      case MD_BLOCK_HTML: text_block(html_text_content(pop().text)); break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        row_.push_back(collapse_whitespace(pop().text));
        // md4c fills short rows up to the header's width: cells can far outnumber the bytes.
        if (++table_cells_ > kMaxTableCells) {
          too_many_cells_ = true;
          return -1;  // stops md4c: a positive value does not (md4c 0.4.8 parses on, and leaks)
        }
        break;
      case MD_BLOCK_TR:
        if (in_head_) table_.header = std::move(row_);
        else table_.rows.push_back(std::move(row_));
        row_.clear();
        break;
      case MD_BLOCK_TABLE: builder_.table(std::move(table_)); break;
      case MD_BLOCK_LI: {
        auto block = pop();
        auto text = collapse_whitespace(block.text);
        if (!text.empty()) {
          if (!block.emitted && !lists_.empty() && lists_.back().ordered && lists_.back().items == 1) {
            lists_.back().pending = std::move(text);
          } else {
            block.text = std::move(text);
            emit_item(block);
          }
        }
        if (block.has_sublist) builder_.close_group(block.group);
        break;
      }
      case MD_BLOCK_UL:
      case MD_BLOCK_OL:
        if (!lists_.empty()) {
          // An ordered list of one item that looks like a label, before a list or prose, is a
          // numbered label as plain text has them: "1. Version Control & Experiment Tracking".
          if (auto pending = std::move(lists_.back().pending); !pending.empty()) {
            if (looks_like_label(pending)) builder_.open_group(pending);
            else builder_.item(pending);
          }
          lists_.pop_back();
        }
        break;
      default: break;
    }
    return 0;
  }

  int add_text(MD_TEXTTYPE type, std::string_view text) {
    if (blocks_.empty() || in_image_ > 0) return 0;  // an image's alt text is no part of the prose
    auto& target = blocks_.back().text;
    switch (type) {
      case MD_TEXT_NULLCHAR: append_utf8(target, 0xFFFD); break;
      case MD_TEXT_BR:
      case MD_TEXT_SOFTBR: target += ' '; break;
      case MD_TEXT_ENTITY: target += decode_html_entity(text); break;
      case MD_TEXT_HTML:  // an inline tag: its markup goes, an HTML block keeps it for html_text_content
        if (blocks_.back().type == MD_BLOCK_HTML) target += text;
        break;
      default: target += text; break;
    }
    return 0;
  }

  Block pop() {
    auto block = std::move(blocks_.back());
    blocks_.pop_back();
    return block;
  }

  // The list item whose own text is being collected, if the innermost open block is one.
  Block* open_item() { return !blocks_.empty() && blocks_.back().type == MD_BLOCK_LI ? &blocks_.back() : nullptr; }

  void emit_item(Block& item) {
    auto text = collapse_whitespace(item.text);
    item.text.clear();
    if (text.empty()) return;
    if (const int group = builder_.item(text)) item.group = group;
    item.emitted = true;
  }

  // A paragraph, code or HTML block: inside a list item it is the item's text.
  void text_block(std::string text) {
    if (text.empty()) return;
    if (!blocks_.empty() && (blocks_.back().type == MD_BLOCK_LI || blocks_.back().type == MD_BLOCK_TD ||
                             blocks_.back().type == MD_BLOCK_TH)) {
      auto& target = blocks_.back().text;
      if (!target.empty()) target += ' ';
      target += text;
    } else {
      builder_.paragraph(text);
    }
  }

  DocumentBuilder& builder_;
  std::vector<Block> blocks_;
  std::vector<List> lists_;
  TableInput table_;
  std::vector<std::string> row_;
  bool in_head_ = false;
  int in_image_ = 0;
  std::size_t table_cells_ = 0;
  bool too_many_cells_ = false;
};

// A YAML front matter block ("---" lines around "title: ..." and other keys, as static site
// generators write), which Markdown would read as a rule and a heading: its title becomes the
// fallback title, and the block is cut off. Returns the text after it.
std::string_view front_matter(std::string_view text, DocumentBuilder& builder) {
  if (!text.starts_with("---\n") && !text.starts_with("---\r\n")) return text;
  std::string_view title;
  std::size_t start = text.find('\n') + 1;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const auto line = trim(text.substr(start, end - start));
    if (line == "---" || line == "...") {
      builder.set_fallback_title(title);
      return text.substr(std::min(end + 1, text.size()));
    }
    // Keys ("date: 2025"), their continued values ("  - tag") and blank lines; anything else
    // means the document just starts with a rule.
    const auto raw = text.substr(start, end - start);
    const auto colon = line.find(':');
    const bool yaml = line.empty() || raw.starts_with(' ') || raw.starts_with('-') || line.starts_with('#') ||
                      (colon != std::string_view::npos && colon > 0 && line.substr(0, colon).find(' ') == std::string_view::npos);
    if (!yaml) return text;
    if (line.starts_with("title:")) {
      title = trim(line.substr(6));
      if (title.size() >= 2 && (title.front() == '"' || title.front() == '\'') && title.back() == title.front())
        title = title.substr(1, title.size() - 2);
    }
    start = end + 1;
  }
  return text;  // never closed: no front matter after all
}

}  // namespace

void read_markdown(std::string_view text, DocumentBuilder& builder) {
  MarkdownReader(builder).read(front_matter(text, builder));
}

}  // namespace knowledge::internal
