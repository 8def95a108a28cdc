// Discord's interaction signature: Ed25519 over the X-Signature-Timestamp bytes followed by
// the raw body, checked with the application's public key (libsodium); and the age of that
// timestamp, so a captured request cannot be replayed for ever.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace adapters::discord {

// Requests whose timestamp is further than this from now are refused. Discord documents no
// window; this is Slack's, and Discord sends a request within its 3 s to answer.
inline constexpr std::int64_t kMaxTimestampAgeSeconds = 300;

enum class InteractionCheck { ok, missing, malformed, stale, mismatch };

std::string_view to_string(InteractionCheck check);

class InteractionVerifier {
 public:
  // Empty when `public_key_hex` is not 64 hex digits (or libsodium cannot start).
  static std::optional<InteractionVerifier> from_hex(std::string_view public_key_hex);

  // True only for a well-formed signature (128 hex digits) that matches; the timestamp is
  // taken as bytes. Thread safety: const, callable concurrently.
  bool verify(std::string_view signature_hex, std::string_view timestamp, std::string_view body) const;

  // A request's X-Signature-Ed25519 / X-Signature-Timestamp pair at `now` (Unix seconds): empty
  // headers → missing; a timestamp that is not a decimal integer → malformed; one further than
  // kMaxTimestampAgeSeconds from now → stale; then verify(). Pure: no clock, no I/O.
  InteractionCheck check(std::string_view signature_hex, std::string_view timestamp, std::string_view body,
                         std::int64_t now) const;

 private:
  explicit InteractionVerifier(const std::array<unsigned char, 32>& key) : public_key_(key) {}
  std::array<unsigned char, 32> public_key_;
};

}  // namespace adapters::discord
