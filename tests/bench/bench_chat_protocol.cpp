// The server's work per WebSocket message without the socket: parse the frame, answer, save
// the conversation, serialize the reply. `build/tests/bench/bench_chat_protocol`.
// With bench_engine it splits a server answer's cost between the engine and the protocol.
#include <array>

#include <benchmark/benchmark.h>

#include "adapters/server/chat_protocol.hpp"
#include "bot/engine_holder.hpp"
#include "bot/memory_conversation_store.hpp"

namespace {

adapters::server::SharedState& shared_state() {
  static adapters::server::SharedState state = [] {
    auto options = bot::EngineOptions::defaults();
    options.log = nullptr;
    adapters::server::ServerConfig config;
    config.rate_per_second = 0;
    config.log_level = adapters::server::LogLevel::off;
    auto store = std::make_shared<bot::MemoryConversationStore>(config.max_sessions, config.session_idle);
    auto engines = std::make_shared<const bot::EngineHolder>(bot::Engine::open(options));
    return adapters::server::SharedState(config, engines, store, {}, nullptr);
  }();
  return state;
}

// The mix of `mlops-bot bench` when it is given no question file.
constexpr std::array kMix = {
    R"({"type":"ask","id":1,"text":"What does an MLOps engineer with 3 years experience earn?"})",
    R"({"type":"ask","id":2,"text":"mlops vs devops pay"})",
    R"({"type":"ask","id":3,"text":"what is iaas"})",
    R"({"type":"ask","id":4,"text":"tools for model serving"})",
    R"({"type":"ask","id":5,"text":"hi"})",
};

void chat_message(benchmark::State& state) {
  auto& shared = shared_state();
  adapters::server::ChatState chat("bench", bot::Conversation{}, shared.config());
  std::size_t next = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(adapters::server::handle_chat_message(shared, chat, kMix[next], false));
    next = (next + 1) % kMix.size();
  }
}

}  // namespace

BENCHMARK(chat_message);

BENCHMARK_MAIN();
