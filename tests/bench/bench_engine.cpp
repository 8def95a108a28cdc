// The cost of one answer, per intent, in process: `build/tests/bench/bench_engine`.
// Questions a rule answers should take microseconds; ones the knowledge search answers, tens.
#include <benchmark/benchmark.h>

#include "bot/engine.hpp"

namespace {

const bot::Engine& engine() {
  static const auto instance = [] {
    auto options = bot::EngineOptions::defaults();
    options.log = nullptr;
    return bot::Engine::open(options);
  }();
  return *instance;
}

void ask(benchmark::State& state, const char* question) {
  const auto& bot = engine();
  bot::Conversation conversation;
  for (auto _ : state) {
    conversation.reset();
    benchmark::DoNotOptimize(bot.ask(conversation, question));
  }
}

}  // namespace

// A rule answers these.
BENCHMARK_CAPTURE(ask, salary_estimate, "What does an MLOps engineer with 3 years in Bengaluru earn?");
BENCHMARK_CAPTURE(ask, salary_compare, "MLOps vs data scientist salary");
BENCHMARK_CAPTURE(ask, salary_factors, "What factors affect MLOps salary?");
BENCHMARK_CAPTURE(ask, salary_trends, "How fast are MLOps salaries growing?");
BENCHMARK_CAPTURE(ask, role_responsibilities, "What does an MLOps engineer do?");
BENCHMARK_CAPTURE(ask, role_skills, "What skills do I need to become an MLOps engineer?");
BENCHMARK_CAPTURE(ask, role_qualifications, "What qualifications do I need for MLOps?");
BENCHMARK_CAPTURE(ask, tools_list, "Name some model serving tools");
BENCHMARK_CAPTURE(ask, market_demand, "Which industries hire MLOps engineers?");
BENCHMARK_CAPTURE(ask, smalltalk_greet, "hi");
BENCHMARK_CAPTURE(ask, out_of_scope_rule, "Tell me a joke");
// The knowledge search answers these.
BENCHMARK_CAPTURE(ask, topic_explain, "What is IaaS?");
BENCHMARK_CAPTURE(ask, topic_explain_broad, "What is MLOps?");
BENCHMARK_CAPTURE(ask, topic_explain_search, "what storage options does iaas provide");
BENCHMARK_CAPTURE(ask, topic_explain_why, "Why is MLOps important?");
BENCHMARK_CAPTURE(ask, search_fallback_out_of_scope, "zxqv blorp frobnicate");
BENCHMARK_CAPTURE(ask, typo_fallback, "salry of mlops enginer with 2 yrs exp");

BENCHMARK_MAIN();
