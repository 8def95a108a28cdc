#include "adapters/common/url.hpp"

#include <charconv>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace adapters {

std::optional<Url> Url::parse(std::string_view text) {
  namespace urls = boost::urls;
  const auto parsed = urls::parse_uri(text);
  if (!parsed) return std::nullopt;
  const urls::url_view& url = *parsed;
  // Boost.URL 1.81 takes what follows a bad port or an IPv6 address ("host:80x", "[::1]x") for
  // a path; after an authority a path starts with "/".
  if (!url.encoded_path().empty() && !url.encoded_path().starts_with('/')) return std::nullopt;
  Url result;
  switch (url.scheme_id()) {
    case urls::scheme::https:
    case urls::scheme::wss:
      result.tls = true;
      break;
    case urls::scheme::http:
    case urls::scheme::ws:
      break;
    default:
      return std::nullopt;
  }
  result.scheme = urls::to_string(url.scheme_id());
  if (!url.has_authority() || url.has_userinfo()) return std::nullopt;
  if (url.host_type() == urls::host_type::ipvfuture || url.host_type() == urls::host_type::none) return std::nullopt;
  result.host = url.encoded_host_address();  // IPv6 without its brackets
  if (result.host.empty()) return std::nullopt;
  if (url.has_port()) {
    if (!port_from_text(url.port())) return std::nullopt;
    result.port = url.port();
  } else {
    result.port = result.tls ? "443" : "80";
  }
  result.target = url.encoded_path().empty() ? "/" : std::string(url.encoded_path());
  if (url.has_query()) result.target += "?" + std::string(url.encoded_query());
  return result;
}

std::optional<unsigned short> port_from_text(std::string_view text) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value == 0 || value > 65535)
    return std::nullopt;
  return static_cast<unsigned short>(value);
}

Url Url::with_path(std::string_view path) const {
  Url joined = *this;
  if (!joined.target.empty() && joined.target.back() == '/' && !path.empty() && path.front() == '/')
    joined.target.pop_back();
  joined.target += path;
  return joined;
}

std::string Url::host_literal() const {
  // Only an IPv6 address holds a colon.
  return host.find(':') == std::string::npos ? host : "[" + host + "]";
}

std::string Url::authority() const { return host_literal() + ":" + port; }

}  // namespace adapters
