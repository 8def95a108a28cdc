#include "adapters/server/origin_policy.hpp"

#include <algorithm>
#include <cctype>

namespace adapters::server {
namespace {

std::string lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

// "localhost", "127.0.0.1" or "[::1]", with or without a port.
bool is_loopback_authority(std::string_view authority) {
  for (std::string_view name : {"localhost", "127.0.0.1", "[::1]"}) {
    if (authority == name) return true;
    if (authority.size() > name.size() && authority.starts_with(name) && authority[name.size()] == ':')
      return true;
  }
  return false;
}

}  // namespace

OriginPolicy::OriginPolicy(const std::vector<std::string>& allowed, const std::vector<std::string>& public_origins) {
  for (const auto* list : {&allowed, &public_origins}) {
    for (const auto& origin : *list) {
      if (origin == "*")
        any_ = true;
      else if (!origin.empty())
        // "https://bot.example.com/" as written in a setting is the origin browsers send without the slash.
        allowed_.push_back(lower(origin.ends_with('/') ? std::string_view(origin).substr(0, origin.size() - 1)
                                                       : std::string_view(origin)));
    }
  }
}

bool OriginPolicy::is_origin(std::string_view text) {
  if (text.starts_with("http://"))
    text.remove_prefix(7);
  else if (text.starts_with("https://"))
    text.remove_prefix(8);
  else
    return false;
  if (text.ends_with('/')) text.remove_suffix(1);
  return !text.empty() && text.find_first_of("/?#@ ") == std::string_view::npos;
}

bool OriginPolicy::allows(std::string_view origin) const {
  if (origin.empty() || any_) return true;
  const std::string normalized = lower(origin);
  if (std::find(allowed_.begin(), allowed_.end(), normalized) != allowed_.end()) return true;
  std::string_view authority = normalized;
  if (authority.starts_with("http://"))
    authority.remove_prefix(7);
  else if (authority.starts_with("https://"))
    authority.remove_prefix(8);
  else
    return false;  // "null" (sandboxed pages, files) and other schemes
  return is_loopback_authority(authority);
}

}  // namespace adapters::server
