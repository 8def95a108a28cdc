// The server's work per WebSocket message without the socket: parse the frame, answer, save
// the conversation, serialize the reply. `build/tests/bench/bench_chat_protocol`.
// With bench_engine it splits a server answer's cost between the engine and the protocol;
// chat_message_learning adds the learning recorder (what --learning off saves), and
// chat_message_learning_queue_only the recorder's part on the answering thread alone.
#include <unistd.h>

#include <array>
#include <filesystem>

#include <benchmark/benchmark.h>

#include "adapters/server/chat_protocol.hpp"
#include "bot/engine_holder.hpp"
#include "bot/learning_recorder.hpp"
#include "bot/learning_store.hpp"
#include "bot/memory_conversation_store.hpp"

namespace {

// The learning file of chat_message_learning, removed at exit.
struct LearningFile {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("mlops-bot-bench-learning-" + std::to_string(getpid()) + ".db");
  ~LearningFile() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }
};

// learning: none, the recorder as serve makes it, or one whose writer never runs during the
// measurement (what the answering thread alone pays, without the writer beside it).
enum class Learning { off, on, queue_only };

adapters::server::SharedState make_state(Learning learning) {
  static LearningFile file;
  auto options = bot::EngineOptions::defaults();
  options.log = nullptr;
  adapters::server::ServerConfig config;
  config.rate_per_second = 0;
  config.log_level = adapters::server::LogLevel::off;
  auto store = std::make_shared<bot::MemoryConversationStore>(config.max_sessions, config.session_idle);
  auto engines = std::make_shared<const bot::EngineHolder>(bot::Engine::open(options));
  bot::LearningOptions learning_options;
  if (learning == Learning::queue_only) {
    learning_options.batch = learning_options.queue_limit + 1;  // never full: only the hour wakes the writer
    learning_options.flush_interval = std::chrono::hours(1);
  }
  auto recorder = learning == Learning::off
                      ? nullptr
                      : std::make_shared<bot::LearningRecorder>(
                            std::make_shared<bot::LearningStore>(file.path, bot::LearningLimits{}), learning_options);
  return adapters::server::SharedState(config, engines, store, {}, nullptr, recorder);
}

adapters::server::SharedState& shared_state() {
  static adapters::server::SharedState state = make_state(Learning::off);
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

void run_mix(benchmark::State& state, adapters::server::SharedState& shared) {
  adapters::server::ChatState chat("bench", bot::Conversation{}, shared.config());
  std::size_t next = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(adapters::server::handle_chat_message(shared, chat, kMix[next], false));
    next = (next + 1) % kMix.size();
  }
}

void chat_message(benchmark::State& state) { run_mix(state, shared_state()); }

void chat_message_learning(benchmark::State& state) {
  static adapters::server::SharedState shared = make_state(Learning::on);
  run_mix(state, shared);
}

void chat_message_learning_queue_only(benchmark::State& state) {
  static adapters::server::SharedState shared = make_state(Learning::queue_only);
  run_mix(state, shared);
}

}  // namespace

BENCHMARK(chat_message);
BENCHMARK(chat_message_learning);
BENCHMARK(chat_message_learning_queue_only);

BENCHMARK_MAIN();
