// Byte-level checks every reader makes before parsing: is this text at all, and as valid UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace knowledge::internal {

// True when `bytes` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

// `bytes` with every ill-formed sequence replaced by U+FFFD and a leading byte-order mark removed.
std::string to_valid_utf8(std::string_view bytes);

// Why `bytes` is not text (NUL bytes, UTF-16, mostly control bytes, or mostly ill-formed UTF-8
// when `expect_utf8`), or empty when it reads as text. Text formats throw UnreadableDocument
// with this reason.
std::string why_not_text(std::string_view bytes, bool expect_utf8 = true);

// Appends `code_point` as UTF-8 (U+FFFD for a surrogate or a value past U+10FFFF, and for NUL).
void append_utf8(std::string& text, char32_t code_point);

// Collapses runs of white space (ASCII, no-break and other Unicode spaces) into one space,
// drops zero-width spaces, and trims both ends.
std::string collapse_whitespace(std::string_view text);

}  // namespace knowledge::internal
