#include "adapters/sessions/redis_endpoint.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>
#include <stdexcept>

namespace adapters::sessions {
namespace {

constexpr std::string_view kScheme = "redis://";

[[noreturn]] void fail(const std::string& what) {
  throw std::invalid_argument("not a Redis URL redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]: " + what);
}

template <class Number>
Number parse_number(std::string_view text, Number low, Number high, const char* what) {
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < low || value > high)
    fail(std::string(what) + " must be a number from " + std::to_string(low) + " to " + std::to_string(high));
  return value;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text, const char* what) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    const int high = i + 2 < text.size() ? hex_digit(text[i + 1]) : -1;
    const int low = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
    if (high < 0 || low < 0) fail(std::string("a % in the ") + what + " must start two hex digits (%40 for @)");
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

bool is_host_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

bool is_ipv6_char(char c) { return hex_digit(c) >= 0 || c == ':' || c == '.'; }

}  // namespace

RedisEndpoint RedisEndpoint::parse(std::string_view url) {
  if (url.starts_with("rediss://")) fail("TLS (rediss://) is not supported; use a TLS proxy such as stunnel");
  if (!url.starts_with(kScheme)) fail("it must start with redis://");
  std::string_view rest = url.substr(kScheme.size());
  if (rest.find_first_of("?#") != std::string_view::npos)
    fail("query parameters and fragments are not supported (in a password write ? as %3F, # as %23)");

  RedisEndpoint endpoint;
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    const std::string_view database = rest.substr(slash + 1);
    if (!database.empty())
      endpoint.database = parse_number<int>(database, 0, std::numeric_limits<int>::max(), "the database");
  }

  // The last @ ends the user information, so a password may hold a raw @.
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    const std::string_view user_info = authority.substr(0, at);
    authority = authority.substr(at + 1);
    const auto colon = user_info.find(':');
    if (colon == std::string_view::npos) fail("the part before @ must be USER:PASSWORD or :PASSWORD");
    endpoint.username = percent_decode(user_info.substr(0, colon), "user name");
    endpoint.password = percent_decode(user_info.substr(colon + 1), "password");
    if (endpoint.password.empty()) fail("the password before @ is empty");
  }

  std::optional<std::string_view> port;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) fail("an IPv6 address must end with ]");
    endpoint.host = authority.substr(1, close - 1);
    if (endpoint.host.empty() || !std::all_of(endpoint.host.begin(), endpoint.host.end(), is_ipv6_char))
      fail("the IPv6 address is not valid");
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && !after.starts_with(':')) fail("only :PORT may follow an IPv6 address");
    if (!after.empty()) port = after.substr(1);
  } else {
    const auto colon = authority.find(':');
    endpoint.host = authority.substr(0, colon);
    if (endpoint.host.empty()) fail("the host is missing");
    if (!std::all_of(endpoint.host.begin(), endpoint.host.end(), is_host_name_char))
      fail("the host may hold only letters, digits, '.', '-' and '_'");
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (port) endpoint.port = parse_number<unsigned short>(*port, 1, 65535, "the port");
  return endpoint;
}

}  // namespace adapters::sessions
