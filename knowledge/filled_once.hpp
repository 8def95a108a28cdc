// One value per passage id, each worked out at most once and then kept for the owner's life,
// found without a lock: the passages the knowledge base has read, the sentence stems of each.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <utility>

namespace knowledge {

// Thread safety: find() and keep() may be called from any number of threads at once. Two
// threads keeping a value for the same id at once keep the first; the other's is freed.
template <class T>
class FilledOnce {
 public:
  explicit FilledOnce(std::size_t size) : size_(size), slots_(new std::atomic<const T*>[size]) {
    for (std::size_t i = 0; i < size_; ++i) slots_[i].store(nullptr, std::memory_order_relaxed);
  }
  ~FilledOnce() {
    for (std::size_t i = 0; i < size_; ++i) delete slots_[i].load(std::memory_order_acquire);
  }
  FilledOnce(const FilledOnce&) = delete;
  FilledOnce& operator=(const FilledOnce&) = delete;

  std::size_t size() const { return size_; }

  // The value kept for `id`, or null (none yet, or an id out of range).
  const T* find(std::size_t id) const {
    return id < size_ ? slots_[id].load(std::memory_order_acquire) : nullptr;
  }

  // Keeps `value` for `id` unless a value is there already. Returns the value kept for `id` and
  // whether it is `value`; {nullptr, false} for an id out of range.
  std::pair<const T*, bool> keep(std::size_t id, std::unique_ptr<const T> value) const {
    if (id >= size_) return {nullptr, false};
    const T* expected = nullptr;
    if (slots_[id].compare_exchange_strong(expected, value.get(), std::memory_order_acq_rel,
                                           std::memory_order_acquire))
      return {value.release(), true};
    return {expected, false};
  }

 private:
  const std::size_t size_;
  const std::unique_ptr<std::atomic<const T*>[]> slots_;
};

}  // namespace knowledge
