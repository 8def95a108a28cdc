#include "bot/learning_record.hpp"

#include <array>

namespace bot {
namespace {

constexpr std::array<std::string_view, 5> kChannels{"ws", "http", "slack", "discord", "terminal"};
constexpr std::array<std::string_view, 5> kMisses{"", "out_of_scope", "low_confidence", "clarify", "unhelpful"};

}  // namespace

std::string_view channel_name(Channel channel) { return kChannels[static_cast<std::size_t>(channel)]; }

std::optional<Channel> channel_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kChannels.size(); ++i)
    if (kChannels[i] == name) return static_cast<Channel>(i);
  return std::nullopt;
}

std::string_view miss_name(Miss miss) { return kMisses[static_cast<std::size_t>(miss)]; }

std::string normalize_for_grouping(std::string_view question) {
  std::string normalized;
  normalized.reserve(question.size());
  bool space = false;
  for (const char c : question) {
    const auto byte = static_cast<unsigned char>(c);
    const bool word = byte >= 0x80 || (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
                      (byte >= 'A' && byte <= 'Z');
    if (!word) {
      space = !normalized.empty();
      continue;
    }
    if (space) normalized += ' ';
    space = false;
    normalized += (byte >= 'A' && byte <= 'Z') ? static_cast<char>(byte - 'A' + 'a') : c;
  }
  return normalized;
}

}  // namespace bot
