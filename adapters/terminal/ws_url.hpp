// ws[s]://host[:port][/path] as the terminal client and the load generator take it.
#pragma once

#include <optional>
#include <string_view>

#include "adapters/common/url.hpp"

namespace adapters::terminal {

// A WebSocket URL is a Url (adapters/common/url.hpp) with the scheme ws or wss.
using WsUrl = Url;

// Empty for anything but a ws:// or wss:// URL with a host and a numeric port (1-65535).
std::optional<WsUrl> parse_ws_url(std::string_view url);

}  // namespace adapters::terminal
