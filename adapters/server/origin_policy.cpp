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

OriginPolicy::OriginPolicy(std::vector<std::string> allowed) {
  for (const auto& origin : allowed) {
    if (origin == "*")
      any_ = true;
    else if (!origin.empty())
      allowed_.push_back(lower(origin));
  }
}

bool OriginPolicy::allows(std::string_view origin, std::string_view host) const {
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
  if (is_loopback_authority(authority)) return true;
  return !host.empty() && authority == lower(host);
}

}  // namespace adapters::server
