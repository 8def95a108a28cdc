#include "intents/spelling.hpp"

#include <algorithm>
#include <numeric>

namespace intents {
namespace {

bool plain_letters(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Calls visit(key) with `word` and each of its single-letter deletions: the index's keys, and a
// lookup's.
template <typename Visit>
void for_each_key(std::string_view word, Visit visit) {
  visit(word);
  std::string key;
  for (std::size_t i = 0; i < word.size(); ++i) {
    key.assign(word.substr(0, i));
    key.append(word.substr(i + 1));
    visit(std::string_view(key));
  }
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  std::iota(previous.begin(), previous.end(), 0);
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    before.swap(previous);
    previous.swap(current);
  }
  return previous[m];
}

SpellingCorrector::SpellingCorrector(const std::vector<std::string>& targets, WordSet known, WordSet dictionary)
    : known_(std::move(known)), dictionary_(std::move(dictionary)) {
  for (const auto& word : targets) {
    known_.insert(word);
    if (word.size() < kMinLength - 1 || !plain_letters(word)) continue;
    const auto index = static_cast<std::uint32_t>(targets_.size());
    targets_.push_back(word);
    for_each_key(word, [&](std::string_view key) { deletions_.emplace_back(WordSet::hash(key), index); });
  }
  std::sort(deletions_.begin(), deletions_.end());
  deletions_.erase(std::unique(deletions_.begin(), deletions_.end()), deletions_.end());
}

std::span<const std::pair<std::uint64_t, std::uint32_t>> SpellingCorrector::candidates(std::string_view key) const {
  const auto hash = WordSet::hash(key);
  const auto first = std::lower_bound(deletions_.begin(), deletions_.end(), std::make_pair(hash, std::uint32_t{0}));
  auto last = first;
  while (last != deletions_.end() && last->first == hash) ++last;
  return {first, last};
}

bool SpellingCorrector::is_known(std::string_view word) const {
  return dictionary_.contains(word) || known_.contains(word);
}

std::optional<std::string_view> SpellingCorrector::correct(std::string_view word) const {
  if (word.size() < kMinLength || !plain_letters(word) || is_known(word)) return std::nullopt;
  std::optional<std::size_t> best;
  bool ambiguous = false;
  for_each_key(word, [&](std::string_view key) {
    for (const auto& [hash, index] : candidates(key)) {
      if (best == index || edit_distance(word, targets_[index]) != 1) continue;
      if (best && targets_[*best] != targets_[index]) ambiguous = true;
      best = index;
    }
  });
  if (!best || ambiguous) return std::nullopt;
  return targets_[*best];
}

std::optional<std::pair<std::string_view, std::string_view>> SpellingCorrector::split(std::string_view word) const {
  if (word.size() < 2 * kMinSplitPart || !plain_letters(word) || is_known(word)) return std::nullopt;
  auto target = [&](std::string_view part) -> std::optional<std::string_view> {
    for (const auto& [hash, index] : candidates(part))
      if (targets_[index] == part) return targets_[index];
    return std::nullopt;
  };
  for (std::size_t at = kMinSplitPart; at + kMinSplitPart <= word.size(); ++at) {
    const auto left = target(word.substr(0, at));
    const auto right = left ? target(word.substr(at)) : std::nullopt;
    if (left && right) return std::make_pair(*left, *right);
  }
  return std::nullopt;
}

}  // namespace intents
