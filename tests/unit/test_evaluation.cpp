// evaluation/: the checks of ../shared/eval/score.py and the metrics around them.
// The expected reasons are the ones score.py prints for the same answers.
#include <optional>
#include <stdexcept>
#include <string>

#include <boost/json.hpp>
// Lets failures print the std::optional reasons instead of "{?}".
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include <catch2/catch.hpp>

#include "evaluation/evaluation.hpp"

namespace json = boost::json;
using namespace evaluation;

namespace {

json::object object(const char* text) { return json::parse(text).as_object(); }

struct Case {
  const char* name;
  const char* want;  // `expect` for check_answer, `entities` for check_entities
  const char* got;   // the answer object, or its `entities`
  std::optional<std::string> why;  // nullopt: the check passes
};

}  // namespace

TEST_CASE("check_answer passes right answers and says why wrong ones fail") {
  const Case cases[] = {
      {"salary band matches", R"({"salary": [10, 20]})",
       R"({"data": {"salary": {"min_lpa": 10.0, "max_lpa": 20.0}}})", std::nullopt},
      {"salary band within 0.01", R"({"salary": [10, 20]})",
       R"({"data": {"salary": {"min_lpa": 10.005, "max_lpa": 19.995}}})", std::nullopt},
      {"salary band off by 0.02", R"({"salary": [10, 20]})",
       R"({"data": {"salary": {"min_lpa": 10.02, "max_lpa": 20}}})", "salary: want 10-20, got 10.02-20"},
      {"salary band differs", R"({"salary": [10, 20]})",
       R"({"data": {"salary": {"min_lpa": 6.0, "max_lpa": 10}}})", "salary: want 10-20, got 6.0-10"},
      {"salary band only as a table", R"({"salary": [10, 20]})",
       R"({"data": {"salary": {"bands": []}}})", "salary: want 10-20, got None-None"},
      {"no data at all", R"({"salary": [6, 10]})", R"({"text": "6-10 LPA"})",
       "salary: want 6-10, got None-None"},
      // score.py reads `min_lpa or -1`, so a 0 bound never matches.
      {"a zero bound is read as -1", R"({"salary": [0, 5]})",
       R"({"data": {"salary": {"min_lpa": 0, "max_lpa": 5}}})", "salary: want 0-5, got 0-5"},
      {"roles all compared", R"({"roles": ["mlops_engineer", "cloud_engineer"]})",
       R"({"data": {"comparison": [{"role": "cloud_engineer", "min_lpa": 8}, {"role": "mlops_engineer"}]}})",
       std::nullopt},
      {"a role missing", R"({"roles": ["mlops_engineer", "ml_engineer"]})",
       R"({"data": {"comparison": [{"role": "mlops_engineer"}]}})", "comparison lacks ['ml_engineer']"},
      {"no comparison", R"({"roles": ["ml_engineer"]})", R"({"data": {}})", "comparison lacks ['ml_engineer']"},
      {"tools case-insensitive", R"({"tools": ["mlflow", "DVC"]})",
       R"({"data": {"tools": ["MLflow", "dvc", "Kubeflow"]}})", std::nullopt},
      {"a tool missing", R"({"tools": ["MLflow", "Jenkins"]})", R"({"data": {"tools": ["MLflow"]}})",
       "tools lack ['Jenkins']"},
      {"mentions case-insensitive", R"({"mentions": ["LPA", "mnc"]})",
       R"({"text": "At an **MNC**: ₹10–20 lpa."})", std::nullopt},
      {"a mention missing", R"({"mentions": ["LPA", "MNC"]})", R"({"text": "₹10–20 LPA"})",
       "text does not mention 'MNC'"},
      {"no_salary kept", R"({"no_salary": true})", R"({"text": "MLOps is ...", "data": {"salary": {}}})",
       std::nullopt},
      {"no_salary but LPA in the text", R"({"no_salary": true})", R"({"text": "about 10 Lpa"})",
       "gives a salary where it should not"},
      {"no_salary but a comparison", R"({"no_salary": true})",
       R"({"text": "", "data": {"comparison": [{"role": "ml_engineer"}]}})", "gives a salary where it should not"},
      {"no_salary false checks nothing", R"({"no_salary": false})", R"({"text": "10 LPA"})", std::nullopt},
      {"the first failing key is the reason", R"({"salary": [10, 20], "mentions": ["nowhere"]})",
       R"({"text": "10-20 LPA", "data": {"salary": {"min_lpa": 10, "max_lpa": 20}}})",
       "text does not mention 'nowhere'"},
      {"nothing expected", "{}", "{}", std::nullopt},
  };
  for (const auto& c : cases) {
    SECTION(c.name) { CHECK(check_answer(object(c.want), object(c.got)) == c.why); }
  }
}

