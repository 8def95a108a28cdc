// Slack's request checks: the form decoding of slash commands and the v0 signature check.
// Input: the X-Slack-Request-Timestamp header, a newline, the X-Slack-Signature header, a
// newline, then the body.
#include <string>

#include "adapters/slack/form_decode.hpp"
#include "adapters/slack/request_signature.hpp"
#include "fuzz_support.hpp"

namespace {

// Slack's documented test secret and the time of its example request (the seeds hold it),
// plus a little, so that its signature is still fresh.
constexpr std::string_view kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr std::int64_t kNow = 1531420618 + 60;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = fuzz::lines(fuzz::as_text(data, size), 3);
  if (parts.size() < 3) return 0;
  const auto timestamp = parts[0], signature = parts[1], body = parts[2];

  const auto form = adapters::slack::decode_form(body);
  // A decoded value is never longer than what encoded it.
  for (const auto& [name, value] : form) FUZZ_CHECK(name.size() + value.size() <= body.size());

  using adapters::slack::SignatureCheck;
  const auto check = adapters::slack::verify_signature(kSecret, timestamp, signature, body, kNow);
  (void)adapters::slack::to_string(check);
  // Only the right signature passes; the right one passes whenever the timestamp is fresh.
  const auto expected = adapters::slack::compute_signature(kSecret, timestamp, body);
  if (check == SignatureCheck::ok) FUZZ_CHECK(signature == expected);
  const auto recheck = adapters::slack::verify_signature(kSecret, timestamp, expected, body, kNow);
  FUZZ_CHECK(recheck == SignatureCheck::ok || recheck == SignatureCheck::malformed ||
             recheck == SignatureCheck::stale || recheck == SignatureCheck::missing);
  return 0;
}
