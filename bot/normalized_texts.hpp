// The normalized form of the texts the engine writes itself (its suggestions), each worked out
// once: normalizing every suggestion of every answer, to drop the one that repeats the question,
// was about a ninth of a warm question's instructions.
#pragma once

#include <cstddef>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "intents/normalize.hpp"

namespace bot {

// Thread safety: normalizes_to() may be called from any number of threads at once.
class NormalizedTexts {
 public:
  // `normalizer` must outlive this object. At most `capacity` texts are remembered; others are
  // normalized at every call.
  NormalizedTexts(const intents::Normalizer& normalizer, std::size_t capacity)
      : normalizer_(normalizer), capacity_(capacity) {}

  // Whether normalizer(text) == normalized.
  bool normalizes_to(std::string_view text, std::string_view normalized) const;

  static constexpr std::size_t kDefaultCapacity = 4096;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  const intents::Normalizer& normalizer_;
  const std::size_t capacity_;
  mutable std::shared_mutex mutex_;
  mutable std::unordered_map<std::string, std::string, Hash, std::equal_to<>> remembered_;
};

}  // namespace bot
