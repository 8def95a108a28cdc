#include "adapters/slack/request_signature.hpp"

#include <charconv>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace adapters::slack {

std::string compute_signature(std::string_view signing_secret, std::string_view timestamp, std::string_view body) {
  std::string base;
  base.reserve(4 + timestamp.size() + body.size());
  base.append("v0:").append(timestamp).append(":").append(body);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  HMAC(EVP_sha256(), signing_secret.data(), static_cast<int>(signing_secret.size()),
       reinterpret_cast<const unsigned char*>(base.data()), base.size(), digest, &digest_size);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string signature = "v0=";
  for (unsigned int i = 0; i < digest_size; ++i) {
    signature += kHex[digest[i] >> 4];
    signature += kHex[digest[i] & 0x0f];
  }
  return signature;
}

SignatureCheck verify_signature(std::string_view signing_secret, std::string_view timestamp, std::string_view signature,
                                std::string_view body, std::int64_t now) {
  if (timestamp.empty() || signature.empty()) return SignatureCheck::missing;
  std::int64_t sent = 0;
  const auto [end, error] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), sent);
  if (error != std::errc() || end != timestamp.data() + timestamp.size()) return SignatureCheck::malformed;
  // Only v0 exists; any other version is refused rather than guessed at.
  if (!signature.starts_with("v0=")) return SignatureCheck::malformed;
  // Compared without subtracting `sent`, which may be any int64 (now - INT64_MIN overflows).
  if (sent > now + kMaxSignatureAgeSeconds || sent < now - kMaxSignatureAgeSeconds) return SignatureCheck::stale;
  const std::string expected = compute_signature(signing_secret, timestamp, body);
  if (signature.size() != expected.size() || CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0)
    return SignatureCheck::mismatch;
  return SignatureCheck::ok;
}

std::string_view to_string(SignatureCheck check) {
  switch (check) {
    case SignatureCheck::ok:
      return "ok";
    case SignatureCheck::missing:
      return "missing";
    case SignatureCheck::malformed:
      return "malformed";
    case SignatureCheck::stale:
      return "stale";
    case SignatureCheck::mismatch:
      return "mismatch";
  }
  return "unknown";
}

}  // namespace adapters::slack
