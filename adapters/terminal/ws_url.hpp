// ws[s]://host[:port][/path] as the terminal client and the load generator take it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace adapters::terminal {

struct WsUrl {
  bool tls = false;  // wss://: WebSocket over TLS
  std::string host;
  std::string port = "80";   // 443 for wss:// when the URL names none
  std::string target = "/";  // path and query

  // "host:port" as the Host header and messages write it ([::1]:8080 for IPv6).
  std::string authority() const;
};

// Empty for anything but a ws:// or wss:// URL with a host and a numeric port (1-65535).
std::optional<WsUrl> parse_ws_url(std::string_view url);

}  // namespace adapters::terminal
