// HTML, parsed by libxml2's HTML parser: the text a reader sees, in the structure the markup
// gives it. Page furniture (scripts, navigation, forms, headers and footers outside the
// article) is left out; where the page marks its content with <main> or one <article>, only
// that is read.
//
// libxml2 rather than gumbo: gumbo checks the whole stack of open elements for each tag, so a
// file of nested tags costs time quadratic in its depth (5,000 nested <span>s take seconds),
// while libxml2 stops at a depth of 256 (reported below) and reads in linear time.
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <array>
#include <functional>
#include <memory>
#include <mutex>

#include "knowledge/internal/readers.hpp"
#include "knowledge/internal/text_lines.hpp"
#include "knowledge/internal/utf8.hpp"

namespace knowledge::internal {
namespace {

// Deeper than libxml2 lets a tree grow (256), so the recursion below never stops short; a
// guard all the same, as each level is a stack frame.
constexpr int kMaxDepth = 300;
// A cell spans at most this many columns and rows: enough for any real table, and a hostile
// colspan cannot make a row of millions of cells.
constexpr int kMaxColumnSpan = 100;
constexpr int kMaxRowSpan = 1000;
// A row grows no wider by spans than this many columns.
constexpr std::size_t kMaxColumns = 1000;

std::string_view name_of(const xmlNode* node) { return node->name ? reinterpret_cast<const char*>(node->name) : ""; }

bool is_element(const xmlNode* node, std::string_view name = {}) {
  return node->type == XML_ELEMENT_NODE && (name.empty() || name_of(node) == name);
}

bool is_text(const xmlNode* node) { return node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE; }

std::string_view content_of(const xmlNode* node) {
  return node->content ? reinterpret_cast<const char*>(node->content) : "";
}

std::string attribute(const xmlNode* node, const char* name) {
  std::unique_ptr<xmlChar, decltype(xmlFree)> value(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)), xmlFree);
  return value ? std::string(reinterpret_cast<const char*>(value.get())) : std::string();
}

int heading_level(std::string_view name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' ? name[1] - '0' : 0;
}

