// The readers, one a format, each filling a DocumentBuilder from valid bytes of its format
// (read_document checks size and text-ness first). Each throws UnreadableDocument when the
// bytes are not such a document.
#pragma once

#include <string_view>

#include "knowledge/internal/document_builder.hpp"

namespace knowledge::internal {

void read_text(std::string_view text, DocumentBuilder& builder);
void read_html(std::string_view bytes, DocumentBuilder& builder);

}  // namespace knowledge::internal
