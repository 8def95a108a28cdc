// Slack's v0 request signature: HMAC-SHA256 over "v0:" + timestamp + ":" + raw body, keyed
// with the app's signing secret (api.slack.com/authentication/verifying-requests-from-slack).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace adapters::slack {

// Requests whose timestamp is further than this from now are refused (replay protection).
inline constexpr std::int64_t kMaxSignatureAgeSeconds = 300;

enum class SignatureCheck { ok, missing, malformed, stale, mismatch };

// "v0=" followed by the lowercase hex HMAC of the base string.
std::string compute_signature(std::string_view signing_secret, std::string_view timestamp, std::string_view body);

// Checks the X-Slack-Request-Timestamp / X-Slack-Signature pair of a request against `body`
// (the exact bytes received) at time `now` (Unix seconds). Empty headers → missing. The
// comparison is constant-time. Pure: no clock, no I/O.
SignatureCheck verify_signature(std::string_view signing_secret, std::string_view timestamp, std::string_view signature,
                                std::string_view body, std::int64_t now);

std::string_view to_string(SignatureCheck check);

}  // namespace adapters::slack
