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
  std::lock_guard lock(mutex_);
  if (running_) return false;
  launch(std::move(trigger), std::move(done));
  return true;
}

void KnowledgeReloader::request(std::string trigger) {
  std::lock_guard lock(mutex_);
  if (running_) {
    if (!queued_) queued_ = std::move(trigger);
    return;
  }
  launch(std::move(trigger), {});
}

void KnowledgeReloader::launch(std::string trigger, Done done) {
  running_ = true;
  // The previous reload's thread has done its last work (running_ was false): joining it only
  // collects the thread.
  if (worker_.joinable()) worker_.join();
  worker_ = std::thread(&KnowledgeReloader::run, this, std::move(trigger), std::move(done));
}

void KnowledgeReloader::wait() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return !running_; });
  if (worker_.joinable()) worker_.join();
}

ReloadStatus KnowledgeReloader::status() const {
  std::lock_guard lock(mutex_);
  return {succeeded_, failed_, running_, last_};
}

void KnowledgeReloader::run(std::string trigger, Done done) {
  for (;;) {
    const ReloadResult result = reload_once(std::move(trigger));
    {
      // Counted before anyone hears of it, so /metrics agrees with a reload's answer.
      std::lock_guard lock(mutex_);
      ++(result.ok ? succeeded_ : failed_);
      last_ = result;
    }
    if (on_finished_) on_finished_(result);
    if (done) done(result);
    done = nullptr;
    std::lock_guard lock(mutex_);
    if (queued_) {
      trigger = std::move(*queued_);
      queued_.reset();
      continue;
    }
    running_ = false;
    idle_.notify_all();
    return;
  }
}

ReloadResult KnowledgeReloader::reload_once(std::string trigger) {
  ReloadResult result;
  result.trigger = std::move(trigger);
  const auto started = std::chrono::steady_clock::now();
  try {
    auto engine = build_();
    if (!engine) throw std::runtime_error("the build gave no engine");
    result.documents = engine->knowledge_summary().documents;
    result.generation = engines_->replace(std::move(engine));
    result.ok = true;
  } catch (const std::exception& error) {
    result.error = error.what();
    if (result.error.empty()) result.error = "the build failed without saying why";
    const auto current = engines_->current();
    result.generation = engines_->generation();
    result.documents = current ? current->knowledge_summary().documents : 0;
  }
  result.finished = std::chrono::system_clock::now();
  result.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  return result;
}

}  // namespace bot
