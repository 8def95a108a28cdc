#include "bot/engine_holder.hpp"

#include <stdexcept>

namespace bot {

EngineHolder::EngineHolder(std::shared_ptr<const Engine> engine) {
  const std::uint64_t generation = engine ? 1 : 0;
  snapshot_.store(std::make_shared<const Snapshot>(Snapshot{std::move(engine), generation}));
}

std::shared_ptr<const Engine> EngineHolder::current() const {
  auto snapshot = snapshot_.load(std::memory_order_acquire);
  const Engine* engine = snapshot->engine.get();
  if (!engine) return nullptr;
  // Shares the snapshot's ownership, which holds the engine: one reference count, not two.
  return std::shared_ptr<const Engine>(std::move(snapshot), engine);
}

std::uint64_t EngineHolder::generation() const { return snapshot_.load(std::memory_order_acquire)->generation; }

std::uint64_t EngineHolder::replace(std::shared_ptr<const Engine> engine) {
  if (!engine) throw std::invalid_argument("EngineHolder::replace: no engine");
  auto expected = snapshot_.load(std::memory_order_acquire);
  std::shared_ptr<const Snapshot> next;
  do {
    next = std::make_shared<const Snapshot>(Snapshot{engine, expected->generation + 1});
  } while (!snapshot_.compare_exchange_weak(expected, next, std::memory_order_acq_rel, std::memory_order_acquire));
  return next->generation;
}

}  // namespace bot
