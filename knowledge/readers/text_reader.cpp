// Plain text: lines, with the structure guessed from how they look (text_lines.hpp).
#include "knowledge/internal/line_reader.hpp"
#include "knowledge/internal/readers.hpp"
#include "knowledge/internal/text_lines.hpp"

namespace knowledge::internal {

void read_text(std::string_view text, DocumentBuilder& builder) {
  // Lines end in "\n", "\r\n" or (old Mac files) a lone "\r".
  std::string unified;
  if (text.find('\r') != std::string_view::npos) {
    unified.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '\r') unified += text[i];
      else if (i + 1 == text.size() || text[i + 1] != '\n') unified += '\n';
    }
    text = unified;
  }
  std::vector<TextLine> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back().text = std::string(trim(text.substr(start, end - start)));
    if (end == text.size()) break;
    start = end + 1;
  }
  // A line between blank lines with text after it may be a heading in sentence case.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].text.empty()) continue;
    const bool blank_before = i == 0 || lines[i - 1].text.empty();
    const bool blank_after = i + 1 < lines.size() && lines[i + 1].text.empty();
    bool text_after = false;
    for (std::size_t k = i + 1; k < lines.size() && !text_after; ++k) text_after = !lines[k].text.empty();
    lines[i].standalone = blank_before && blank_after && text_after;
  }
  read_lines(lines, builder, LineOptions{});
}

}  // namespace knowledge::internal
