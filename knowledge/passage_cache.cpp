#include "knowledge/passage_cache.hpp"

namespace knowledge {
namespace {

std::size_t bytes_of(const Passage& passage) {
  std::size_t bytes = sizeof(Passage) + passage.doc.size() + passage.section.size() + passage.parent.size() +
                      passage.group.size() + passage.text.size() + passage.caption.size();
  for (const auto& cell : passage.cells) bytes += sizeof cell + cell.size();
  for (const auto& cell : passage.header) bytes += sizeof cell + cell.size();
  return bytes;
}

}  // namespace

PassageCache::PassageCache(std::size_t passages, std::size_t max_bytes)
    : size_(passages), max_bytes_(max_bytes), slots_(new std::atomic<const Passage*>[passages]) {
  for (std::size_t i = 0; i < size_; ++i) slots_[i].store(nullptr, std::memory_order_relaxed);
}

PassageCache::~PassageCache() {
  for (std::size_t i = 0; i < size_; ++i) delete slots_[i].load(std::memory_order_acquire);
}

const Passage* PassageCache::find(int id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= size_) return nullptr;
  return slots_[static_cast<std::size_t>(id)].load(std::memory_order_acquire);
}

void PassageCache::keep(const Passage& passage) const {
  if (passage.id < 0 || static_cast<std::size_t>(passage.id) >= size_) return;
  auto& slot = slots_[static_cast<std::size_t>(passage.id)];
  if (slot.load(std::memory_order_acquire)) return;
  const auto bytes = bytes_of(passage);
  // Room is claimed before the copy, so threads keeping passages at once never pass the bound.
  if (bytes_.fetch_add(bytes, std::memory_order_relaxed) + bytes > max_bytes_) {
    bytes_.fetch_sub(bytes, std::memory_order_relaxed);
    return;
  }
  auto copy = std::make_unique<const Passage>(passage);
  const Passage* expected = nullptr;
  if (slot.compare_exchange_strong(expected, copy.get(), std::memory_order_acq_rel, std::memory_order_acquire))
    copy.release();
  else
    bytes_.fetch_sub(bytes, std::memory_order_relaxed);  // another thread kept it first
}

}  // namespace knowledge
