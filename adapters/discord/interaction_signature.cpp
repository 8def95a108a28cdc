#include "adapters/discord/interaction_signature.hpp"

#include <charconv>
#include <string>

#include <sodium.h>

namespace adapters::discord {
namespace {

// Decodes exactly `size` bytes of hex into `out`; false for any other length or a bad digit.
bool decode_hex(std::string_view hex, unsigned char* out, std::size_t size) {
  if (hex.size() != 2 * size) return false;
  std::size_t written = 0;
  return sodium_hex2bin(out, size, hex.data(), hex.size(), nullptr, &written, nullptr) == 0 && written == size;
}

}  // namespace

std::optional<InteractionVerifier> InteractionVerifier::from_hex(std::string_view public_key_hex) {
  // sodium_init() is idempotent and thread-safe; a negative result means no usable RNG, which
  // verification does not need, but libsodium then refuses to promise anything.
  if (sodium_init() < 0) return std::nullopt;
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> key{};
  if (!decode_hex(public_key_hex, key.data(), key.size())) return std::nullopt;
  return InteractionVerifier(key);
}

bool InteractionVerifier::verify(std::string_view signature_hex, std::string_view timestamp,
                                 std::string_view body) const {
  unsigned char signature[crypto_sign_BYTES];
  if (timestamp.empty() || !decode_hex(signature_hex, signature, sizeof signature)) return false;
  std::string message;
  message.reserve(timestamp.size() + body.size());
  message.append(timestamp).append(body);
  return crypto_sign_verify_detached(signature, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     public_key_.data()) == 0;
}

InteractionCheck InteractionVerifier::check(std::string_view signature_hex, std::string_view timestamp,
                                            std::string_view body, std::int64_t now) const {
  if (timestamp.empty() || signature_hex.empty()) return InteractionCheck::missing;
  std::int64_t sent = 0;
  const auto [end, error] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), sent);
  if (error != std::errc() || end != timestamp.data() + timestamp.size()) return InteractionCheck::malformed;
  // Compared without subtracting `sent`, which may be any int64 (now - INT64_MIN overflows).
  if (sent > now + kMaxTimestampAgeSeconds || sent < now - kMaxTimestampAgeSeconds) return InteractionCheck::stale;
  return verify(signature_hex, timestamp, body) ? InteractionCheck::ok : InteractionCheck::mismatch;
}

std::string_view to_string(InteractionCheck check) {
  switch (check) {
    case InteractionCheck::ok:
      return "ok";
    case InteractionCheck::missing:
      return "missing";
    case InteractionCheck::malformed:
      return "malformed";
    case InteractionCheck::stale:
      return "stale";
    case InteractionCheck::mismatch:
      return "mismatch";
  }
  return "unknown";
}

}  // namespace adapters::discord
