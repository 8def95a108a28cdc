// The readers, one a format, each filling a DocumentBuilder from valid bytes of its format
// (read_document checks size and text-ness first). Each throws UnreadableDocument when the
// bytes are not such a document.
#pragma once

#include <string>
#include <string_view>

#include "knowledge/internal/document_builder.hpp"

namespace knowledge::internal {

void read_text(std::string_view text, DocumentBuilder& builder);
void read_markdown(std::string_view text, DocumentBuilder& builder);
void read_html(std::string_view bytes, DocumentBuilder& builder);
void read_pdf(std::string_view bytes, DocumentBuilder& builder);

// "&amp;" -> "&", "&#8377;" -> "₹": an HTML character reference as UTF-8, or the reference as
// it stands when it names no character.
std::string decode_html_entity(std::string_view reference);

// The text an HTML fragment shows (a Markdown file's HTML block), white space collapsed.
std::string html_text_content(std::string_view html);

}  // namespace knowledge::internal
