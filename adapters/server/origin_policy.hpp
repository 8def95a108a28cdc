// Which web pages may talk to the server: the CORS allow-list, also applied to WebSocket
// upgrades (browsers apply no CORS to WebSockets, so the Origin check is the defence).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace adapters::server {

// Immutable after construction; allows() may be called from any thread.
//
// The Host header plays no part: a page on a DNS-rebinding name (rebind.evil.example resolving
// to this server) sends Host and Origin that agree, so "the same origin as Host" would let any
// site in. The server's own pages are allowed by naming their origin in `public_origins`.
class OriginPolicy {
 public:
  // `allowed`: other sites' origins as browsers send them ("https://example.com:8443"), "*"
  // for every origin; `public_origins`: the origins this server's own pages are served at.
  // Both compared without regard to case.
  explicit OriginPolicy(const std::vector<std::string>& allowed, const std::vector<std::string>& public_origins = {});

  // True when a request with this Origin header (empty when there is none: not a browser) may
  // be served: no Origin, a loopback origin (localhost, 127.0.0.1, [::1], any port), a public
  // or an allowed origin.
  bool allows(std::string_view origin) const;

  // True for an origin as a setting may name one: http:// or https://, a host, an optional port,
  // nothing after them but an optional "/".
  static bool is_origin(std::string_view text);

 private:
  std::vector<std::string> allowed_;  // lower case
  bool any_ = false;
};

}  // namespace adapters::server