TEST_CASE("check_entities compares scalars, lists and numbers as score.py does") {
  const Case cases[] = {
      {"scalar matches", R"({"city": "bengaluru"})", R"({"city": "bengaluru", "level": "mid"})", std::nullopt},
      {"scalar differs", R"({"city": "bengaluru"})", R"({"city": "pune"})", "entity city: want bengaluru, got pune"},
      {"entity missing", R"({"city": "pune"})", R"({"level": "mid"})", "entity city missing"},
      {"scalar among a list", R"({"skill": "python"})", R"({"skill": ["docker", "python"]})", std::nullopt},
      {"list is a subset", R"({"role": ["mlops_engineer"]})", R"({"role": ["data_scientist", "mlops_engineer"]})",
       std::nullopt},
      {"list not a subset", R"({"role": ["mlops_engineer", "ml_engineer"]})", R"({"role": ["mlops_engineer"]})",
       "entity role: want ['mlops_engineer', 'ml_engineer'], got ['mlops_engineer']"},
      {"number equals a double", R"({"experience_years": 3})", R"({"experience_years": 3.0})", std::nullopt},
      {"number within 1e-6", R"({"experience_years": 3.5})", R"({"experience_years": 3.5000001})", std::nullopt},
      {"number differs", R"({"experience_years": 3})", R"({"experience_years": 4.0})",
       "entity experience_years: want 3, got 4.0"},
      {"number from a list's first element", R"({"experience_years": 3})", R"({"experience_years": [3, 9]})",
       std::nullopt},
      {"number against a string", R"({"experience_years": 3})", R"({"experience_years": "3"})",
       "entity experience_years: want 3, got 3"},
      // A list of numbers goes through json.dumps in score.py, where 3 and 3.0 differ.
      {"numbers in a list keep their kind", R"({"experience_years": [3]})", R"({"experience_years": [3.0]})",
       "entity experience_years: want [3], got [3.0]"},
      {"and -0.0 is not 0.0 there", R"({"experience_years": [0.0]})", R"({"experience_years": [-0.0]})",
       "entity experience_years: want [0.0], got [-0.0]"},
  };
  for (const auto& c : cases) {
    SECTION(c.name) { CHECK(check_entities(object(c.want), json::parse(c.got)) == c.why); }
  }
  SECTION("no entities in the answer") {
    CHECK(check_entities(object(R"({"level": "entry"})"), json::value()) == "entity level missing");
  }
}

TEST_CASE("judge: intent, alternatives, errors and the MISS reason") {
  const auto single = parse_session(json::parse(
      R"({"text": "Does CKA raise pay?", "intent": "salary.factors", "alt": ["salary.estimate"],
          "entities": {"certification": "cka"}, "expect": {"mentions": ["15"]}})"));
  const auto& question = single.questions.at(0);

  SECTION("right intent, right answer") {
    const auto outcome = judge(question, object(R"({"intent": {"name": "salary.factors"},
        "entities": {"certification": "cka"}, "text": "15-25 LPA"})"));
    CHECK(outcome.intent_right);
    CHECK(outcome.passed());
    CHECK(outcome.miss() == std::nullopt);
  }
  SECTION("an alternative intent is right") {
    const auto outcome = judge(question, object(R"({"intent": {"name": "salary.estimate"},
        "entities": {"certification": "cka"}, "text": "15-25 LPA"})"));
    CHECK(outcome.intent_right);
    CHECK(outcome.passed());
  }
  SECTION("right intent, wrong answer, wrong entities") {
    const auto outcome = judge(question, object(R"({"intent": {"name": "salary.factors"}, "text": "more"})"));
    CHECK(outcome.intent_right);
    CHECK_FALSE(outcome.passed());
    CHECK(outcome.miss() == "text does not mention '15' [entity certification missing]");
  }
  SECTION("wrong intent: the answer is not checked") {
    const auto outcome = judge(question, object(R"({"intent": {"name": "help"},
        "entities": {"certification": "cka"}, "text": "15"})"));
    CHECK_FALSE(outcome.intent_right);
    CHECK(outcome.got == "help");
    CHECK(outcome.answer_error == "intent help, want salary.factors");
    CHECK(outcome.miss() == "intent help, want salary.factors");
  }
  SECTION("entities alone wrong: a miss, but the answer passes") {
    const auto outcome = judge(question, object(R"({"intent": {"name": "salary.factors"}, "text": "15"})"));
    CHECK(outcome.passed());
    CHECK(outcome.miss() == "entity certification missing");
  }
  SECTION("an error answer") {
    const auto outcome = judge(question, object(R"({"error": "engine gone"})"));
    CHECK(outcome.got == "None");
    CHECK_FALSE(outcome.passed());
    CHECK(outcome.miss() == "error: engine gone [entity certification missing]");
  }
}

