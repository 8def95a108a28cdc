// A set of words in one block of memory: the ~100,000 words of a dictionary, read at every start.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace intents {

// Open addressing over offsets into one string: building it costs one hash per word and no
// allocation per word (an std::unordered_set<std::string> of Debian's wamerican cost about 45M
// instructions, a quarter of the start-up). Immutable after it is built; contains() may be
// called from any thread.
class WordSet {
 public:
  // The lines of a word list (one word a line, such as /usr/share/dict/words) of at least
  // `min_length` characters, all plain ASCII letters, lower-cased; other lines ("café", "o'clock")
  // are skipped. A missing or unreadable file gives an empty set; one above kMaxFileBytes too.
  static WordSet from_word_list(const std::filesystem::path& file, std::size_t min_length);

  // The lines of `text` (one word a line, as in a word list), as from_word_list() reads them.
  static WordSet from_lines(std::string text, std::size_t min_length);

  // Each of `words` as it is.
  template <typename Words>
  static WordSet of(const Words& words) {
    WordSet set;
    for (const auto& word : words) set.insert(word);
    return set;
  }

  void insert(std::string_view word);
  bool contains(std::string_view word) const;
  std::size_t size() const { return size_; }

  static constexpr std::uintmax_t kMaxFileBytes = 256u << 20;

  // The set's hash of a word: 64 bits, eight bytes a step.
  static std::uint64_t hash(std::string_view word);

 private:
  struct Slot {
    std::uint32_t offset = 0;
    std::uint32_t length = 0;  // 0: empty
  };
  std::string_view word_at(const Slot& slot) const { return {text_.data() + slot.offset, slot.length}; }
  // Places the word at text_[offset, offset + length) unless it is there already.
  void place(std::uint32_t offset, std::uint32_t length, std::uint64_t hash);
  void reserve(std::size_t words);

  std::string text_;         // the words, with whatever lay between them in the word list
  std::vector<Slot> slots_;  // a power of two in size, at most half full
  std::size_t size_ = 0;
};

}  // namespace intents
