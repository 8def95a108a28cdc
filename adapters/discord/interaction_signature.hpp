// Discord's interaction signature: Ed25519 over the X-Signature-Timestamp bytes followed by
// the raw body, checked with the application's public key (libsodium).
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace adapters::discord {

class InteractionVerifier {
 public:
  // Empty when `public_key_hex` is not 64 hex digits (or libsodium cannot start).
  static std::optional<InteractionVerifier> from_hex(std::string_view public_key_hex);

  // True only for a well-formed signature (128 hex digits) that matches. Discord documents
  // no timestamp window, so none is applied. Thread safety: const, callable concurrently.
  bool verify(std::string_view signature_hex, std::string_view timestamp, std::string_view body) const;

 private:
  explicit InteractionVerifier(const std::array<unsigned char, 32>& key) : public_key_(key) {}
  std::array<unsigned char, 32> public_key_;
};

}  // namespace adapters::discord
