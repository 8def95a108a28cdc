#include "knowledge/passage_cache.hpp"

#include <memory>

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
    : max_bytes_(max_bytes), passages_(passages) {}

const Passage* PassageCache::find(int id) const {
  return id < 0 ? nullptr : passages_.find(static_cast<std::size_t>(id));
}

void PassageCache::keep(const Passage& passage) const {
  if (passage.id < 0 || static_cast<std::size_t>(passage.id) >= passages_.size()) return;
  const auto id = static_cast<std::size_t>(passage.id);
  if (passages_.find(id)) return;
  const auto bytes = bytes_of(passage);
  // Room is claimed before the copy, so threads keeping passages at once never pass the bound.
  if (bytes_.fetch_add(bytes, std::memory_order_relaxed) + bytes > max_bytes_) {
    bytes_.fetch_sub(bytes, std::memory_order_relaxed);
    return;
  }
  if (!passages_.keep(id, std::make_unique<const Passage>(passage)).second)
    bytes_.fetch_sub(bytes, std::memory_order_relaxed);  // another thread kept it first
}

}  // namespace knowledge
