#include "intents/devanagari.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace intents {
namespace {

constexpr std::uint32_t kFirst = 0x0900, kLast = 0x097F;

// A sound of the word: a consonant, a vowel (independent or a vowel sign), the inherent vowel a
// consonant carries unless a sign or a virama says otherwise, or nasalization.
enum class Kind { kConsonant, kVowel, kInherent, kNasal, kOther };

struct Segment {
  Kind kind;
  std::string text;
  bool long_a = false;  // आ / ा: "aa" in a closed syllable ("saal", "kaam"), "a" elsewhere ("kamata")
  bool dropped = false;
};

// Consonants U+0915-U+0939, in code point order; Hinglish spellings ("sh", "chh", "f" for फ,
// which is how loanwords such as फ्रेशर are meant).
constexpr std::string_view kConsonants[] = {
    "k", "kh", "g", "gh", "n", "ch", "chh", "j", "jh", "n",  // क ख ग घ ङ च छ ज झ ञ
    "t", "th", "d", "dh", "n", "t", "th", "d", "dh", "n",    // ट ठ ड ढ ण त थ द ध न
    "n", "p", "f", "b", "bh", "m", "y", "r", "r", "l",       // ऩ प फ ब भ म य र ऱ ल
    "l", "l", "v", "sh", "sh", "s", "h"};                     // ळ ऴ व श ष स ह
// The nukta forms U+0958-U+095F: क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़.
constexpr std::string_view kNuktaConsonants[] = {"k", "kh", "g", "z", "r", "rh", "f", "y"};

// Independent vowels U+0904-U+0914 and vowel signs U+093E-U+094C; empty: not a vowel.
constexpr std::string_view kVowels[] = {"a", "a", "aa", "i",  "i", "u", "u", "ri", "li",
                                        "e", "e", "e",  "ai", "o", "o", "o", "au"};
constexpr std::string_view kSigns[] = {"aa", "i", "i", "u", "u", "ri", "ri", "e", "e", "e", "ai", "o", "o", "o", "au"};

std::uint32_t decode(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
  if (i + length > text.size()) length = 1;
  std::uint32_t codepoint = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) codepoint = (codepoint << 6) | (byte(i + k) & 0x3F);
  i += length;
  return codepoint;
}

bool is_vowel(const Segment& segment) {
  return !segment.dropped && (segment.kind == Kind::kVowel || segment.kind == Kind::kInherent);
}

// Hindi drops the inherent vowel at the end of a word of more than one syllable, and between
// two consonants that stand between vowels (V C _ C V), deciding from the right.
void delete_schwas(std::vector<Segment>& segments) {
  const auto n = segments.size();
  for (std::size_t i = n; i-- > 0;) {
    if (segments[i].kind != Kind::kInherent) continue;
    if (i + 1 == n) {
      // ... but not after a cluster that ends in y, r or v, which needs it ("bhavishya", "mitra");
      // other clusters end English loanwords ("skils", "tuls").
      const bool cluster = i >= 2 && segments[i - 1].kind == Kind::kConsonant &&
                           segments[i - 2].kind == Kind::kConsonant &&
                           (segments[i - 1].text == "y" || segments[i - 1].text == "r" || segments[i - 1].text == "v");
      for (std::size_t k = 0; k < i && !cluster; ++k)
        if (is_vowel(segments[k])) segments[i].dropped = true;
      continue;
    }
    const bool before = i >= 2 && segments[i - 1].kind == Kind::kConsonant && is_vowel(segments[i - 2]);
    const bool after = i + 2 < n && segments[i + 1].kind == Kind::kConsonant && is_vowel(segments[i + 2]);
    if (before && after) segments[i].dropped = true;
  }
}

}  // namespace

bool has_devanagari(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto codepoint = decode(text, i);
    if (codepoint >= kFirst && codepoint <= kLast) return true;
  }
  return false;
}

