// ws://host[:port][/path] as the terminal client and the load generator take it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace adapters::terminal {

struct WsUrl {
  std::string host;
  std::string port = "80";
  std::string target = "/";  // path and query
};

// Empty for anything but a ws:// URL (wss:// is not supported: put TLS in a proxy).
std::optional<WsUrl> parse_ws_url(std::string_view url);

}  // namespace adapters::terminal
