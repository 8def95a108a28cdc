// The whole question path, Engine::ask, over the project's knowledge base, and the answer's
// JSON. Input: a conversation, one question per line (at most 8 turns), so follow-ups that
// lean on the earlier turns are reached too.
#include <boost/json.hpp>

#include "bot/answer.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& engine = fuzz::engine();
  bot::Conversation conversation;
  for (const auto question : fuzz::lines(fuzz::as_text(data, size), 8)) {
    auto answer = engine->ask(conversation, question);
    // docs/answer.md: every answer names its intent, with a confidence in [0, 1], and says something.
    FUZZ_CHECK(!answer.intent.empty());
    FUZZ_CHECK(answer.confidence >= 0 && answer.confidence <= 1);
    FUZZ_CHECK(!answer.text.empty());
    const auto json = bot::serialize(bot::to_json(std::move(answer)));
    FUZZ_CHECK(boost::json::parse(json).is_object());
  }
  return 0;
}
