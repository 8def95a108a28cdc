#include "bot/assistant.hpp"

#include <stdexcept>

namespace bot {

Assistant::Assistant(std::shared_ptr<const EngineHolder> engines, std::shared_ptr<ConversationStore> store,
                     std::shared_ptr<LearningRecorder> learning, Offload offload)
    : engines_(engines ? std::move(engines) : std::make_shared<const EngineHolder>(nullptr)),
      store_(std::move(store)),
      learning_(std::move(learning)),
      offload_(std::move(offload)),
      store_may_block_(store_ && store_->may_block()) {
  if (!store_) throw std::invalid_argument("Assistant: no conversation store");
}

std::optional<Turn> Assistant::ask(Channel channel, std::string_view key, std::string_view question) const {
  // Checked before the load, so a server without an engine does not wait for the store.
  if (engines_->generation() == 0) return std::nullopt;
  Conversation conversation = store_->load(key).value_or(Conversation{});
  return ask(channel, key, conversation, question);
}

std::optional<Turn> Assistant::ask(Channel channel, std::string_view key, Conversation& conversation,
                                   std::string_view question) const {
  const auto engine = engines_->current();
  if (!engine) return std::nullopt;
  const auto started = std::chrono::steady_clock::now();
  Turn turn{engine->ask(conversation, question), {}};
  turn.took = std::chrono::steady_clock::now() - started;
  if (learning_) learning_->answered(channel, question, turn.answer, turn.took);
  // Saved after every answer, so the next question (on any replica sharing the store) goes on from here.
  store_->save(key, conversation);
  return turn;
}

std::optional<Answer> Assistant::help() const {
  const auto engine = engines_->current();
  if (!engine) return std::nullopt;
  return engine->help();
}

std::optional<Conversation> Assistant::resume(std::string_view key) const { return store_->load(key); }

void Assistant::forget(std::string_view key) const { store_->erase(key); }

bool Assistant::submit(std::function<void()> work) const {
  if (!store_may_block_ || !offload_) {
    work();
    return true;
  }
  return offload_(std::move(work));
}

}  // namespace bot