TEST_CASE("parse_session reads questions and dialogs and rejects broken lines") {
  const auto dialog = parse_session(json::parse(
      R"({"turns": [{"text": "mid level mlops salary", "intent": "salary.estimate", "expect": {"salary": [10, 20]}},
                    {"text": "and lead?", "intent": "salary.estimate"}]})"));
  CHECK(dialog.dialog);
  REQUIRE(dialog.questions.size() == 2);
  CHECK(dialog.questions[1].text == "and lead?");
  CHECK(dialog.questions[1].expect.empty());

  const auto single = parse_session(json::parse(R"({"text": "hi", "intent": "smalltalk.greet", "entities": null})"));
  CHECK_FALSE(single.dialog);
  CHECK(single.questions.at(0).entities.empty());

  const char* broken[][2] = {
      {R"(["text"])", "line: must be a JSON object"},
      {R"({"intent": "help"})", "question: \"text\" must be a string"},
      {R"({"text": "hi"})", "question: \"intent\" must be a string"},
      {R"({"text": "hi", "intent": "help", "alt": "smalltalk.greet"})", "question.alt: must be an array of strings"},
      {R"({"text": "hi", "intent": "help", "entities": ["city"]})", "question.entities: must be an object"},
      {R"({"text": "hi", "intent": "help", "expect": {"salary": [10]}})",
       "question.expect.salary: must be [min_lpa, max_lpa]"},
      {R"({"text": "hi", "intent": "help", "expect": {"tools": "MLflow"}})",
       "question.expect.tools: must be an array of strings"},
      {R"({"turns": [{"text": "hi", "intent": "help"}, {"text": "x"}]})", "turns[1]: \"intent\" must be a string"},
  };
  for (const auto& [line, message] : broken) {
    INFO(line);
    CHECK_THROWS_WITH(parse_session(json::parse(line)), message);
  }
}

TEST_CASE("per-intent precision, recall and F1 on a hand-made confusion") {
  Confusion confusion;
  confusion.add("a", "a", 3);
  confusion.add("a", "b", 1);
  confusion.add("b", "b", 2);
  confusion.add("b", "a", 2);
  confusion.add("c", "b", 1);  // c is never predicted

  const auto scores = per_intent(confusion);
  REQUIRE(scores.size() == 3);
  CHECK(scores[0].intent == "a");
  CHECK(scores[0].precision == Approx(3.0 / 5));
  CHECK(scores[0].recall == Approx(3.0 / 4));
  CHECK(scores[0].f1 == Approx(2 * 0.6 * 0.75 / 1.35));
  CHECK(scores[0].support == 4);
  CHECK(scores[1].intent == "b");
  CHECK(scores[1].precision == Approx(2.0 / 4));
  CHECK(scores[1].recall == Approx(2.0 / 4));
  CHECK(scores[1].f1 == Approx(0.5));
  CHECK(scores[2].intent == "c");
  CHECK(scores[2].precision == 0.0);
  CHECK(scores[2].recall == 0.0);
  CHECK(scores[2].f1 == 0.0);
  CHECK(scores[2].support == 1);

  const auto macro = macro_average(scores);
  CHECK(macro.precision == Approx((0.6 + 0.5) / 3));
  CHECK(macro.recall == Approx((0.75 + 0.5) / 3));
  CHECK(macro.support == 9);
  const auto weighted = weighted_average(scores);
  CHECK(weighted.recall == Approx(5.0 / 9));  // weighted recall is the accuracy
  CHECK(weighted.f1 == Approx((4 * (2 * 0.6 * 0.75 / 1.35) + 4 * 0.5) / 9));

  const auto pairs = most_confused(confusion, 2);
  REQUIRE(pairs.size() == 2);
  CHECK((pairs[0].want == "b" && pairs[0].got == "a" && pairs[0].count == 2));
  CHECK((pairs[1].want == "a" && pairs[1].got == "b" && pairs[1].count == 1));
  CHECK(most_confused(confusion, 10).size() == 3);
}

