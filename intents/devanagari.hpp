// Hindi written in Devanagari, read the way people write Hindi in Latin letters ("Hinglish"):
// "कितनी" -> "kitni", "क्या है" -> "kya hai", "अनुभव" -> "anubhav", so that the Hinglish the
// patterns and vocabularies already read covers both scripts.
//
// Why not ICU's "Devanagari-Latin": it writes ISO 15919 (ā, ś, ṁ, "c" for च) and keeps every
// inherent vowel ("kitanī", "milatā"), which is neither how Hinglish is spelled nor what a chat
// user types; mapping its output back would need this table anyway. Hindi drops the inherent
// "a" at a word's end and between two consonants that stand between vowels (schwa deletion);
// the rules below follow that, right to left, as the common romanizations do.
#pragma once

#include <string>
#include <string_view>

namespace intents {

// True when `text` holds a character of the Devanagari block (U+0900-U+097F).
bool has_devanagari(std::string_view text);

// One word in Hinglish spelling: lower-case ASCII letters and digits (Devanagari digits become
// ASCII ones). Characters outside the Devanagari block are copied unchanged; signs with no sound
// of their own (the avagraha) are dropped. `word` must be valid UTF-8.
std::string romanize_devanagari(std::string_view word);

}  // namespace intents
