#include "bot/normalized_texts.hpp"

#include <mutex>

namespace bot {

bool NormalizedTexts::normalizes_to(std::string_view text, std::string_view normalized) const {
  {
    std::shared_lock lock(mutex_);
    if (const auto it = remembered_.find(text); it != remembered_.end()) return it->second == normalized;
  }
  std::string fresh = normalizer_(text);
  const bool same = fresh == normalized;
  std::unique_lock lock(mutex_);
  if (remembered_.size() < capacity_) remembered_.try_emplace(std::string(text), std::move(fresh));
  return same;
}

}  // namespace bot
