// Scoring the bot on question sets (../shared/eval/README.md): the checks of
// ../shared/eval/score.py and the metrics around them, as pure functions over JSON values.
// No files, no engine: the `eval` command reads the sets and asks the engine; this module
// only judges the answer objects (bot::to_json) it gets back.
//
// Fidelity to score.py, which is the reference: every check, count and rate here equals
// score.py's on the same answers, and the reasons read like its MISS lines. Where the two
// can differ, only on inputs outside the contract:
//   - case folding ("mentions", "tools") is ASCII-only, where score.py uses str.lower();
//     they differ only when a text or an expected word holds non-ASCII capitals;
//   - an answer field of the wrong JSON kind (a string `data`, an object `data.tools`)
//     counts as absent, where score.py would crash or iterate the characters.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace evaluation {

// One question of a set: a line of dev.jsonl, or one turn of a dialog.
struct Question {
  std::string text;
  std::string intent;               // the right intent
  std::vector<std::string> alt;     // other intents that are right too
  boost::json::object entities;     // empty: entities are not checked
  boost::json::object expect;       // keys salary, roles, tools, mentions, no_salary
};

// What is asked in one conversation: a single question, or a dialog's turns in order.
struct Session {
  std::vector<Question> questions;
  bool dialog = false;
};

// Reads one line of a question set. Throws std::invalid_argument saying which field is
// wrong when the line does not have the README's shape (so a broken set fails loudly
// instead of scoring nonsense). Unknown keys are ignored, as score.py ignores them.
Session parse_session(const boost::json::value& line);

// score.py's check_entities: every wanted entity is in `got` (the answer's "entities")
// with that value; a list wants each of its values among the answer's; a number is compared
// within 1e-6 (with the first element of a list answer). nullopt when all hold, else why not.
std::optional<std::string> check_entities(const boost::json::object& want, const boost::json::value& got);

// score.py's check_answer: every key of `expect` holds for `answer` (an answer object).
// `expect` must have parse_session's shape (else boost throws). nullopt or why not.
std::optional<std::string> check_answer(const boost::json::object& expect, const boost::json::object& answer);

// The verdict on one answer, as score.py reaches it.
struct Outcome {
  std::string got;                          // the answer's intent name ("None" when absent)
  bool intent_right = false;                // got is the intent or one of the alternatives
  std::optional<std::string> why;           // wrong intent, or the answer is an error
  std::optional<std::string> entity_error;  // only when the question lists entities
  std::optional<std::string> answer_error;  // a failed expectation, or `why`
  double confidence = 0;                    // the answer's intent confidence
  bool clarified = false;                   // the answer asked back (data.clarify) instead of guessing
  bool passed() const { return intent_right && !answer_error; }
  // score.py's MISS reason ("intent help, want salary.factors [entity city missing]"),
  // or nullopt when nothing was missed.
  std::optional<std::string> miss() const;
};

// Judges `answer` (an answer object; {"error": "..."} when asking failed) for `question`.
Outcome judge(const Question& question, const boost::json::object& answer);

// How often each wanted intent got each intent. An accepted alternative counts as the
// wanted intent, so the diagonal gives score.py's intent accuracy.
class Confusion {
 public:
  void add(const std::string& want, const std::string& got, int count = 1);
  int count(const std::string& want, const std::string& got) const;
  // Every intent seen, wanted or got, sorted.
  std::vector<std::string> labels() const;
  const std::map<std::pair<std::string, std::string>, int>& cells() const { return cells_; }

 private:
  std::map<std::pair<std::string, std::string>, int> cells_;  // (want, got) → count
};

struct IntentScore {
  std::string intent;
  double precision = 0, recall = 0, f1 = 0;  // 0 where undefined (nothing predicted / wanted)
  int support = 0;                           // how often it was wanted
};

// Precision, recall, F1 and support of every label, in label order.
std::vector<IntentScore> per_intent(const Confusion& confusion);
// Unweighted mean over all labels (sklearn's "macro avg"); intent "macro avg".
IntentScore macro_average(const std::vector<IntentScore>& scores);
// Mean weighted by support ("weighted avg"); its support is the total.
IntentScore weighted_average(const std::vector<IntentScore>& scores);

struct ConfusedPair {
  std::string want, got;
  int count = 0;
};
// The off-diagonal cells, most frequent first (ties by want, then got), at most `limit`.
std::vector<ConfusedPair> most_confused(const Confusion& confusion, std::size_t limit);

struct Count {
  int right = 0, total = 0;
  // right / total, and 0 for no total (score.py divides by max(total, 1)).
  double rate() const { return total > 0 ? static_cast<double>(right) / total : 0.0; }
};

// Calibration: how often an answer given at a confidence is right, in buckets of 0.1 from
// 0.5 up (below 0.5 is one bucket). bucket_of(0.77) is the 0.7–0.8 bucket.
inline constexpr std::size_t kConfidenceBuckets = 6;  // <0.5, 0.5, 0.6, 0.7, 0.8, 0.9–1.0
std::size_t bucket_of(double confidence);
// "0.7–0.8", "<0.5", "0.9–1.0"
std::string bucket_label(std::size_t bucket);

struct Miss {
  std::string text, why;
  bool in_dialog = false;
};

// The totals of score.py plus the confusion. Single questions make the intent, entity and
// answer counts and the confusion; dialog turns count only in `turns` (right intent and
// answer), but their misses are listed too.
struct Report {
  Count intents, entities, answers, turns;
  std::array<Count, kConfidenceBuckets> calibration;  // single questions' answers by confidence
  int clarifications = 0;                             // answers that asked back, dialog turns included
  Confusion confusion;
  std::vector<Miss> misses;

  void add(const Question& question, const Outcome& outcome, bool in_dialog);
  int passed() const { return answers.right + turns.right; }
  int failed() const { return answers.total + turns.total - passed(); }
};

// Minimum rates in [0, 1]; 0 accepts anything.
struct Thresholds {
  double intent = 0, answer = 0, turns = 0;
};

// One line per threshold the report falls short of ("intent accuracy 41.0% < 80.0%");
// empty when all are met.
std::vector<std::string> unmet(const Report& report, const Thresholds& thresholds);

// Python's repr() of a JSON value as score.py would print it once parsed ('a', None, True,
// 10.0, ['x']), and str(), which is repr() except that a string is itself.
std::string python_repr(const boost::json::value& value);
std::string python_str(const boost::json::value& value);

}  // namespace evaluation
