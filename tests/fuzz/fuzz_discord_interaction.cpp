// Discord's interactions endpoint: the Ed25519 check, then the parsing and answering of the
// interaction. Input: the request body; the harness signs it with its own key, as Discord
// would, so the bytes reach the parser, and checks that a forged signature over it fails.
#include <array>
#include <ctime>
#include <string>

#include <sodium.h>

#include "adapters/discord/interaction_signature.hpp"
#include "adapters/discord/interactions_handler.hpp"
#include "bot/memory_conversation_store.hpp"
#include "fuzz_support.hpp"

namespace {

namespace http = boost::beast::http;

struct Signer {
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret_key{};

  Signer() {
    FUZZ_CHECK(sodium_init() >= 0);
    const std::array<unsigned char, crypto_sign_SEEDBYTES> seed{1, 2, 3};  // fixed: runs are reproducible
    crypto_sign_seed_keypair(public_key.data(), secret_key.data(), seed.data());
  }

  std::string public_key_hex() const {
    std::array<char, 2 * crypto_sign_PUBLICKEYBYTES + 1> hex{};
    return sodium_bin2hex(hex.data(), hex.size(), public_key.data(), public_key.size());
  }

  std::string sign(std::string_view timestamp, std::string_view body) const {
    const std::string message = std::string(timestamp) + std::string(body);
    std::array<unsigned char, crypto_sign_BYTES> signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), secret_key.data());
    std::array<char, 2 * crypto_sign_BYTES + 1> hex{};
    return sodium_bin2hex(hex.data(), hex.size(), signature.data(), signature.size());
  }
};

adapters::HttpRequest request(std::string_view body, const std::string& timestamp, const std::string& signature) {
  adapters::HttpRequest request{http::verb::post, "/discord/interactions", 11};
  request.set("X-Signature-Ed25519", signature);
  request.set("X-Signature-Timestamp", timestamp);
  request.body() = std::string(body);
  request.prepare_payload();
  return request;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Signer signer;
  static const auto verifier = adapters::discord::InteractionVerifier::from_hex(signer.public_key_hex());
  static const auto handler = [] {
    adapters::discord::DiscordConfig config;
    config.public_key = signer.public_key_hex();
    adapters::AdapterServices services;
    services.log = std::make_shared<adapters::JsonLog>(adapters::LogLevel::off);
    return adapters::discord::make_discord_adapter(
        config,
        std::make_shared<bot::Assistant>(
            fuzz::engines(), std::make_shared<bot::MemoryConversationStore>(1000, std::chrono::seconds(60))),
        services);
  }();
  const auto body = fuzz::as_text(data, size);
  // Now, so that a check of the timestamp's age lets the signed request through.
  const auto timestamp = std::to_string(std::time(nullptr));
  const auto signature = signer.sign(timestamp, body);

  const auto signed_response = handler->handle(request(body, timestamp, signature));
  FUZZ_CHECK(signed_response.result() == http::status::ok || signed_response.result() == http::status::bad_request);

  // A forged signature, or the right one over a stale timestamp, is refused with 401.
  std::string forged = signature;
  forged[size % forged.size()] = forged[size % forged.size()] == '0' ? '1' : '0';
  FUZZ_CHECK(handler->handle(request(body, timestamp, forged)).result() == http::status::unauthorized);
  const auto stale = std::to_string(std::time(nullptr) - 2 * adapters::discord::kMaxTimestampAgeSeconds);
  FUZZ_CHECK(handler->handle(request(body, stale, signer.sign(stale, body))).result() == http::status::unauthorized);
  FUZZ_CHECK(verifier && verifier->verify(signature, timestamp, body));
  FUZZ_CHECK(!verifier->verify(forged, timestamp, body));
  return 0;
}
