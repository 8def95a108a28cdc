// Passages once read from the file, kept for the knowledge base's life: a question reads the same
// few passages again and again (its role's sections, its sources), and a read from SQLite costs
// ten times a copy. Bounded by the bytes it holds, so a corpus of half a million passages keeps
// only the first it reads.
#pragma once

#include <atomic>
#include <cstddef>

#include "knowledge/filled_once.hpp"
#include "knowledge/passage.hpp"

namespace knowledge {

// Thread safety: find() and keep() may be called from any number of threads at once (two threads
// keeping the same passage at once keep one copy).
class PassageCache {
 public:
  // Room for ids 0..passages-1, and at most `max_bytes` of passages kept.
  PassageCache(std::size_t passages, std::size_t max_bytes);

  // The kept passage of `id`, or null.
  const Passage* find(int id) const;
  // Keeps a copy of `passage` under its id, unless the cache is full or holds it already.
  void keep(const Passage& passage) const;

  std::size_t bytes() const { return bytes_.load(std::memory_order_relaxed); }

 private:
  const std::size_t max_bytes_;
  FilledOnce<Passage> passages_;
  mutable std::atomic<std::size_t> bytes_{0};
};

}  // namespace knowledge
