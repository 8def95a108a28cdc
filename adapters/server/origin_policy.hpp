// Which web pages may talk to the server: the CORS allow-list, also applied to WebSocket
// upgrades (browsers apply no CORS to WebSockets, so the Origin check is the defence).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace adapters::server {

// Immutable after construction; allows() may be called from any thread.
class OriginPolicy {
 public:
  // `allowed`: origins as browsers send them ("https://example.com:8443"), compared without
  // regard to case; "*" allows every origin.
  explicit OriginPolicy(std::vector<std::string> allowed);

  // True when a request with this Origin header (empty when there is none: not a browser)
  // and this Host header may be served: no Origin, the same origin as Host, a localhost
  // origin, or one on the list.
  bool allows(std::string_view origin, std::string_view host) const;

 private:
  std::vector<std::string> allowed_;  // lower case
  bool any_ = false;
};

}  // namespace adapters::server
