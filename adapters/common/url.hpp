// The one URL type of the adapters' outgoing connections (the Slack and Discord Web APIs, Socket
// Mode, the terminal client's and the load generator's WebSocket), parsed by Boost.URL. A host
// is kept without brackets whatever the URL: the resolver takes "::1", a Host header "[::1]".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace adapters {

// An absolute http, https, ws or wss URL split for connecting.
struct Url {
  bool tls = false;    // https or wss
  std::string scheme;  // "http", "https", "ws" or "wss"
  std::string host;    // a name, an IPv4 address, or an IPv6 address without brackets
  std::string port;    // the URL's, else the scheme's default (80, 443)
  std::string target = "/";  // path and query, at least "/"

  // Empty for anything that is not scheme://host[:port][/path][?query] with one of the four
  // schemes and a port from 1 to 65535; user information is refused, a fragment dropped.
  static std::optional<Url> parse(std::string_view text);
  // This URL with `path` appended to its target ("https://slack.com/api" + "/chat.postMessage").
  Url with_path(std::string_view path) const;
  // The host as a Host header or a message writes it: "[::1]" for an IPv6 address.
  std::string host_literal() const;
  // "host:port", with the host as host_literal() writes it ("[::1]:8080").
  std::string authority() const;
};

// A port as a URL writes it: 1 to 65535 in decimal digits, else empty. (Boost.URL 1.81's
// port_number() keeps only the low 16 bits: it reads 99999 as 34463.)
std::optional<unsigned short> port_from_text(std::string_view text);

}  // namespace adapters
