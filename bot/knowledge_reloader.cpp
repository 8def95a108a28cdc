#include "bot/knowledge_reloader.hpp"

#include <exception>
#include <stdexcept>

namespace bot {

KnowledgeReloader::KnowledgeReloader(std::shared_ptr<EngineHolder> engines, Build build, Done on_finished)
    : engines_(std::move(engines)), build_(std::move(build)), on_finished_(std::move(on_finished)) {
  if (!engines_ || !build_) throw std::invalid_argument("KnowledgeReloader: an engine holder and a build are needed");
}

KnowledgeReloader::~KnowledgeReloader() { wait(); }

bool KnowledgeReloader::try_start(std::string trigger, Done done) {
  std::thread previous;
  {
    std::lock_guard lock(mutex_);
    if (running_) return false;
    previous = launch(std::move(trigger), std::move(done));
  }
  if (previous.joinable()) previous.join();
  return true;
}

void KnowledgeReloader::request(std::string trigger) {
  std::thread previous;
  {
    std::lock_guard lock(mutex_);
    if (running_) {
      if (!queued_) queued_ = std::move(trigger);
      return;
    }
    previous = launch(std::move(trigger), {});
  }
  if (previous.joinable()) previous.join();
}

std::thread KnowledgeReloader::launch(std::string trigger, Done done) {
  running_ = true;
  // The previous reload's thread is done reloading (running_ was false), at most telling of its
  // result: the caller joins it outside the lock.
  std::thread previous = std::move(worker_);
  worker_ = std::thread(&KnowledgeReloader::run, this, std::move(trigger), std::move(done));
  return previous;
}

void KnowledgeReloader::wait() {
  std::thread last;
  {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return !running_; });
    last = std::move(worker_);
  }
  if (last.joinable()) last.join();
}

ReloadStatus KnowledgeReloader::status() const {
  std::lock_guard lock(mutex_);
  return {succeeded_, failed_, running_, last_};
}

void KnowledgeReloader::run(std::string trigger, Done done) {
  for (bool again = true; again;) {
    ReloadResult result;
    result.trigger = std::move(trigger);
    auto engine = build_once(result);
    // The snapshot answering until now, released only once the lock is: its last questions may
    // still hold it, and if not, closing it need not keep /metrics waiting.
    auto previous = engines_->current();
    {
      // Swapped in, counted, and the next reload allowed together and before anyone hears of it:
      // /metrics never shows the new generation with the old status, and a client told of this
      // reload may start another at once.
      std::lock_guard lock(mutex_);
      if (engine) result.generation = engines_->replace(std::move(engine));
      ++(result.ok ? succeeded_ : failed_);
      last_ = result;
      again = queued_.has_value();
      if (again) {
        trigger = std::move(*queued_);
        queued_.reset();
      } else {
        running_ = false;
      }
    }
    previous.reset();
    if (!again) idle_.notify_all();
    if (on_finished_) on_finished_(result);
    if (done) done(result);
    done = nullptr;
  }
}

std::shared_ptr<const Engine> KnowledgeReloader::build_once(ReloadResult& result) const {
  const auto started = std::chrono::steady_clock::now();
  std::shared_ptr<const Engine> engine;
  try {
    engine = build_();
    if (!engine) throw std::runtime_error("the build gave no engine");
    result.documents = engine->knowledge_summary().documents;
    result.ok = true;
  } catch (const std::exception& error) {
    engine.reset();
    result.error = error.what();
    if (result.error.empty()) result.error = "the build failed without saying why";
    // Only this thread replaces the engine: the current one and its generation belong together.
    const auto current = engines_->current();
    result.generation = engines_->generation();
    result.documents = current ? current->knowledge_summary().documents : 0;
  }
  result.finished = std::chrono::system_clock::now();
  result.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  return engine;
}

}  // namespace bot
