#include "adapters/server/origin_policy.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "adapters/common/url.hpp"

namespace adapters::server {
namespace {

std::string lower(std::string_view text) {
  std::string result(text);
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return result;
}

// An http or https URL with nothing after its authority but an optional "/": what a browser
// sends as Origin, or what a setting names as one.
std::optional<Url> parse_origin(std::string_view text) {
  auto url = Url::parse(text);
  if (!url || url->tls != (url->scheme == "https") || (url->scheme != "http" && url->scheme != "https") ||
      url->target != "/" || text.find('#') != std::string_view::npos)
    return std::nullopt;
  return url;
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

bool OriginPolicy::is_origin(std::string_view text) { return parse_origin(text).has_value(); }

bool OriginPolicy::allows(std::string_view origin) const {
  if (origin.empty() || any_) return true;
  const std::string normalized = lower(origin);
  if (std::find(allowed_.begin(), allowed_.end(), normalized) != allowed_.end()) return true;
  // "null" (sandboxed pages, files) and other schemes are not origins.
  const auto url = parse_origin(normalized);
  return url && (url->host == "localhost" || url->host == "127.0.0.1" || url->host == "::1");
}

}  // namespace adapters::server
