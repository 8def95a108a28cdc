#include "adapters/common/turn_pool.hpp"

#include <boost/asio/post.hpp>

namespace adapters {

TurnPool::TurnPool(std::size_t threads, std::size_t queue_limit) : queue_limit_(queue_limit), pool_(threads) {}

TurnPool::~TurnPool() { pool_.join(); }

bool TurnPool::try_post(std::function<void()> work) {
  // Take a place first, so that concurrent callers never overshoot the limit.
  if (pending_.fetch_add(1, std::memory_order_relaxed) >= queue_limit_) {
    pending_.fetch_sub(1, std::memory_order_relaxed);
    return false;
  }
  boost::asio::post(pool_, [this, work = std::move(work)] {
    // The place is given back even when `work` throws (which the adapters' work does not).
    struct Release {
      std::atomic<std::size_t>& pending;
      ~Release() { pending.fetch_sub(1, std::memory_order_relaxed); }
    } release{pending_};
    work();
  });
  return true;
}

}  // namespace adapters
