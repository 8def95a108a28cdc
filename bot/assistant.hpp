// The one place where a conversation turn happens: the conversation is loaded from the store,
// the engine snapshot answers, the learning loop records the answer, the conversation is saved.
// Every adapter (WebSocket, HTTP, Slack, Discord) answers through it; none calls the engine or
// the store itself.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "bot/answer.hpp"
#include "bot/conversation.hpp"
#include "bot/conversation_store.hpp"
#include "bot/engine_holder.hpp"
#include "bot/learning_recorder.hpp"

namespace bot {

// One answered question, and how long the engine took for it (for the adapters' metrics).
struct Turn {
  Answer answer;
  std::chrono::nanoseconds took{};
};

// Thread safety: every member may be called from any number of threads at once. The engine
// snapshot is read once per turn, so a reload in the middle of a turn never mixes two.
// ask(), resume() and forget() wait for the store: with a store that may block (Redis), an
// adapter on an I/O thread runs them through submit().
class Assistant {
 public:
  // Runs `work` on a thread of its own, soon; false, without running it, when it cannot take
  // more (its queue is full).
  using Offload = std::function<bool(std::function<void()> work)>;

  // `engines` may be null or hold no engine: ask() and help() then answer nothing until one is
  // there. `store` must not be null. `learning` may be null (learning off). `offload` is where
  // submit() runs work when the store may block; without one it runs on the caller's thread.
  Assistant(std::shared_ptr<const EngineHolder> engines, std::shared_ptr<ConversationStore> store,
            std::shared_ptr<LearningRecorder> learning = nullptr, Offload offload = {});

  // The turn of `question` in the conversation stored under `key` (none stored: a new one),
  // from `channel`; the conversation is saved after it. Empty when there is no engine yet.
  std::optional<Turn> ask(Channel channel, std::string_view key, std::string_view question) const;
  // The same for a conversation the caller holds (a WebSocket connection keeps its own): it is
  // continued in place and saved under `key`, which is not read.
  std::optional<Turn> ask(Channel channel, std::string_view key, Conversation& conversation,
                          std::string_view question) const;
  // The help answer (what the bot can do), for an empty question; no conversation. Empty when
  // there is no engine yet.
  std::optional<Answer> help() const;

  // The conversation stored under `key`, if any (to resume a connection's session).
  std::optional<Conversation> resume(std::string_view key) const;
  // Forgets the conversation under `key`.
  void forget(std::string_view key) const;

  // Whether the store may block (a network store): then turns belong off the I/O threads.
  bool store_may_block() const { return store_may_block_; }
  // Runs `work` (which calls ask, resume or forget) where waiting for the store harms no one:
  // at once on the calling thread when the store never blocks or there is no offload, else on
  // the offload's threads. False, with `work` not run, when the offload is full: the caller
  // then answers that it is busy.
  bool submit(std::function<void()> work) const;

  // What it shares with the rest of the server (reloads, metrics, feedback); never null but learning().
  const std::shared_ptr<const EngineHolder>& engines() const { return engines_; }
  const std::shared_ptr<ConversationStore>& store() const { return store_; }
  // Null when learning is off.
  const std::shared_ptr<LearningRecorder>& learning() const { return learning_; }

 private:
  const std::shared_ptr<const EngineHolder> engines_;
  const std::shared_ptr<ConversationStore> store_;
  const std::shared_ptr<LearningRecorder> learning_;
  const Offload offload_;
  const bool store_may_block_;
};

}  // namespace bot
