#include "adapters/terminal/ws_url.hpp"

namespace adapters::terminal {

std::optional<WsUrl> parse_ws_url(std::string_view url) {
  auto parsed = Url::parse(url);
  if (!parsed || (parsed->scheme != "ws" && parsed->scheme != "wss")) return std::nullopt;
  return parsed;
}

}  // namespace adapters::terminal
