#include "intents/word_set.hpp"

#include <cstring>
#include <fstream>

namespace intents {
namespace {

constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;  // 2^64 / the golden ratio
// Debian's word lists average about 9.5 bytes a line, newline included.
constexpr std::size_t kMinBytesPerLine = 8;

std::uint64_t mix(std::uint64_t h, std::uint64_t chunk) {
  h = (h ^ chunk) * kMultiplier;
  return h ^ (h >> 29);
}

constexpr std::uint64_t kEach = 0x0101010101010101ull;  // a byte's value times kEach: in every byte
constexpr std::uint64_t kHigh = 0x80 * kEach;

// The bytes of `chunk` that are not ASCII letters, as their high bits. Bytes are compared in
// place: with the high bit masked off, adding 0x1f (0x05) to a byte sets its high bit exactly
// when it is at least 'a' (above 'z'), and never carries into the next byte.
std::uint64_t not_letters(std::uint64_t chunk) {
  const std::uint64_t low = chunk & ~kHigh;
  const std::uint64_t at_least_a = (low + (0x80 - 'a') * kEach) & kHigh;
  const std::uint64_t above_z = (low + (0x80 - 'z' - 1) * kEach) & kHigh;
  return (chunk & kHigh) | (at_least_a ^ kHigh) | above_z;
}

// Lower-cases `length` bytes at `text` in place ("| 0x20" lowers exactly A-Z and moves no other
// byte into a-z) and says whether they were all letters; `hash` receives WordSet::hash of the
// lowered text. Eight bytes a step; the last step reads (and writes back unchanged) up to 7 bytes
// past the text, which the caller's buffer must hold, and pads with 'a' to check, zero to hash.
bool lower_letters(char* text, std::size_t length, std::uint64_t& hash) {
  std::uint64_t h = length * kMultiplier, other = 0;
  std::size_t at = 0;
  for (; at + 8 <= length; at += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, text + at, 8);
    chunk |= 0x20 * kEach;
    other |= not_letters(chunk);
    std::memcpy(text + at, &chunk, 8);
    h = mix(h, chunk);
  }
  if (at < length) {
    const std::uint64_t used = ~std::uint64_t{0} >> (8 * (8 - (length - at)));  // little-endian
    std::uint64_t bytes;
    std::memcpy(&bytes, text + at, 8);
    const std::uint64_t chunk = (bytes | 0x20 * kEach) & used;
    other |= not_letters(chunk | ('a' * kEach & ~used));
    bytes = chunk | (bytes & ~used);
    std::memcpy(text + at, &bytes, 8);
    h = mix(h, chunk);
  }
  hash = h ^ (h >> 32);
  return other == 0;
}

}  // namespace

// Eight bytes at a time: most words take one or two steps.
std::uint64_t WordSet::hash(std::string_view word) {
  std::uint64_t h = word.size() * kMultiplier;
  std::size_t at = 0;
  for (; at + 8 <= word.size(); at += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, word.data() + at, 8);
    h = mix(h, chunk);
  }
  if (at < word.size()) {
    std::uint64_t chunk = 0;
    std::memcpy(&chunk, word.data() + at, word.size() - at);
    h = mix(h, chunk);
  }
  return h ^ (h >> 32);
}

void WordSet::reserve(std::size_t words) {
  std::size_t capacity = 16;
  while (capacity < 2 * words) capacity *= 2;
  if (capacity <= slots_.size()) return;
  std::vector<Slot> old(capacity);
  old.swap(slots_);
  size_ = 0;
  for (const Slot& slot : old)
    if (slot.length) place(slot.offset, slot.length, hash(word_at(slot)));
}

void WordSet::place(std::uint32_t offset, std::uint32_t length, std::uint64_t h) {
  if (2 * (size_ + 1) > slots_.size()) reserve(size_ + 1);
  const std::string_view word(text_.data() + offset, length);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = h & mask;; at = (at + 1) & mask) {
    Slot& slot = slots_[at];
    if (!slot.length) {
      slot = {offset, length};
      ++size_;
      return;
    }
    if (word_at(slot) == word) return;
  }
}

void WordSet::insert(std::string_view word) {
  if (word.empty() || contains(word)) return;
  const auto offset = static_cast<std::uint32_t>(text_.size());
  text_.append(word);
  place(offset, static_cast<std::uint32_t>(word.size()), hash(word));
}

bool WordSet::contains(std::string_view word) const {
  if (slots_.empty() || word.empty()) return false;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = hash(word) & mask;; at = (at + 1) & mask) {
    const Slot& slot = slots_[at];
    if (!slot.length) return false;
    if (slot.length == word.size() && word_at(slot) == word) return true;
  }
}

WordSet WordSet::from_word_list(const std::filesystem::path& file, std::size_t min_length) {
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  std::ifstream in(file, std::ios::binary);
  if (error || !in || size > kMaxFileBytes) return {};
  std::string text(size, '\0');
  text.resize(static_cast<std::size_t>(in.read(text.data(), static_cast<std::streamsize>(size)).gcount()));
  return from_lines(std::move(text), min_length);
}

WordSet WordSet::from_lines(std::string lines, std::size_t min_length) {
  WordSet set;
  std::string& text = set.text_ = std::move(lines);
  const std::size_t read = text.size();
  text.resize(read + 8);  // lower_letters reads a line's last bytes eight at a time
  set.reserve(read / kMinBytesPerLine);  // grows should the lines be shorter
  char* const begin = text.data();
  char* const end = begin + read;
  for (char* line = begin; line < end;) {
    auto* newline = static_cast<char*>(std::memchr(line, '\n', static_cast<std::size_t>(end - line)));
    if (!newline) newline = end;
    const auto length = static_cast<std::size_t>(newline - line);
    std::uint64_t h = 0;
    if (lower_letters(line, length, h) && length >= min_length && length > 0)
      set.place(static_cast<std::uint32_t>(line - begin), static_cast<std::uint32_t>(length), h);
    line = newline + 1;
  }
  return set;
}

}  // namespace intents
