// Document readers: every format the knowledge base accepts becomes the same structure, a
// title and passages (paragraphs, list items, table rows with their header cells), each under
// its section path.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/passage.hpp"

namespace knowledge {

enum class DocumentFormat { text, markdown, html, pdf };

// The largest file a reader takes: a long report is a few MiB, and everything a document
// holds stays in memory while it is read (a PDF's pages, an HTML tree) and indexed.
inline constexpr std::size_t kMaxDocumentBytes = 20u << 20;

const char* to_string(DocumentFormat format);

// The format a file's name says it has (.txt/.text, .md/.markdown, .html/.htm, .pdf; case
// insensitive), or none for any other file.
std::optional<DocumentFormat> format_of(const std::filesystem::path& file);

// A path's last name ("data.md" of "teams/data.md"), cut as a string.
std::string_view file_name_of(std::string_view path);

// The extension of a path's last name, with its dot (".md"); empty when it has none. What
// std::filesystem::path::extension() gives, without splitting the path into its names (with
// 10,000 files, a tenth of listing them).
std::string_view extension_of(std::string_view path);

struct Document {
  std::string id;      // the file name without its extension
  std::string title;   // the document's title (first heading, <title>/<h1>, PDF title)
  DocumentFormat format = DocumentFormat::text;
  std::vector<Passage> passages;  // in document order; ids are 0-based positions, renumbered by the index
};

// A document that cannot be read as its format says (a broken PDF, binary bytes in a text
// file): the message says why, for the index command to report by file name.
class UnreadableDocument : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads `bytes` as `format`. Throws UnreadableDocument when the bytes are not such a document;
// never crashes on hostile input. Empty input gives a document with no passages.
Document read_document(std::string_view doc_id, std::string_view bytes, DocumentFormat format);

}  // namespace knowledge
