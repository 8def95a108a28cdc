// What the engine does with each intent besides matching it, as intents/data/intents.json says:
// each intent's "traits", and the "engine_intents" the engine chooses by itself. The C++ names
// no intent outside the handler registry (bot/handlers/registry.cpp); it reads these instead.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace intents {

// How the engine treats an intent's questions; each flag is a word of the intent's "traits".
struct IntentTraits {
  // "topic": a later turn may build on its entities ("and with 8 years?", "what about Pune?").
  bool topic = false;
  // "role": about one role: "they" is the conversation's role, and a role the documents never
  // name makes the question out of scope.
  bool role = false;
  // "pay": about pay figures: a bare number in a follow-up is years, a subject the documents do
  // not know makes the question out of scope, a figure's label may name the role, and "how does
  // that compare with X?" after it asks for the comparison.
  bool pay = false;
  // "gathers_roles": a follow-up's newly named roles join the earlier ones (a comparison).
  bool gathers_roles = false;
  // "yields_to_tool_group": a question that names one of the documents' tool groups by its own
  // words asks for those tools instead ("which vector databases should I know?").
  bool yields_to_tool_group = false;
};

// The intents the engine picks outside the rules; each is one of the data's intents.
struct EngineIntents {
  std::string help;          // an empty message, and Engine::help()
  std::string out_of_scope;  // the documents do not cover the question
  std::string topic;         // no rule fired, but the passages match the question
  std::string tool_group;    // a question that names a tool group of the documents
  std::string compare;       // "how does that compare with X?" after a pay answer
  std::string estimate;      // pay abroad for a role whose figure the documents state in that currency
};

// Immutable after load(); safe to read from any thread.
class IntentCatalogue {
 public:
  // Reads the "traits" of every intent and the "engine_intents" of `intents_json`. Throws
  // std::runtime_error naming the file and what is wrong: an unknown trait or key, a value of
  // the wrong type, an engine intent missing or not declared under "intents".
  static IntentCatalogue load(const std::filesystem::path& intents_json);

  // The intent's traits, or nullptr when the data does not declare it.
  const IntentTraits* traits(std::string_view intent) const;
  // Every declared intent, in data-file order.
  const std::vector<std::string>& names() const { return names_; }
  const EngineIntents& engine_intents() const { return engine_intents_; }

 private:
  std::vector<std::string> names_;
  std::map<std::string, IntentTraits, std::less<>> traits_;
  EngineIntents engine_intents_;
};

}  // namespace intents
