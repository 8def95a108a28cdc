// What the libFuzzer harnesses share: the input as text, its lines, a check that fails the run,
// a strict UTF-8 test, and one engine per process over the project's own data (built into this build's knowledge.db).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

#include "bot/engine.hpp"
#include "bot/engine_holder.hpp"

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

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF.
inline bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    std::uint32_t codepoint = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next >> 6) != 0x2) return false;
      codepoint = (codepoint << 6) | (next & 0x3F);
    }
    constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (codepoint < kSmallest[length] || codepoint > 0x10FFFF || (codepoint >= 0xD800 && codepoint <= 0xDFFF))
      return false;
    i += length;
  }
  return true;
}

inline const std::shared_ptr<const bot::Engine>& engine() {
  static const std::shared_ptr<const bot::Engine> instance = [] {
    auto options = bot::EngineOptions::defaults();
    options.log = nullptr;
    return bot::Engine::open(options);
  }();
  return instance;
}

// The same engine behind the holder the adapters take (they read the snapshot a reload swaps).
inline const std::shared_ptr<const bot::EngineHolder>& engines() {
  static const auto instance = std::make_shared<const bot::EngineHolder>(engine());
  return instance;
}

}  // namespace fuzz
