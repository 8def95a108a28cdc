// Rebuilding the knowledge while the engine answers: one reload at a time, on a thread of its
// own, swapped into the EngineHolder only when the whole build succeeded. No sockets, no Asio:
// the adapters (a signal, an HTTP route, a folder watch) decide when to ask.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "bot/engine_holder.hpp"

namespace bot {

struct ReloadResult {
  bool ok = false;
  std::string trigger;           // what asked for it, for the log: "SIGHUP", "POST /admin/reload", ...
  std::uint64_t generation = 0;  // the generation answering once it finished: the old one when it failed
  int documents = 0;             // the documents of that generation
  std::string error;             // why the build failed; empty when ok
  std::chrono::system_clock::time_point finished;
  std::chrono::milliseconds took{0};
};

struct ReloadStatus {
  std::uint64_t succeeded = 0, failed = 0;
  bool running = false;
  std::optional<ReloadResult> last;  // empty until a reload has finished
};

// Thread safety: every member may be called from any thread. A reload runs Build on a thread
// of its own (never an I/O thread: a large corpus takes seconds), then replace()s the engine;
// when Build throws, the old engine keeps answering and the result says why.
class KnowledgeReloader {
 public:
  // Builds a complete new engine (e.g. Engine::open with the serving options), or throws a
  // std::exception saying why it cannot.
  using Build = std::function<std::shared_ptr<const Engine>()>;
  // Hears of a finished reload, on the reload's thread; must not throw, and must not hold the
  // last reference to this reloader.
  using Done = std::function<void(const ReloadResult&)>;

  // `on_finished` (may be empty) hears of every reload, before the `done` of the one that asked.
  KnowledgeReloader(std::shared_ptr<EngineHolder> engines, Build build, Done on_finished = {});
  ~KnowledgeReloader();  // waits for a running reload, and the ones queued after it
  KnowledgeReloader(const KnowledgeReloader&) = delete;
  KnowledgeReloader& operator=(const KnowledgeReloader&) = delete;

  // Starts a reload unless one is running: then false, and `done` is never called (the caller
  // answers "busy"). Otherwise `done` hears of this reload once it finished.
  bool try_start(std::string trigger, Done done);
  // Starts a reload or, while one is running, queues one more to run after it: requests made
  // meanwhile make one reload, so a change that came during a build is never missed.
  void request(std::string trigger);
  // Blocks until no reload is running or queued.
  void wait();

  ReloadStatus status() const;
  const EngineHolder& engines() const { return *engines_; }

 private:
  // With mutex_ held and running_ false; returns the previous reload's thread, to join unlocked.
  std::thread launch(std::string trigger, Done done);
  void run(std::string trigger, Done done);     // the reload thread
  // A new engine, or null when the build failed; fills in `result` but its generation when it succeeded.
  std::shared_ptr<const Engine> build_once(ReloadResult& result) const;

  const std::shared_ptr<EngineHolder> engines_;
  const Build build_;
  const Done on_finished_;

  mutable std::mutex mutex_;
  std::condition_variable idle_;
  bool running_ = false;
  std::optional<std::string> queued_;  // the trigger of the reload to run after the running one
  std::uint64_t succeeded_ = 0, failed_ = 0;
  std::optional<ReloadResult> last_;
  std::thread worker_;  // the current or last reload's thread
};

}  // namespace bot
