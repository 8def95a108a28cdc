// A token bucket: `burst` tokens, refilled continuously at `rate` per second.
#pragma once

#include <algorithm>
#include <chrono>

namespace adapters::server {

// Not synchronized: one per connection, used on that connection's strand.
class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;

  // rate <= 0 means unlimited.
  TokenBucket(double rate, double burst, Clock::time_point now = Clock::now())
      : rate_(rate), burst_(std::max(burst, 1.0)), tokens_(burst_), last_(now) {}

  // Takes one token if there is one.
  bool try_take(Clock::time_point now = Clock::now()) {
    if (rate_ <= 0) return true;
    const std::chrono::duration<double> elapsed = now - last_;
    last_ = now;
    tokens_ = std::min(burst_, tokens_ + elapsed.count() * rate_);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }

  // How long after the last try_take() the next token is there (zero when it already is).
  std::chrono::duration<double> wait_time() const {
    if (rate_ <= 0 || tokens_ >= 1.0) return std::chrono::duration<double>::zero();
    return std::chrono::duration<double>((1.0 - tokens_) / rate_);
  }

 private:
  double rate_;
  double burst_;
  double tokens_;
  Clock::time_point last_;
};

}  // namespace adapters::server
