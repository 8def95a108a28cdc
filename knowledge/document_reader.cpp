#include "knowledge/document_reader.hpp"

#include <cctype>

#include "knowledge/internal/readers.hpp"
#include "knowledge/internal/utf8.hpp"

namespace knowledge {

const char* to_string(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::markdown: return "markdown";
    case DocumentFormat::html: return "html";
    case DocumentFormat::pdf: return "pdf";
    case DocumentFormat::text: break;
  }
  return "text";
}

std::string_view file_name_of(std::string_view path) { return path.substr(path.find_last_of('/') + 1); }

std::string_view extension_of(std::string_view path) {
  const auto name = file_name_of(path);
  const auto dot = name.rfind('.');
  // A name's leading dot (".md") starts no extension, and ".." has none, as std::filesystem::path::extension() has it.
  return dot == std::string_view::npos || dot == 0 || name == ".." ? std::string_view() : name.substr(dot);
}

std::optional<DocumentFormat> format_of(const std::filesystem::path& file) {
  std::string extension(extension_of(file.native()));
  for (auto& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension == ".txt" || extension == ".text") return DocumentFormat::text;
  if (extension == ".md" || extension == ".markdown") return DocumentFormat::markdown;
  if (extension == ".html" || extension == ".htm") return DocumentFormat::html;
  if (extension == ".pdf") return DocumentFormat::pdf;
  return std::nullopt;
}

Document read_document(std::string_view doc_id, std::string_view bytes, DocumentFormat format) {
  if (bytes.size() > kMaxDocumentBytes)
    throw UnreadableDocument("over the " + std::to_string(kMaxDocumentBytes >> 20) + " MiB limit");
  internal::DocumentBuilder builder(doc_id, format);
  if (format == DocumentFormat::pdf) {
    internal::read_pdf(bytes, builder);
    return std::move(builder).finish();
  }
  // HTML may state another encoding than UTF-8 (<meta charset>): its bytes need not be UTF-8.
  if (const auto reason = internal::why_not_text(bytes, format != DocumentFormat::html); !reason.empty())
    throw UnreadableDocument(reason);
  if (format == DocumentFormat::html) {
    internal::read_html(bytes, builder);
  } else {
    const auto text = internal::to_valid_utf8(bytes);
    if (format == DocumentFormat::markdown) internal::read_markdown(text, builder);
    else internal::read_text(text, builder);
  }
  return std::move(builder).finish();
}

}  // namespace knowledge