template <std::size_t N>
bool one_of(std::string_view name, const std::array<std::string_view, N>& names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Never part of the text: code, styling, controls, embedded media, navigation.
constexpr std::array<std::string_view, 22> kSkipped = {
    "script", "style",  "noscript", "template", "svg",   "math",  "nav",    "form",   "button", "select", "textarea",
    "iframe", "object", "embed",    "canvas",   "audio", "video", "head",   "title",  "input",  "img",    "dialog"};
// Page furniture when outside <main> and <article>.
constexpr std::array<std::string_view, 3> kFurniture = {"header", "footer", "aside"};
// Elements whose text runs on in the line they stand in.
constexpr std::array<std::string_view, 32> kInline = {
    "a",   "abbr", "b",    "bdi", "bdo",  "cite", "code",  "data", "dfn",  "em",   "font",   "i",    "kbd", "label", "mark", "q",
    "s",   "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "del", "ins", "big", "nobr"};
// Inside a table cell, these make the table a page layout rather than a table of data (a <p>
// does not: editors wrap every cell's text in one).
constexpr std::array<std::string_view, 12> kLayoutContent = {"table", "ul", "ol", "dl", "h1", "h2",
                                                             "h3",    "h4", "h5", "h6", "blockquote", "pre"};

bool is_hidden(const xmlNode* node) {
  if (xmlHasProp(node, reinterpret_cast<const xmlChar*>("hidden"))) return true;
  if (attribute(node, "aria-hidden") == "true") return true;
  auto style = attribute(node, "style");
  std::erase(style, ' ');
  return style.find("display:none") != std::string::npos;
}

// Text gathered from inline content; <br> starts a new line.
struct InlineText {
  std::vector<std::string> lines{std::string()};
  void add(std::string_view text) { lines.back() += text; }
  void line_break() { lines.back() += ' ', lines.emplace_back(); }
  std::string joined() const {
    std::string text;
    for (const auto& line : lines) text += line;
    return collapse_whitespace(text);
  }
  void clear() { lines.assign(1, std::string()); }
};

// "Entry level (0–2 yrs): ₹5–8 LPA": a line led by a short label and a colon.
bool starts_with_label(std::string_view line) {
  const auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 60) return false;
  const auto label = line.substr(0, colon);
  return label.find('.') == std::string_view::npos && std::count(label.begin(), label.end(), ' ') < 8;
}

// A list item's text while it is being gathered, and the group it opened.
struct Item {
  std::string text;
  int group = 0;
  bool has_sublist = false;
};

class HtmlReader {
 public:
  explicit HtmlReader(DocumentBuilder& builder) : builder_(builder) {}

  void read(xmlNode* root) {
    if (!root) return;
    if (auto* title = find(root, "h1", 0)) builder_.set_fallback_title(text_content(title));
    else if (auto* head_title = find(root, "title", 0)) builder_.set_fallback_title(text_content(head_title));
    if (auto* main = find(root, "main", 0)) return flow(main, nullptr, 0, true);
    std::vector<xmlNode*> articles;
    find_all(root, "article", articles, 0);
    if (articles.size() == 1) return flow(articles.front(), nullptr, 0, true);
    flow(root, nullptr, 0, false);
  }

 private:
  static xmlNode* find(xmlNode* node, std::string_view name, int depth) {
    if (depth > kMaxDepth) return nullptr;
    for (auto* child = node; child; child = child->next) {
      if (is_element(child, name)) return child;
      if (is_element(child) && !is_element(child, "template"))
        if (auto* found = find(child->children, name, depth + 1)) return found;
    }
    return nullptr;
  }

  static void find_all(xmlNode* node, std::string_view name, std::vector<xmlNode*>& found, int depth) {
    if (depth > kMaxDepth) return;
    for (auto* child = node; child; child = child->next) {
      if (is_element(child, name)) found.push_back(child);
      else if (is_element(child)) find_all(child->children, name, found, depth + 1);
    }
  }

  static bool skipped(const xmlNode* node, bool in_main) {
    const auto name = name_of(node);
    return one_of(name, kSkipped) || (!in_main && one_of(name, kFurniture)) || is_hidden(node);
  }

  // All the text under `node` (skipped elements left out), white space collapsed.
  static std::string text_content(const xmlNode* node) {
    InlineText text;
    gather_inline(node->children, text, 0);
    return text.joined();
  }

  static void gather_inline(const xmlNode* node, InlineText& text, int depth) {
    if (depth > kMaxDepth) return;
    for (; node; node = node->next) {
      if (is_text(node)) {
        text.add(content_of(node));
      } else if (is_element(node, "br")) {
        text.line_break();
      } else if (is_element(node) && !skipped(node, true)) {
        const bool block = !one_of(name_of(node), kInline);
        if (block) text.add(" ");  // a block's text never runs into its neighbour's
        gather_inline(node->children, text, depth + 1);
        if (block) text.add(" ");
      }
    }
  }

  // The children of a container: inline content makes paragraphs, block elements their own.
  void flow(xmlNode* container, Item* item, int depth, bool in_main) {
    if (depth > kMaxDepth) return;
    InlineText text;
    for (auto* child = container->children; child; child = child->next) {
      if (is_text(child)) {
        text.add(content_of(child));
      } else if (is_element(child, "br")) {
        text.line_break();
      } else if (is_element(child) && !skipped(child, in_main)) {
        if (one_of(name_of(child), kInline)) {
          gather_inline(child->children, text, depth + 1);
        } else {
          paragraphs(text, item);
          text.clear();
          block(child, item, depth + 1, in_main);
        }
      }
    }
    paragraphs(text, item);
  }

  void block(xmlNode* node, Item* item, int depth, bool in_main) {
    const auto name = name_of(node);
    if (const int level = heading_level(name)) {
      if (item) emit(*item);
      builder_.heading(level, text_content(node));
    } else if (name == "ul" || name == "ol" || name == "menu" || name == "dir") {
      if (item) {
        emit(*item);
        item->has_sublist = true;
      }
      list(node, depth, in_main);
    } else if (name == "dl") {
      if (item) emit(*item);
      definitions(node->children, depth);
    } else if (name == "table") {
      if (item) emit(*item);
      table(node, depth, in_main);
    } else if (name == "pre") {
      InlineText text;
      gather_inline(node->children, text, depth);
      paragraphs(text, item);
    } else if (name != "hr") {
      flow(node, item, depth, in_main || name == "main" || name == "article");
    }
  }

  // A block's inline text: one paragraph, or one a line where <br>s part lines led by labels.
  void paragraphs(const InlineText& text, Item* item) {
    if (item) {
      const auto joined = text.joined();
      if (!joined.empty()) item->text += (item->text.empty() ? "" : " ") + joined;
      return;
    }
    std::vector<std::string> lines;
    for (const auto& line : text.lines)
      if (auto collapsed = collapse_whitespace(line); !collapsed.empty()) lines.push_back(std::move(collapsed));
    const bool labelled_lines =
        lines.size() >= 2 && std::all_of(lines.begin(), lines.end(), [](const auto& line) { return starts_with_label(line); });
    if (labelled_lines) {
      for (const auto& line : lines) builder_.paragraph(line);
    } else {
      builder_.paragraph(text.joined());
    }
  }

  void emit(Item& item) {
    auto text = collapse_whitespace(item.text);
    item.text.clear();
    if (text.empty()) return;
    if (const int group = builder_.item(text)) item.group = group;
  }

  void list(xmlNode* node, int depth, bool in_main) {
    if (depth > kMaxDepth) return;
    std::vector<xmlNode*> items;
    for (auto* child = node->children; child; child = child->next)
      if (is_element(child) && !skipped(child, in_main)) items.push_back(child);
    // One numbered item before a list or prose is a numbered label: "<ol start=3><li>Cloud Platforms</li></ol>".
    if (is_element(node, "ol") && items.size() == 1 && is_element(items[0], "li") && !has_descendant(items[0], kLayoutContent, 0)) {
      if (const auto text = text_content(items[0]); looks_like_label(text)) {
        builder_.open_group(text);
        return;
      }
    }
    for (auto* child : items) {
      const auto name = name_of(child);
      if (name == "ul" || name == "ol") {
        list(child, depth + 1, in_main);  // a list straight inside a list, as some editors write it
        continue;
      }
      Item item;
      flow(child, &item, depth + 1, in_main);
      emit(item);
      if (item.has_sublist) builder_.close_group(item.group);
    }
  }

  // <dt>term</dt><dd>definition</dd> -> "term: definition".
  void definitions(xmlNode* node, int depth) {
    if (depth > kMaxDepth) return;
    std::string term;
    bool defined = true;
    for (; node; node = node->next) {
      if (!is_element(node)) continue;
      if (is_element(node, "dt")) {
        if (!defined) builder_.paragraph(term);
        term = text_content(node);
        defined = false;
      } else if (is_element(node, "dd")) {
        const auto definition = text_content(node);
        if (term.empty()) builder_.paragraph(definition);
        else builder_.paragraph(term + (term.ends_with(':') ? " " : ": ") + definition);
        defined = true;
      } else if (is_element(node, "div")) {
        definitions(node->children, depth + 1);
      }
    }
    if (!defined) builder_.paragraph(term);
  }

  template <std::size_t N>
  static bool has_descendant(const xmlNode* node, const std::array<std::string_view, N>& names, int depth) {
    if (depth > kMaxDepth) return false;
    for (auto* child = node->children; child; child = child->next)
      if (is_element(child) && (one_of(name_of(child), names) || has_descendant(child, names, depth + 1))) return true;
    return false;
  }

  struct Row {
    std::vector<xmlNode*> cells;
    bool in_head = false;
  };

  void table(xmlNode* node, int depth, bool in_main) {
    std::vector<Row> rows;
    std::string caption;
    auto add_rows = [&](xmlNode* parent, bool in_head) {
      for (auto* tr = parent->children; tr; tr = tr->next) {
        if (!is_element(tr, "tr")) continue;
        Row row{{}, in_head};
        for (auto* cell = tr->children; cell; cell = cell->next)
          if (is_element(cell, "td") || is_element(cell, "th")) row.cells.push_back(cell);
        rows.push_back(std::move(row));
      }
    };
    add_rows(node, false);
    for (auto* child = node->children; child; child = child->next) {
      if (is_element(child, "thead")) add_rows(child, true);
      else if (is_element(child, "tbody") || is_element(child, "tfoot")) add_rows(child, false);
      else if (is_element(child, "caption")) caption = text_content(child);
    }
    // A table that lays out a page (cells holding lists, headings, tables, or one column) is
    // read as the content it holds.
    bool layout = std::all_of(rows.begin(), rows.end(), [](const Row& row) { return row.cells.size() <= 1; });
    for (const auto& row : rows)
      for (auto* cell : row.cells) layout = layout || has_descendant(cell, kLayoutContent, depth);
    if (layout) {
      if (!caption.empty()) builder_.paragraph(caption);
      for (const auto& row : rows)
        for (auto* cell : row.cells) flow(cell, nullptr, depth + 1, in_main);
      return;
    }

    TableInput input;
    input.caption = caption;
    std::vector<std::vector<std::string>> header_rows;
    struct Carried {
      int rows = 0;
      std::string text;
    };
    std::vector<Carried> carried;  // per column: the text of a cell spanning rows below its own
    bool data_seen = false;
    for (const auto& row : rows) {
      std::vector<std::string> cells;
      auto carry_into = [&] {
        while (cells.size() < carried.size() && carried[cells.size()].rows > 0) {
          --carried[cells.size()].rows;
          cells.push_back(carried[cells.size()].text);
        }
      };
      bool all_th = !row.cells.empty();
      for (auto* cell : row.cells) {
        carry_into();
        all_th = all_th && is_element(cell, "th");
        const auto text = text_content(cell);
        const int columns = std::clamp(std::atoi(attribute(cell, "colspan").c_str()), 1, kMaxColumnSpan);
        const int row_span = std::clamp(std::atoi(attribute(cell, "rowspan").c_str()), 1, kMaxRowSpan);
        for (int k = 0; k < columns && cells.size() < kMaxColumns; ++k) {
          if (carried.size() <= cells.size()) carried.resize(cells.size() + 1);
          if (row_span > 1) carried[cells.size()] = {row_span - 1, text};
          cells.push_back(text);
        }
      }
      carry_into();
      // Spans repeat cells: count them before they pile up.
      if ((table_cells_ += cells.size()) > kMaxTableCells) throw too_many_table_cells();
      const bool header = row.in_head || (all_th && !data_seen);
      if (header) {
        header_rows.push_back(std::move(cells));
      } else {
        input.rows.push_back(std::move(cells));
        data_seen = true;
      }
    }
    if (!header_rows.empty()) {
      // Several header rows ("Salary" over "Min" and "Max") become one: each column's texts in order.
      std::vector<std::string> header;
      for (const auto& header_row : header_rows) {
        if (header.size() < header_row.size()) header.resize(header_row.size());
        for (std::size_t c = 0; c < header_row.size(); ++c)
          if (!header_row[c].empty() && header[c] != header_row[c] && !header[c].ends_with(" " + header_row[c]))
            header[c] += (header[c].empty() ? "" : " ") + header_row[c];
      }
      input.header = std::move(header);
    }
    builder_.table(std::move(input));
  }

  DocumentBuilder& builder_;
  std::size_t table_cells_ = 0;
};

void initialize_libxml2() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

struct ParsedHtml {
  std::unique_ptr<xmlParserCtxt, decltype(&htmlFreeParserCtxt)> context{htmlNewParserCtxt(), htmlFreeParserCtxt};
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> document{nullptr, xmlFreeDoc};
};

// Parses `bytes`: as UTF-8 when they are (whatever the page says), else in the encoding the page
// states, else as UTF-8 with the ill-formed bytes replaced.
ParsedHtml parse(std::string_view bytes) {
  initialize_libxml2();
  ParsedHtml parsed;
  if (!parsed.context) throw UnreadableDocument("out of memory for the HTML parser");
  constexpr int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT;
  const bool utf8 = is_valid_utf8(bytes);
  const auto lower = [](std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  const bool states_charset = !utf8 && lower(std::string(bytes.substr(0, 4096))).find("charset") != std::string::npos;
  const std::string repaired = utf8 || states_charset ? std::string() : to_valid_utf8(bytes);
  const std::string_view input = repaired.empty() ? bytes : std::string_view(repaired);
  parsed.document.reset(htmlCtxtReadMemory(parsed.context.get(), input.data(), static_cast<int>(input.size()), nullptr,
                                           states_charset ? nullptr : "UTF-8",
                                           options | (states_charset ? 0 : HTML_PARSE_IGNORE_ENC)));
  // Recoverable errors are the rule in real pages; running out of depth or memory loses text.
  if (const xmlError* error = xmlCtxtGetLastError(parsed.context.get());
      error && (error->code == XML_ERR_INTERNAL_ERROR || error->code == XML_ERR_NO_MEMORY)) {
    std::string message = error->message ? collapse_whitespace(error->message) : "internal error";
    if (message.starts_with("Excessive depth")) message = "elements nested deeper than 256 levels";
    throw UnreadableDocument("the HTML parser stopped: " + message);
  }
  return parsed;
}

}  // namespace

void read_html(std::string_view bytes, DocumentBuilder& builder) {
  const auto parsed = parse(bytes);
  if (parsed.document) HtmlReader(builder).read(xmlDocGetRootElement(parsed.document.get()));
}

std::string html_text_content(std::string_view html) {
  if (html.empty()) return {};
  std::string text;
  try {
    const auto parsed = parse(html);
    if (!parsed.document) return {};
    InlineText gathered;
    std::function<void(const xmlNode*, int)> gather = [&](const xmlNode* node, int depth) {
      if (depth > kMaxDepth) return;
      for (; node; node = node->next) {
        if (is_text(node)) gathered.add(content_of(node));
        else if (is_element(node) && !one_of(name_of(node), kSkipped)) {
          gathered.add(" ");
          gather(node->children, depth + 1);
          gathered.add(" ");
        } else if (is_element(node, "head")) {
          gather(node->children, depth + 1);  // a fragment's text may land in <head> (<title> and all)
        }
      }
    };
    gather(xmlDocGetRootElement(parsed.document.get()), 0);
    text = gathered.joined();
  } catch (const UnreadableDocument&) {
    // An HTML block too deep to parse keeps no text; the rest of its Markdown file still reads.
  }
  return text;
}

std::string decode_html_entity(std::string_view reference) {
  if (!reference.starts_with('&') || !reference.ends_with(';') || reference.size() < 3) return std::string(reference);
  const auto body = reference.substr(1, reference.size() - 2);
  std::string text;
  if (body.starts_with('#')) {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const auto digits = body.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return std::string(reference);
    char32_t value = 0;
    for (char c : digits) {
      int digit = -1;
      if (c >= '0' && c <= '9') digit = c - '0';
      else if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      if (digit < 0) return std::string(reference);
      value = value * (hex ? 16 : 10) + static_cast<char32_t>(digit);
    }
    append_utf8(text, value);
    return text;
  }
  initialize_libxml2();
  const std::string name(body);
  const auto* entity = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
  if (!entity) return std::string(reference);
  append_utf8(text, entity->value);
  return text;
}

}  // namespace knowledge::internal