std::string romanize_devanagari(std::string_view word) {
  std::vector<Segment> segments;
  auto consonant = [&](std::string_view text) {
    segments.push_back({Kind::kConsonant, std::string(text)});
    segments.push_back({Kind::kInherent, "a"});
  };
  auto vowel = [&](std::string_view text, bool sign, bool long_a) {
    // A vowel sign replaces the inherent vowel of the consonant before it.
    if (sign && !segments.empty() && segments.back().kind == Kind::kInherent) segments.pop_back();
    // "लिए", "चाहिए": an "e" after "i" is joined by a "y" ("liye", "chahiye").
    if (text == "e" && !segments.empty() && segments.back().kind == Kind::kVowel && segments.back().text == "i")
      segments.push_back({Kind::kConsonant, "y"});
    segments.push_back({Kind::kVowel, std::string(text), long_a});
  };
  for (std::size_t i = 0; i < word.size();) {
    const std::size_t start = i;
    const auto codepoint = decode(word, i);
    if (codepoint >= 0x0915 && codepoint <= 0x0939) {
      consonant(kConsonants[codepoint - 0x0915]);
    } else if (codepoint >= 0x0958 && codepoint <= 0x095F) {
      consonant(kNuktaConsonants[codepoint - 0x0958]);
    } else if (codepoint == 0x093C) {  // nukta after a plain consonant: ज़ z, ड़ r, ढ़ rh
      if (segments.size() >= 2 && segments[segments.size() - 2].kind == Kind::kConsonant) {
        auto& base = segments[segments.size() - 2].text;
        if (base == "j") base = "z";
        else if (base == "d") base = "r";
        else if (base == "dh") base = "rh";
      }
    } else if (codepoint >= 0x0904 && codepoint <= 0x0914) {
      vowel(kVowels[codepoint - 0x0904], false, codepoint == 0x0906);
    } else if (codepoint >= 0x093E && codepoint <= 0x094C) {
      vowel(kSigns[codepoint - 0x093E], true, codepoint == 0x093E);
    } else if (codepoint == 0x094D) {  // virama: no vowel after this consonant
      if (!segments.empty() && segments.back().kind == Kind::kInherent) segments.pop_back();
    } else if (codepoint == 0x0901 || codepoint == 0x0902) {  // chandrabindu, anusvara
      segments.push_back({Kind::kNasal, "n"});
    } else if (codepoint == 0x0903) {  // visarga
      segments.push_back({Kind::kConsonant, "h"});
    } else if (codepoint >= 0x0966 && codepoint <= 0x096F) {
      segments.push_back({Kind::kOther, std::string(1, static_cast<char>('0' + (codepoint - 0x0966)))});
    } else if (codepoint >= kFirst && codepoint <= kLast) {
      continue;  // avagraha, dandas, accents: no sound of their own
    } else {
      segments.push_back({Kind::kOther, std::string(word.substr(start, i - start))});
    }
  }
  delete_schwas(segments);

  std::string out;
  for (std::size_t k = 0; k < segments.size(); ++k) {
    const auto& segment = segments[k];
    if (segment.dropped) continue;
    if (segment.kind == Kind::kNasal) {
      // "में" is written "mein" and "हैं" "hain"; elsewhere the nasal is an "n" ("bengaluru").
      if (k + 1 == segments.size() && out.ends_with('e')) out += 'i';
      out += 'n';
      continue;
    }
    if (segment.long_a) {
      // Closed syllable: a consonant follows that carries no vowel of its own, or a nasal.
      const bool at_end = k + 1 == segments.size();
      bool closed = false;
      if (k + 1 < segments.size() && segments[k + 1].kind == Kind::kNasal) closed = true;
      if (k + 1 < segments.size() && segments[k + 1].kind == Kind::kConsonant)
        closed = k + 2 >= segments.size() || !is_vowel(segments[k + 2]);
      out += (closed && !at_end) ? "aa" : "a";
      continue;
    }
    out.append(segment.text);
  }
  return out;
}

}  // namespace intents
