// The threads that answer the questions whose conversation store may block (Redis), so that
// the server's I/O threads, which serve every other connection, never wait for the store.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>

#include <boost/asio/thread_pool.hpp>

namespace adapters {

// A fixed number of threads behind a bounded queue: at most `queue_limit` pieces of work are
// waiting or running at once; try_post() refuses more, so a stalled store makes the server
// answer "busy" instead of queueing without limit.
// Thread safety: try_post() and pending() may be called from any thread. The destructor waits
// for the work already taken (at most one store timeout per thread).
class TurnPool {
 public:
  // Preconditions: threads > 0, queue_limit > 0.
  TurnPool(std::size_t threads, std::size_t queue_limit);
  ~TurnPool();
  TurnPool(const TurnPool&) = delete;
  TurnPool& operator=(const TurnPool&) = delete;

  // Runs `work` on one of the threads; false, without running it, when queue_limit are taken.
  bool try_post(std::function<void()> work);
  // Work waiting or running.
  std::size_t pending() const { return pending_.load(std::memory_order_relaxed); }

 private:
  const std::size_t queue_limit_;
  std::atomic<std::size_t> pending_{0};
  boost::asio::thread_pool pool_;
};

}  // namespace adapters
