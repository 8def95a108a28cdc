// The engine: a question and a conversation in, an answer object out. No sockets, no Asio.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "bot/answer.hpp"
#include "bot/conversation.hpp"

namespace knowledge {
class KnowledgeBase;
}

namespace bot {

// Where the engine's data lives. Every field has a default (compiled in, or from the
// environment: MLOPS_BOT_CORPUS, MLOPS_BOT_INTENTS, MLOPS_BOT_DB, MLOPS_BOT_DICTIONARY).
struct EngineOptions {
  std::filesystem::path corpus_dir;
  std::filesystem::path intents_dir;
  std::filesystem::path db_path;
  // A word list (one word a line) of ordinary words the spelling corrector must leave alone;
  // Debian's wamerican. Optional: without it only the corpus and data words are known.
  std::filesystem::path dictionary;
  // Rebuild the knowledge base when it is missing or older than the corpus or intents data.
  bool rebuild_if_stale = true;
  // Build the knowledge base anew even when it is current (`mlops-bot index`). The old file
  // stays until the new one is complete, so a failed build loses nothing.
  bool rebuild = false;
  // Where to say that a rebuild happened (stderr by default; nullptr for silence).
  std::ostream* log = nullptr;
  // Called as a rebuild reads the documents: (files read, files in all); may be empty.
  std::function<void(std::size_t, std::size_t)> index_progress;

  static EngineOptions defaults();
};

// The longest question the engine reads; longer text is cut at a character boundary.
inline constexpr std::size_t kMaxQuestionBytes = 4096;

// What the knowledge base holds, for `mlops-bot index` and /readyz.
struct KnowledgeSummary {
  int documents = 0, passages = 0, roles = 0, salaries = 0, percentages = 0, tool_groups = 0, definitions = 0;
};

// Thrown by Engine::open when the data contradicts the program, such as an intent in
// intents.json that no handler answers: the data must change, so commands treat it as a
// usage error (exit 2), not as a failure of the program.
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An immutable snapshot of everything costly: the knowledge base, compiled patterns,
// prepared statements. Thread safety: ask() may be called from any number of threads at
// once without a global lock; each call touches only its own Conversation.
class Engine {
 public:
  // Opens (building if needed) the knowledge base and compiles the intents. Throws
  // std::runtime_error with a readable message when the data is missing or broken, DataError
  // when it names an intent without a handler.
  static std::shared_ptr<const Engine> open(const EngineOptions& options);

  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Answers `text` in the context of `conversation`, and updates it. Never throws for bad
  // input: empty, huge, invalid UTF-8 or hostile text gets an honest answer.
  Answer ask(Conversation& conversation, std::string_view text) const;

  // A help answer (what the bot can do), e.g. for an empty slash command.
  Answer help() const;

  KnowledgeSummary knowledge_summary() const;

  // The knowledge base this snapshot answers from (the `facts` and `index` commands list it).
  const knowledge::KnowledgeBase& knowledge() const;

  static std::string_view version();

 private:
  struct Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace bot
