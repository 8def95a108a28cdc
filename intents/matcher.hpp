// Decides what a question asks: one RE2::Set pass finds the concepts it contains, then each
// intent's rules (intents/data/intents.json) score them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "intents/ask_back.hpp"
#include "intents/entities.hpp"

namespace boost::json {
class value;
}

namespace re2 {
class RE2;
}

namespace intents {

struct Classification {
  std::string intent;             // empty when no rule fired
  double score = 0;               // the best rule's weight
  double runner_up = 0;           // the best score of any other intent
  double confidence = 0;          // in [0, 1]: grows with the score and the margin
  bool follow_up_marker = false;  // "and ...", "what about ...": leans on the previous turn
  bool own_subject = false;       // the text names what it asks about (a role, tool, topic...)
  bool question_form = false;     // worded as a question ("what ...", "can someone ...", "kya ...")
  // Set when the best intent and another of an ask_back pair both scored at least min_score and
  // within the pair's margin of each other: the question is a real fork. Points into the Matcher,
  // which outlives every Classification it returns.
  const AskBack* ask_back = nullptr;
  double ask_back_score = 0;  // the other intent's score, for the confidence of a question asked back
};

struct IntentExample {
  std::string intent;
  std::string text;
};

// Immutable after load(); classify() may be called from any thread.
class Matcher {
 public:
  // Compiles every pattern once. Throws std::runtime_error naming the file and the pattern
  // or rule that is wrong, or the key that is unknown or holds a value of the wrong type.
  static std::shared_ptr<const Matcher> load(const std::filesystem::path& intents_json);
  ~Matcher();

  // What the documents cover, for the rules that tell a question they answer from one they do
  // not: "@role_subject" holds when a question names a role a document is about ("@role_other"
  // when it names any other), "@company_type_documented" when it names a kind of company the
  // documents give pay for. Until the documents are read: the seed article's MLOps engineer.
  struct Coverage {
    std::set<std::string> subject_roles{"mlops_engineer"};
    std::set<std::string> company_types;
  };
  std::shared_ptr<const Matcher> with_coverage(Coverage coverage) const;

  Classification classify(std::string_view normalized, const Entities& entities) const;

  // A question sentence of a longer message that names no subject of its own ("what do they
  // do?", "what skills does this need?"): the subjects of `context` (the rest of the message,
  // normalized, and its entities) stand in for it; the context's asks never do.
  // `own_subject` in the result still describes `normalized` and `entities` alone.
  Classification classify(std::string_view normalized, const Entities& entities, std::string_view context,
                          const Entities& context_entities) const;

  // The names of the concepts `normalized` contains, entity ones included, in data-file order:
  // what a rule can see, for tests and for explaining a classification.
  std::vector<std::string> concepts(std::string_view normalized, const Entities& entities) const;

  // Below this score no rule is trusted and the knowledge search decides.
  double min_score() const { return min_score_; }
  // A follow-up keeps the previous intent unless a rule at least this strong fires.
  double follow_up_override() const { return follow_up_override_; }
  const std::vector<IntentExample>& examples() const { return examples_; }
  const std::vector<std::string>& intent_names() const { return intent_names_; }

  struct Impl;

 private:
  Matcher();
  static void load_ask_backs(const boost::json::value& spec, const std::string& where, Matcher& matcher);
  std::shared_ptr<Impl> impl_;  // shared by the copies with_subject_roles() makes
  Coverage coverage_;
  double min_score_ = 1.5;
  double follow_up_override_ = 3.0;
  std::vector<IntentExample> examples_;
  std::vector<std::string> intent_names_;
};

}  // namespace intents
