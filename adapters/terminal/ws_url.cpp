#include "adapters/terminal/ws_url.hpp"

#include <charconv>

namespace adapters::terminal {

std::string WsUrl::authority() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + port;
}

std::optional<WsUrl> parse_ws_url(std::string_view url) {
  WsUrl result;
  if (url.starts_with("wss://")) {
    result.tls = true;
    result.port = "443";
    url.remove_prefix(6);
  } else if (url.starts_with("ws://")) {
    url.remove_prefix(5);
  } else {
    return std::nullopt;
  }
  const auto path = url.find_first_of("/?");
  std::string_view authority = url.substr(0, path);
  if (path != std::string_view::npos) {
    result.target = url.substr(path);
    if (result.target.front() == '?') result.target.insert(0, "/");
  }
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
  unsigned port = 0;
  const auto [end, error] = std::from_chars(result.port.data(), result.port.data() + result.port.size(), port);
  if (result.host.empty() || error != std::errc{} || end != result.port.data() + result.port.size() || port == 0 ||
      port > 65535)
    return std::nullopt;
  return result;
}

}  // namespace adapters::terminal
