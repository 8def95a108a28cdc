#include "bot/answer_id.hpp"

#include <algorithm>
#include <random>

namespace bot {
namespace {

constexpr std::string_view kPrefix = "a-";
constexpr std::size_t kHexDigits = 32;

}  // namespace

std::string new_answer_id() {
  thread_local std::mt19937_64 generator{[] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(kPrefix.size() + kHexDigits, '0');
  std::copy(kPrefix.begin(), kPrefix.end(), id.begin());
  for (std::size_t i = kPrefix.size(); i < id.size(); i += 16) {
    auto bits = generator();
    for (std::size_t j = 0; j < 16; ++j, bits >>= 4) id[i + j] = kHex[bits & 0xf];
  }
  return id;
}

bool is_answer_id(std::string_view id) {
  if (id.size() != kPrefix.size() + kHexDigits || !id.starts_with(kPrefix)) return false;
  return std::all_of(id.begin() + kPrefix.size(), id.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace bot
