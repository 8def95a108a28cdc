#include "adapters/terminal/ws_url.hpp"

namespace adapters::terminal {

std::optional<WsUrl> parse_ws_url(std::string_view url) {
  constexpr std::string_view kScheme = "ws://";
  if (!url.starts_with(kScheme)) return std::nullopt;
  url.remove_prefix(kScheme.size());
  WsUrl result;
  const auto slash = url.find('/');
  std::string_view authority = url.substr(0, slash);
  if (slash != std::string_view::npos) result.target = url.substr(slash);
  // [::1]:8080 keeps its brackets out of the host name.
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    result.host = authority.substr(1, close - 1);
    authority.remove_prefix(close + 1);
    if (!authority.empty()) {
      if (authority.front() != ':') return std::nullopt;
      result.port = authority.substr(1);
    }
  } else {
    const auto colon = authority.rfind(':');
    result.host = authority.substr(0, colon);
    if (colon != std::string_view::npos) result.port = authority.substr(colon + 1);
  }
  if (result.host.empty() || result.port.empty() || result.port.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return result;
}

}  // namespace adapters::terminal
