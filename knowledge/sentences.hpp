// Sentences of a passage, for reading facts out of running text.
#pragma once

#include <string_view>
#include <vector>

namespace knowledge {

// The sentences of `text` in order, trimmed. A full stop after an abbreviation ("e.g.", "Rs.",
// "vs.") or inside a number ("4.5") ends none.
std::vector<std::string_view> sentences_of(std::string_view text);

}  // namespace knowledge
