// Who a connection or request comes from, for the per-client limits: the peer's address, or,
// when the peer is a trusted proxy, the address its X-Forwarded-For names.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address.hpp>
#include <boost/beast/http/fields.hpp>

namespace adapters::server {

// The unit the per-client limits count: an IPv4 address, or an IPv6 /64 (one subscriber's
// network: an IPv6 client can pick any address in it). An IPv4-mapped IPv6 address counts as
// its IPv4 address.
struct ClientKey {
  std::array<unsigned char, 16> bytes{};
  bool operator==(const ClientKey&) const = default;
};

ClientKey client_key(const boost::asio::ip::address& address);

// A list of address ranges ("10.0.0.0/8", "192.168.1.7", "fd00::/8"). Immutable; contains()
// may be called from any thread.
class AddressRanges {
 public:
  AddressRanges() = default;
  // Comma- or space-separated CIDR ranges or single addresses; empty: none. Throws
  // std::invalid_argument naming the first item that is not one.
  static AddressRanges parse(std::string_view list);

  bool contains(const boost::asio::ip::address& address) const;
  bool empty() const { return ranges_.empty(); }

 private:
  struct Range {
    std::array<unsigned char, 16> bytes;  // IPv4 as IPv4-mapped IPv6
    unsigned prefix;                      // bits of `bytes` that must match, 0..128
  };
  std::vector<Range> ranges_;
};

// The address a request comes from. When `peer` is in `trusted`, X-Forwarded-For is read from
// its last (nearest) entry backwards, skipping trusted proxies: the first other address is the
// client. When there is no such header, or an entry is not an address, the nearest trusted hop
// is the answer, so that a malformed header never lets a client choose its own key.
boost::asio::ip::address client_address(const boost::asio::ip::address& peer, const boost::beast::http::fields& headers,
                                        const AddressRanges& trusted);

}  // namespace adapters::server

template <>
struct std::hash<adapters::server::ClientKey> {
  std::size_t operator()(const adapters::server::ClientKey& key) const noexcept;
};
