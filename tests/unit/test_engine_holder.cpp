// The engine snapshot's one owner and the reload around it: questions asked while snapshots
// swap are all answered, each from one snapshot; a reload that fails keeps the old one; one
// reload runs at a time, and requests made during one queue exactly one more.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

#include "bot/engine_holder.hpp"
#include "bot/knowledge_reloader.hpp"

namespace fs = std::filesystem;

namespace {

// A document naming a role the seed never names, with its pay by experience.
constexpr const char* kNewRoleDocument = R"(# Site Reliability Engineer Salary in India

Site reliability engineers (SREs) keep production systems fast and available.

## Salary at a glance

**Entry level (0–2 yrs):** ₹7–11 LPA. Junior SREs handle on-call rotations and runbooks.

**Mid level (3–5 yrs):** ₹14–23 LPA. Owns the reliability of a service.

**Senior (6–9 yrs):** ₹26–41 LPA. Leads incident reviews and capacity planning.
)";
constexpr const char* kNewRoleQuestion = "What does a site reliability engineer with 4 years earn?";

// A corpus folder and knowledge base of this process's own, removed with it.
class Knowledge {
 public:
  explicit Knowledge(const std::string& name, bool with_new_role)
      : folder_(fs::temp_directory_path() / ("mlops-bot-holder-" + name + "-" + std::to_string(getpid()))) {
    fs::remove_all(folder_);
    fs::create_directories(folder_ / "corpus");
    fs::copy(fs::path(MLOPS_BOT_SOURCE_DIR) / "knowledge/corpus", folder_ / "corpus");
    if (with_new_role) std::ofstream(folder_ / "corpus/site-reliability-engineer-salary-india.md") << kNewRoleDocument;
  }
  ~Knowledge() {
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }

  bot::EngineOptions options() const {
    auto options = bot::EngineOptions::defaults();
    options.corpus_dir = folder_ / "corpus";
    options.intents_dir = fs::path(MLOPS_BOT_SOURCE_DIR) / "intents/data";
    options.db_path = folder_ / "knowledge.db";
    options.log = nullptr;
    return options;
  }
  std::shared_ptr<const bot::Engine> open() const { return bot::Engine::open(options()); }
  fs::path corpus() const { return folder_ / "corpus"; }

 private:
  fs::path folder_;
};

// The seed alone, and the seed with the new role: opened once for the whole program.
const Knowledge& seed_knowledge() {
  static const Knowledge knowledge("seed", false);
  return knowledge;
}
const Knowledge& grown_knowledge() {
  static const Knowledge knowledge("grown", true);
  return knowledge;
}
std::shared_ptr<const bot::Engine> seed_engine() {
  static const auto engine = seed_knowledge().open();
  return engine;
}
std::shared_ptr<const bot::Engine> grown_engine() {
  static const auto engine = grown_knowledge().open();
  return engine;
}

// Whether the answer gives the new role's mid-level band.
bool gives_new_role_band(const bot::Answer& answer) {
  const auto* salary = answer.data.if_contains("salary");
  return answer.intent == "salary.estimate" && salary && salary->as_object().contains("min_lpa") &&
         salary->at("min_lpa").to_number<double>() == 14 && salary->at("max_lpa").to_number<double>() == 23;
}

bot::Answer ask(const bot::Engine& engine, const std::string& text) {
  bot::Conversation conversation;
  return engine.ask(conversation, text);
}

}  // namespace

TEST_CASE("EngineHolder: generations count the snapshots, and an old snapshot outlives its swap", "[engine_holder]") {
  bot::EngineHolder empty(nullptr);
  CHECK(empty.current() == nullptr);
  CHECK(empty.generation() == 0);
  CHECK_THROWS_AS(empty.replace(nullptr), std::invalid_argument);

  bot::EngineHolder holder(seed_engine());
  CHECK(holder.generation() == 1);
  const auto before = holder.current();
  CHECK(before.get() == seed_engine().get());
  CHECK(holder.replace(grown_engine()) == 2);
  CHECK(holder.generation() == 2);
  CHECK(holder.current().get() == grown_engine().get());
  // A question that took its snapshot before the swap is answered from it.
  CHECK_FALSE(gives_new_role_band(ask(*before, kNewRoleQuestion)));
  CHECK(gives_new_role_band(ask(*holder.current(), kNewRoleQuestion)));
}

