// Corrects typos in single words towards a list of known domain words ("salry" -> "salary").
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "intents/word_set.hpp"

namespace intents {

// Immutable after construction; correct() may be called from any thread.
// Uses a single-deletion index (as SymSpell does), so a lookup costs a few binary searches per
// letter of the word instead of a distance computation against every known word.
class SpellingCorrector {
 public:
  // `targets`: words a typo may be corrected to. `known` and `dictionary` (ordinary words, such
  // as a word list's): further words left as they are.
  SpellingCorrector(const std::vector<std::string>& targets, WordSet known, WordSet dictionary = {});

  bool is_known(std::string_view word) const;

  // The one target within one edit (insertion, deletion, substitution or transposition) of
  // `word`; empty when the word is known, shorter than kMinLength, not plain ASCII letters,
  // or when no single closest target exists.
  std::optional<std::string_view> correct(std::string_view word) const;

  // Two target words written as one ("mlopsengineer" -> "mlops", "engineer"): the first split of
  // an unknown word of at least 2 * kMinSplitPart plain letters into two targets of at least
  // kMinSplitPart letters each; empty when there is none.
  std::optional<std::pair<std::string_view, std::string_view>> split(std::string_view word) const;

  static constexpr std::size_t kMinLength = 5;
  static constexpr std::size_t kMinSplitPart = 4;

 private:
  // The targets of `key` (a target, or one of its single-letter deletions), and perhaps others
  // whose keys share its hash: the callers check each candidate.
  std::span<const std::pair<std::uint64_t, std::uint32_t>> candidates(std::string_view key) const;

  std::vector<std::string> targets_;
  WordSet known_;  // the targets and `known`
  WordSet dictionary_;
  // (hash of a key, the target it came from), sorted: one allocation for all the keys, where a
  // multimap of strings made one per key (80,000 of them for 10,000 targets, most of a start-up
  // with a large corpus).
  std::vector<std::pair<std::uint64_t, std::uint32_t>> deletions_;
};

// Damerau-Levenshtein distance (optimal string alignment) between two short words.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace intents
