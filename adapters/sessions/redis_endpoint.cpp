#include "adapters/sessions/redis_endpoint.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <stdexcept>
#include <string>

#include <boost/url/parse.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/url_view.hpp>

#include "adapters/common/url.hpp"

namespace adapters::sessions {
namespace {

namespace urls = boost::urls;

constexpr std::string_view kScheme = "redis://";

[[noreturn]] void fail(const std::string& what) {
  throw std::invalid_argument("not a Redis URL redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]: " + what);
}

int parse_database(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0)
    fail("the database must be a number from 0 to " + std::to_string(std::numeric_limits<int>::max()));
  return value;
}

bool is_host_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

// The user information ends at the last @ of the authority, so that a password may hold a raw
// @, which RFC 3986 does not allow: the @s before it are escaped for Boost.URL.
std::string escape_raw_at_signs(std::string_view url) {
  const auto authority_end = std::min(url.find('/', kScheme.size()), url.size());
  const auto last_at = url.substr(0, authority_end).rfind('@');
  std::string escaped(url);
  if (last_at == std::string_view::npos || last_at < kScheme.size()) return escaped;
  escaped.clear();
  for (std::size_t i = 0; i < url.size(); ++i) {
    if (url[i] == '@' && i >= kScheme.size() && i < last_at)
      escaped += "%40";
    else
      escaped += url[i];
  }
  return escaped;
}

// What is wrong with a URL Boost.URL refused, told from its parts without repeating them.
[[noreturn]] void fail_unparsed(std::string_view url) {
  std::string_view authority = url.substr(kScheme.size());
  authority = authority.substr(0, authority.find('/'));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    if (!urls::make_pct_string_view(authority.substr(0, at)))
      fail("a % in the user name or password must start two hex digits (%40 for @)");
    authority = authority.substr(at + 1);
  }
  if (authority.starts_with('[')) fail("an IPv6 address must be written [ADDRESS], followed by nothing or :PORT");
  if (authority.find(':') != std::string_view::npos) fail("the port must be a number from 1 to 65535");
  fail("the host may hold only letters, digits, '.', '-' and '_'");
}

}  // namespace

RedisEndpoint RedisEndpoint::parse(std::string_view url) {
  if (url.starts_with("rediss://")) fail("TLS (rediss://) is not supported; use a TLS proxy such as stunnel");
  if (!url.starts_with(kScheme)) fail("it must start with redis://");
  if (url.find_first_of("?#") != std::string_view::npos)
    fail("query parameters and fragments are not supported (in a password write ? as %3F, # as %23)");
  const std::string escaped = escape_raw_at_signs(url);
  const auto parsed = urls::parse_uri(escaped);
  // Boost.URL 1.81 takes what follows a bad port or an IPv6 address ("host:80x", "[::1]x") for
  // a path; after an authority a path starts with "/".
  if (!parsed || (!parsed->encoded_path().empty() && !parsed->encoded_path().starts_with('/')))
    fail_unparsed(escaped);
  const urls::url_view& view = *parsed;

  RedisEndpoint endpoint;
  if (view.has_userinfo()) {
    if (!view.has_password()) fail("the part before @ must be USER:PASSWORD or :PASSWORD");
    endpoint.username = view.user();
    endpoint.password = view.password();
    if (endpoint.password.empty()) fail("the password before @ is empty");
  }

  if (view.encoded_host().empty()) fail("the host is missing");
  switch (view.host_type()) {
    case urls::host_type::ipv4:
    case urls::host_type::ipv6:
      endpoint.host = view.encoded_host_address();  // IPv6 without its brackets
      break;
    case urls::host_type::name:
      endpoint.host = view.encoded_host();
      if (!std::all_of(endpoint.host.begin(), endpoint.host.end(), is_host_name_char))
        fail("the host may hold only letters, digits, '.', '-' and '_'");
      break;
    default:
      fail("an IPv6 address must be written [ADDRESS], followed by nothing or :PORT");
  }
  if (view.has_port()) {
    const auto port = port_from_text(view.port());
    if (!port) fail("the port must be a number from 1 to 65535");
    endpoint.port = *port;
  }

  std::string_view database = view.encoded_path();
  if (database.starts_with('/')) database.remove_prefix(1);
  if (!database.empty()) endpoint.database = parse_database(database);
  return endpoint;
}

}  // namespace adapters::sessions