TEST_CASE("Report counts like score.py and the thresholds hold or not") {
  const auto question = [](const char* line) { return parse_session(json::parse(line)).questions.at(0); };
  const auto estimate = question(R"({"text": "q1", "intent": "salary.estimate", "alt": ["salary.factors"],
                                     "entities": {"level": "mid"}, "expect": {"salary": [10, 20]}})");
  const auto greet = question(R"({"text": "q2", "intent": "smalltalk.greet"})");
  const auto right = object(R"({"intent": {"name": "salary.factors"}, "entities": {"level": "mid"},
                                "data": {"salary": {"min_lpa": 10, "max_lpa": 20}}})");
  const auto wrong = object(R"({"intent": {"name": "help"}, "entities": {}})");

  Report report;
  report.add(estimate, judge(estimate, right), false);
  report.add(greet, judge(greet, wrong), false);
  report.add(estimate, judge(estimate, wrong), true);   // a dialog turn
  report.add(greet, judge(greet, object(R"({"intent": {"name": "smalltalk.greet"}})")), true);

  CHECK(report.intents.right == 1);
  CHECK(report.intents.total == 2);
  CHECK(report.answers.right == 1);
  CHECK(report.entities.right == 1);
  CHECK(report.entities.total == 1);  // only questions listing entities
  CHECK(report.turns.right == 1);
  CHECK(report.turns.total == 2);
  CHECK(report.passed() == 2);
  CHECK(report.failed() == 2);
  CHECK(report.misses.size() == 2);
  CHECK(report.confusion.count("salary.estimate", "salary.estimate") == 1);  // the alternative counts as right
  CHECK(report.confusion.count("smalltalk.greet", "help") == 1);
  CHECK(report.confusion.count("salary.estimate", "help") == 0);  // dialog turns stay out

  CHECK(unmet(report, {}).empty());
  CHECK(unmet(report, {0.5, 0.5, 0.5}).empty());  // exactly at the threshold is enough
  const auto failing = unmet(report, {0.6, 0.5, 0.75});
  REQUIRE(failing.size() == 2);
  CHECK(failing[0] == "intent accuracy 50.0% < 60.0%");
  CHECK(failing[1] == "dialog turns right 50.0% < 75.0%");
  CHECK(unmet(Report{}, {0.0, 0.1, 0.0}) == std::vector<std::string>{"answers right 0.0% < 10.0%"});
}

TEST_CASE("python_repr prints values as score.py's messages do") {
  const std::pair<json::value, const char*> cases[] = {
      {json::value(nullptr), "None"},
      {json::value(true), "True"},
      {json::value(10), "10"},
      {json::value(10.0), "10.0"},
      {json::value(-0.0), "-0.0"},
      {json::value(12.5), "12.5"},
      {json::value(0.0001), "0.0001"},
      {json::value(0.00001), "1e-05"},
      {json::value(1e16), "1e+16"},
      {json::value(123456789012345.6), "123456789012345.6"},
      {json::value("it's"), "\"it's\""},
      {json::value("a\\b\n"), "'a\\\\b\\n'"},
      {json::parse(R"(["x", 1, {"k": null}])"), "['x', 1, {'k': None}]"},
  };
  for (const auto& [value, repr] : cases) {
    INFO(json::serialize(value));
    CHECK(python_repr(value) == repr);
  }
  CHECK(python_str(json::value("bengaluru")) == "bengaluru");
}

TEST_CASE("calibration: answers right by confidence bucket, and the clarifying questions asked") {
  CHECK(bucket_of(0.2) == 0);
  CHECK(bucket_of(0.5) == 1);
  CHECK(bucket_of(0.773) == 3);
  CHECK(bucket_of(0.9) == 5);
  CHECK(bucket_of(1.0) == 5);
  CHECK(bucket_label(3) == "0.7–0.8");
  CHECK(bucket_label(0) == "<0.5");

  const auto question = parse_session(json::parse(R"({"text": "q", "intent": "salary.estimate"})")).questions.at(0);
  Report report;
  report.add(question, judge(question, object(R"({"intent": {"name": "salary.estimate", "confidence": 0.77}})")), false);
  report.add(question, judge(question, object(R"({"intent": {"name": "topic.explain", "confidence": 0.72}})")), false);
  report.add(question, judge(question, object(R"({"intent": {"name": "salary.estimate", "confidence": 0.95},
      "data": {"clarify": {"question": "Which role do you mean?"}}})")), true);
  CHECK(report.calibration[3].total == 2);
  CHECK(report.calibration[3].right == 1);
  CHECK(report.calibration[5].total == 0);  // dialog turns are not in the calibration
  CHECK(report.clarifications == 1);
}
