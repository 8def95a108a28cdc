// What the libFuzzer harnesses share: the input as text, its lines, a check that fails the run,
// and one engine per process over the project's own data (built into this build's knowledge.db).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

#include "bot/engine.hpp"

namespace fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The input cut at '\n' into at most `max_lines` lines (the last one keeps the rest), so one
// input can be a conversation of several turns.
inline std::vector<std::string_view> lines(std::string_view input, std::size_t max_lines) {
  std::vector<std::string_view> result;
  while (result.size() + 1 < max_lines) {
    const auto end = input.find('\n');
    if (end == std::string_view::npos) break;
    result.push_back(input.substr(0, end));
    input.remove_prefix(end + 1);
  }
  result.push_back(input);
  return result;
}

// A property the code under test promises was broken: libFuzzer saves the input as a crash.
#define FUZZ_CHECK(condition)                                                             \
  do {                                                                                    \
    if (!(condition)) {                                                                   \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                       \
    }                                                                                     \
  } while (false)

inline const std::shared_ptr<const bot::Engine>& engine() {
  static const std::shared_ptr<const bot::Engine> instance = [] {
    auto options = bot::EngineOptions::defaults();
    options.log = nullptr;
    return bot::Engine::open(options);
  }();
  return instance;
}

}  // namespace fuzz
