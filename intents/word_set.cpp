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
  WordSet set;
  std::error_code error;
  const auto size = std::filesystem::file_size(file, error);
  std::ifstream in(file, std::ios::binary);
  if (error || !in || size > kMaxFileBytes) return set;
  std::string& text = set.text_;
  text.resize(size);
  text.resize(static_cast<std::size_t>(in.read(text.data(), static_cast<std::streamsize>(size)).gcount()));
  set.reserve(text.size() / kMinBytesPerLine);  // grows should the lines be shorter
  char* const begin = text.data();
  char* const end = begin + text.size();
  for (char* line = begin; line < end;) {
    auto* newline = static_cast<char*>(std::memchr(line, '\n', static_cast<std::size_t>(end - line)));
    if (!newline) newline = end;
    // Lower-cased in place, without a branch a byte: "| 0x20" lowers exactly the letters A-Z and
    // moves no other byte into a-z, so a line is a word when every byte then lies in a-z.
    bool other = false;
    for (char* p = line; p < newline; ++p) {
      const auto lower = static_cast<unsigned char>(*p | 0x20);
      other |= static_cast<unsigned char>(lower - 'a') > 'z' - 'a';
      *p = static_cast<char>(lower);
    }
    const auto length = static_cast<std::size_t>(newline - line);
    if (!other && length >= min_length && length > 0)
      set.place(static_cast<std::uint32_t>(line - begin), static_cast<std::uint32_t>(length), hash({line, length}));
    line = newline + 1;
  }
  return set;
}

}  // namespace intents
