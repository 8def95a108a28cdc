// The one owner of the engine snapshot that answers now. Every adapter reads it from here once
// per question; a reload swaps in a whole new snapshot, and no question waits for a lock.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "bot/engine.hpp"

namespace bot {

// Thread safety: every member may be called from any number of threads at once. A caller
// answers a whole question from the one snapshot current() gave it, so a swap in the middle
// never mixes two; the old snapshot lives until the last question holding it has its answer.
class EngineHolder {
 public:
  // `engine` may be null: current() is then null (the server answers 503) until replace().
  explicit EngineHolder(std::shared_ptr<const Engine> engine);

  // The snapshot answering now; null only before the first engine.
  std::shared_ptr<const Engine> current() const;
  // 1 for the engine given at construction, one more for each replace(); 0 while there is none.
  std::uint64_t generation() const;
  // Makes `engine` (not null: std::invalid_argument) the current snapshot; returns its generation.
  std::uint64_t replace(std::shared_ptr<const Engine> engine);

 private:
  // The engine and its generation swap together, so a reader never pairs one with the other's.
  struct Snapshot {
    std::shared_ptr<const Engine> engine;
    std::uint64_t generation = 0;
  };
  std::atomic<std::shared_ptr<const Snapshot>> snapshot_;
};

}  // namespace bot
