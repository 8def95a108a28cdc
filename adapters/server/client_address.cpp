#include "adapters/server/client_address.hpp"

#include <charconv>
#include <optional>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>

namespace adapters::server {
namespace ip = boost::asio::ip;

namespace {

std::array<unsigned char, 16> as_v6_bytes(const ip::address& address) {
  if (address.is_v4()) return ip::make_address_v6(ip::v4_mapped, address.to_v4()).to_bytes();
  return address.to_v6().to_bytes();
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// One X-Forwarded-For entry: "203.0.113.7", "2001:db8::1", and the forms some proxies write
// with a port, "203.0.113.7:4711" and "[2001:db8::1]:4711". Empty when it is none of these.
std::optional<ip::address> forwarded_address(std::string_view entry) {
  if (entry.starts_with('[')) {
    const auto close = entry.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    entry = entry.substr(1, close - 1);
  } else if (const auto colon = entry.find(':');
             colon != std::string_view::npos && entry.find(':', colon + 1) == std::string_view::npos) {
    entry = entry.substr(0, colon);  // IPv4 with a port: an IPv6 address has two colons at least
  }
  boost::system::error_code ec;
  const auto address = ip::make_address(std::string(entry), ec);
  if (ec) return std::nullopt;
  return address;
}

}  // namespace

ClientKey client_key(const ip::address& address) {
  ClientKey key;
  if (address.is_v6() && !address.to_v6().is_v4_mapped()) {
    const auto bytes = address.to_v6().to_bytes();
    std::memcpy(key.bytes.data(), bytes.data(), 8);  // the /64; an IPv4-mapped key never has zeros in 10-11
  } else {
    key.bytes = as_v6_bytes(address);
  }
  return key;
}

AddressRanges AddressRanges::parse(std::string_view list) {
  AddressRanges result;
  while (!list.empty()) {
    const auto end = list.find_first_of(", ");
    const std::string_view item = list.substr(0, end);
    list = end == std::string_view::npos ? std::string_view{} : list.substr(end + 1);
    if (item.empty()) continue;

    const auto slash = item.find('/');
    boost::system::error_code ec;
    const auto address = ip::make_address(std::string(item.substr(0, slash)), ec);
    const unsigned width = !ec && address.is_v4() ? 32 : 128;
    unsigned prefix = width;
    if (slash != std::string_view::npos) {
      const auto digits = item.substr(slash + 1);
      const auto [rest, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
      if (digits.empty() || error != std::errc{} || rest != digits.data() + digits.size()) prefix = width + 1;
    }
    if (ec || prefix > width)
      throw std::invalid_argument("'" + std::string(item) +
                                  "' is not an address or a range such as 10.0.0.0/8 or fd00::/8");
    result.ranges_.push_back({as_v6_bytes(address), prefix + (width == 32 ? 96 : 0)});
  }
  return result;
}

bool AddressRanges::contains(const ip::address& address) const {
  if (ranges_.empty()) return false;
  const auto bytes = as_v6_bytes(address);
  for (const auto& range : ranges_) {
    const unsigned whole = range.prefix / 8, bits = range.prefix % 8;
    if (std::memcmp(bytes.data(), range.bytes.data(), whole) != 0) continue;
    if (bits == 0) return true;
    const auto mask = static_cast<unsigned char>(0xff << (8 - bits));
    if ((bytes[whole] & mask) == (range.bytes[whole] & mask)) return true;
  }
  return false;
}

ip::address client_address(const ip::address& peer, const boost::beast::http::fields& headers,
                           const AddressRanges& trusted) {
  if (!trusted.contains(peer)) return peer;
  // Header lines in order, then each line's entries: together one list, read from its end.
  std::vector<std::string_view> entries;
  const auto [first, last] = headers.equal_range("X-Forwarded-For");
  for (auto field = first; field != last; ++field) {
    std::string_view line = field->value();
    while (!line.empty()) {
      const auto comma = line.find(',');
      entries.push_back(trim(line.substr(0, comma)));
      line = comma == std::string_view::npos ? std::string_view{} : line.substr(comma + 1);
    }
  }
  ip::address nearest = peer;
  for (auto entry = entries.rbegin(); entry != entries.rend(); ++entry) {
    const auto address = forwarded_address(*entry);
    if (!address) break;
    nearest = *address;
    if (!trusted.contains(nearest)) break;
  }
  return nearest;
}

}  // namespace adapters::server

std::size_t std::hash<adapters::server::ClientKey>::operator()(const adapters::server::ClientKey& key) const noexcept {
  // Seeded per process: the keys are chosen by clients, who must not be able to aim them all
  // at one bucket of the table.
  static const std::uint64_t seed = (std::uint64_t{std::random_device{}()} << 32) | std::random_device{}();
  std::uint64_t high, low;
  std::memcpy(&high, key.bytes.data(), 8);
  std::memcpy(&low, key.bytes.data() + 8, 8);
  std::uint64_t hash = (high ^ seed) * 0x9e3779b97f4a7c15ULL;
  hash = (hash ^ (hash >> 29) ^ low) * 0xbf58476d1ce4e5b9ULL;
  return static_cast<std::size_t>(hash ^ (hash >> 32));
}