TEST_CASE("EngineHolder: questions asked from several threads while snapshots swap all get an answer",
          "[engine_holder]") {
  const auto seed = seed_engine();
  const auto grown = grown_engine();
  bot::EngineHolder holder(seed);
  std::atomic<bool> stop{false};
  std::atomic<int> answered{0}, failed{0}, old_answers{0}, new_answers{0};
  std::vector<std::thread> askers;
  for (int i = 0; i < 4; ++i)
    askers.emplace_back([&] {
      while (!stop.load()) {
        try {
          const auto engine = holder.current();
          const auto answer = ask(*engine, kNewRoleQuestion);
          // Each answer comes whole from one snapshot: the seed's or the grown one's.
          if (engine == seed && !gives_new_role_band(answer) && answer.intent == "out_of_scope")
            ++old_answers;
          else if (engine == grown && gives_new_role_band(answer))
            ++new_answers;
          else
            ++failed;
          ++answered;
        } catch (...) {
          ++failed;
        }
      }
    });
  std::uint64_t generation = 1;
  for (int swap = 0; swap < 40; ++swap) {
    const int seen = answered.load();
    // Swap only once the askers have answered a few from the current snapshot.
    while (answered.load() < seen + 4) std::this_thread::yield();
    CHECK(holder.replace(swap % 2 == 0 ? grown : seed) == ++generation);
  }
  holder.replace(grown);
  const int seen = answered.load();
  while (answered.load() < seen + 8) std::this_thread::yield();
  stop = true;
  for (auto& asker : askers) asker.join();
  CHECK(failed == 0);
  CHECK(old_answers > 0);
  CHECK(new_answers > 0);
  CHECK(gives_new_role_band(ask(*holder.current(), kNewRoleQuestion)));
}

TEST_CASE("KnowledgeReloader: a good build is swapped in, a failed one keeps the old snapshot and says why",
          "[engine_holder]") {
  auto holder = std::make_shared<bot::EngineHolder>(seed_engine());
  std::vector<bot::ReloadResult> heard;
  bool fail = false;
  bot::KnowledgeReloader reloader(
      holder,
      [&]() -> std::shared_ptr<const bot::Engine> {
        if (fail) throw std::runtime_error("no documents (.md, .txt, .html, .pdf) in /srv/corpus");
        return grown_engine();
      },
      [&](const bot::ReloadResult& result) { heard.push_back(result); });

  std::promise<bot::ReloadResult> first;
  REQUIRE(reloader.try_start("test", [&](const bot::ReloadResult& result) { first.set_value(result); }));
  const auto done = first.get_future().get();
  CHECK(done.ok);
  CHECK(done.error.empty());
  CHECK(done.generation == 2);
  CHECK(done.documents == grown_engine()->knowledge_summary().documents);
  CHECK(done.documents == seed_engine()->knowledge_summary().documents + 1);
  CHECK(holder->current().get() == grown_engine().get());

  fail = true;
  std::promise<bot::ReloadResult> second;
  REQUIRE(reloader.try_start("test", [&](const bot::ReloadResult& result) { second.set_value(result); }));
  const auto failed = second.get_future().get();
  CHECK_FALSE(failed.ok);
  CHECK(failed.error.find("no documents") != std::string::npos);
  CHECK(failed.generation == 2);
  CHECK(failed.documents == done.documents);
  CHECK(holder->current().get() == grown_engine().get());
  CHECK(gives_new_role_band(ask(*holder->current(), kNewRoleQuestion)));

  reloader.wait();
  const auto status = reloader.status();
  CHECK(status.succeeded == 1);
  CHECK(status.failed == 1);
  CHECK_FALSE(status.running);
  REQUIRE(status.last);
  CHECK_FALSE(status.last->ok);
  CHECK(heard.size() == 2);
}

TEST_CASE("KnowledgeReloader: one reload at a time, and requests during one queue exactly one more",
          "[engine_holder]") {
  auto holder = std::make_shared<bot::EngineHolder>(seed_engine());
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> entered;
  std::atomic<int> builds{0};
  bot::KnowledgeReloader reloader(holder, [&]() -> std::shared_ptr<const bot::Engine> {
    if (builds.fetch_add(1) == 0) {
      entered.set_value();
      released.wait();  // the first build holds until the test has made its requests
    }
    return grown_engine();
  });
  REQUIRE(reloader.try_start("first", {}));
  entered.get_future().wait();
  CHECK(reloader.status().running);
  CHECK_FALSE(reloader.try_start("second", [](const bot::ReloadResult&) { FAIL("a refused reload was run"); }));
  for (int i = 0; i < 5; ++i) reloader.request("queued");
  release.set_value();
  reloader.wait();
  CHECK(builds == 2);
  CHECK(holder->generation() == 3);
  const auto status = reloader.status();
  CHECK(status.succeeded == 2);
  CHECK_FALSE(status.running);
  REQUIRE(status.last);
  CHECK(status.last->trigger == "queued");

  // Idle again: a request starts one at once.
  reloader.request("later");
  reloader.wait();
  CHECK(builds == 3);
  CHECK(holder->generation() == 4);
}
