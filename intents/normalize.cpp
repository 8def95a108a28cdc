#include "intents/normalize.hpp"

#include <array>
#include <cstdint>

#include "intents/devanagari.hpp"
#include "intents/spelling.hpp"
#include "intents/vocabulary.hpp"

namespace intents {
namespace {

// Characters that may stand inside a word: "ci/cd", "e-commerce", "3.5", "5+", "20%", "r&d".
bool is_inner_mark(char c) { return c == '/' || c == '-' || c == '.' || c == '+' || c == '%' || c == '&' || c == '\''; }
bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return c >= 'a' && c <= 'z'; }

// Decodes one UTF-8 sequence at `text[i]`; returns its length, 0 when the bytes are invalid.
std::size_t utf8_sequence(std::string_view text, std::size_t i, std::uint32_t& codepoint) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  codepoint = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    codepoint = (codepoint << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr std::array<std::uint32_t, 5> kMinimum = {0, 0, 0x80, 0x800, 0x10000};
  if (codepoint < kMinimum[length] || codepoint > 0x10FFFF || (codepoint >= 0xD800 && codepoint <= 0xDFFF)) return 0;
  return length;
}

// The first pass: valid UTF-8, ASCII lower case, punctuation and symbols to spaces.
std::string clean(std::string_view raw) {
  std::string out;
  out.reserve(raw.size() + 8);
  for (std::size_t i = 0; i < raw.size();) {
    std::uint32_t codepoint = 0;
    const std::size_t length = utf8_sequence(raw, i, codepoint);
    if (length == 0) {  // invalid byte: a space, and resynchronize on the next byte
      out += ' ';
      ++i;
      continue;
    }
    if (codepoint < 0x80) {
      char c = static_cast<char>(codepoint);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      out += (is_word_char(c) || is_inner_mark(c)) ? c : ' ';
    } else if (codepoint == 0x2010 || codepoint == 0x2011 || codepoint == 0x2013 || codepoint == 0x2014 ||
               codepoint == 0x2212) {
      out += '-';
    } else if (codepoint == 0x2018 || codepoint == 0x2019) {
      out += '\'';
    } else if (codepoint == 0x20B9) {
      out += " inr ";
    } else if (codepoint == 0x0964 || codepoint == 0x0965) {
      out += ' ';  // the danda, Hindi's full stop
    } else if ((codepoint >= 0x0900 && codepoint <= 0x0DFF) || (codepoint >= 0x00C0 && codepoint <= 0x024F)) {
      out.append(raw.substr(i, length));  // Indian scripts and accented Latin letters stay as words
    } else {
      out += ' ';  // emoji, symbols, other punctuation, control characters
    }
    i += length;
  }
  return out;
}

// Contractions that change how a question reads ("what's" is "what is").
constexpr std::pair<std::string_view, std::string_view> kContractions[] = {
    {"what's", "what is"}, {"whats", "what is"}, {"i'm", "i am"}, {"im", "i am"}, {"it's", "it is"},
    {"that's", "that is"}, {"who's", "who is"}, {"how's", "how is"}, {"where's", "where is"},
    {"can't", "can not"}, {"won't", "will not"}, {"don't", "do not"}, {"doesn't", "does not"},
    {"isn't", "is not"}, {"aren't", "are not"}, {"i've", "i have"}, {"i'll", "i will"}, {"i'd", "i would"},
    {"you're", "you are"}, {"let's", "let us"}};

}  // namespace

Normalizer::Normalizer(std::shared_ptr<const Vocabulary> vocabulary, std::shared_ptr<const SpellingCorrector> speller)
    : vocabulary_(std::move(vocabulary)), speller_(std::move(speller)) {}

std::string Normalizer::operator()(std::string_view raw) const {
  if (raw.size() > kMaxInputBytes) raw = raw.substr(0, kMaxInputBytes);  // a cut sequence is just invalid
  const std::string cleaned = clean(raw);
  std::string out;
  out.reserve(cleaned.size());
  std::size_t i = 0;
  while (i < cleaned.size()) {
    while (i < cleaned.size() && cleaned[i] == ' ') ++i;
    std::size_t end = i;
    while (end < cleaned.size() && cleaned[end] != ' ') ++end;
    std::string_view word(cleaned.data() + i, end - i);
    // Marks only join words: strip them from the edges, but keep "5+" and "20%".
    while (!word.empty() && is_inner_mark(word.front())) word.remove_prefix(1);
    while (!word.empty() && is_inner_mark(word.back()) &&
           !((word.back() == '+' || word.back() == '%') && word.size() > 1 && is_digit(word[word.size() - 2])))
      word.remove_suffix(1);
    if (!word.empty()) append_word(out, word);
    i = end;
  }
  return out;
}

void Normalizer::append_word(std::string& out, std::string_view word) const {
  if (has_devanagari(word)) {
    // Hindi: a loanword the vocabulary spells ("सैलरी" -> "salary"), else the word in Hinglish.
    if (vocabulary_->rewrites().contains(std::string(word))) return append_rewritten(out, word);
    const std::string romanized = romanize_devanagari(word);
    if (!romanized.empty()) append_word(out, romanized);
    return;
  }
  for (const auto& [from, to] : kContractions)
    if (word == from) return append_rewritten(out, to);
  if (word.size() > 2 && word.ends_with("'s")) word.remove_suffix(2);  // "engineer's" -> "engineer"
  // Split "3yrs" and "10lpa" at the digit-letter boundary, unless the whole word is a rewrite ("k8s").
  if (!vocabulary_->rewrites().contains(std::string(word))) {
    for (std::size_t k = 1; k < word.size(); ++k) {
      if ((is_digit(word[k - 1]) || word[k - 1] == '+') && is_letter(word[k]) && is_digit(word[0])) {
        append_word(out, word.substr(0, k));
        return append_word(out, word.substr(k));
      }
    }
  }
  std::string plain;
  for (char c : word)
    if (c != '\'') plain += c;
  append_rewritten(out, plain);
}

void Normalizer::append_rewritten(std::string& out, std::string_view word) const {
  std::string_view result = word;
  const auto& rewrites = vocabulary_->rewrites();
  if (auto it = rewrites.find(std::string(word)); it != rewrites.end()) {
    result = it->second;
  } else if (speller_) {
    if (auto corrected = speller_->correct(word)) {
      result = *corrected;
    } else if (auto parts = speller_->split(word)) {  // "mlopsengineer": two words run together
      append_rewritten(out, parts->first);
      return append_rewritten(out, parts->second);
    }
  }
  if (!out.empty()) out += ' ';
  out.append(result);
}

}  // namespace intents
