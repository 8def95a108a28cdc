// Normalization, spelling and entity extraction, table-driven, with Indian formats and Hinglish.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "intents/devanagari.hpp"
#include "intents/entities.hpp"
#include "intents/intent_catalogue.hpp"
#include "intents/matcher.hpp"
#include "intents/normalize.hpp"
#include "intents/spelling.hpp"
#include "intents/vocabulary.hpp"

namespace {

const std::string kData = std::string(MLOPS_BOT_SOURCE_DIR) + "/intents/data";

struct Fixture {
  std::shared_ptr<const intents::Vocabulary> vocabulary = intents::Vocabulary::load(kData + "/entities.json");
  std::shared_ptr<const intents::SpellingCorrector> speller = std::make_shared<intents::SpellingCorrector>(
      std::vector<std::string>{"salary", "experience", "engineer", "kubernetes", "bangalore", "responsibilities"},
      intents::WordSet::of(std::vector<std::string>{"matter", "soft"}));
  intents::Normalizer normalize{vocabulary, speller};
  intents::EntityExtractor extractor{vocabulary};
  intents::Entities entities(const std::string& text) { return extractor.extract(normalize(text)); }
};

}  // namespace

TEST_CASE("normalization: case, punctuation, Indian shorthand, contractions", "[normalize]") {
  Fixture f;
  const std::pair<const char*, const char*> cases[] = {
      {"What's the CTC for 3yrs exp?", "what is the ctc for 3 years experience"},
      {"  MLOps   vs.  DevOps!!  ", "mlops vs devops"},
      {"₹10–20 LPA", "inr 10-20 lpa"},
      {"I'm a fresher", "i am a fresher"},
      {"10lpa k8s", "10 lpa kubernetes"},
      {"CI/CD tools", "ci/cd tools"},
      {"engineer's pay", "engineer pay"},
      {"5+ years", "5+ years"},
      {"3.5 yrs", "3.5 years"},
  };
  for (const auto& [raw, expected] : cases) {
    INFO(raw);
    CHECK(f.normalize(raw) == expected);
  }
}

TEST_CASE("normalization survives hostile input", "[normalize]") {
  Fixture f;
  CHECK(f.normalize("").empty());
  CHECK(f.normalize(" \t\r\n ").empty());
  CHECK(f.normalize(std::string("\xff\xfe\x80 salary \xc3", 9)) == "salary");
  CHECK(f.normalize(std::string("a\0b\x01\x1b[31m", 9)) == "a b 31 m");
  CHECK(f.normalize("😀🚀 salary 🎉") == "salary");
  CHECK(f.normalize("वेतन कितना है") == "salary kitna hai");  // Hindi, read as Hinglish
  const std::string huge(100 * 1024, 'x');
  CHECK(f.normalize(huge).size() <= intents::Normalizer::kMaxInputBytes);
  CHECK(f.normalize("\" OR 1=1; DROP TABLE passages; --") == "or 1 1 drop table passages");
}

TEST_CASE("spelling: one edit towards a known domain word, ordinary words left alone", "[spelling]") {
  Fixture f;
  CHECK(f.normalize("salry expereince") == "salary experience");
  CHECK(f.normalize("kubernets banglore enginer") == "kubernetes bangalore engineer");
  CHECK(f.normalize("does it matter") == "does it matter");  // known, though one edit from "master"
  CHECK(f.normalize("pay") == "pay");                          // too short to correct
  CHECK(intents::edit_distance("salary", "slaary") == 1);
  CHECK(intents::edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("entities: experience in every form", "[entities]") {
  Fixture f;
  const std::pair<const char*, double> cases[] = {
      {"3 years", 3},          {"3 yrs exp", 3},          {"3.5 yrs", 3.5},       {"4+ years", 4},
      {"6 year experienced", 6}, {"experience of 7", 7},    {"three years", 3},     {"3 saal ke experience", 3},
      {"teen saal", 3},        {"fresher", 0},            {"no experience", 0},   {"6 months", 0.5},
      {"12yrs", 12},
  };
  for (const auto& [text, years] : cases) {
    INFO(text);
    const auto entities = f.entities(text);
    REQUIRE(entities.experience_years);
    CHECK(*entities.experience_years == Approx(years));
  }
  const auto range = f.entities("salary for 2-5 years");
  REQUIRE(range.experience_range);
  CHECK(range.experience_range->first == 2);
  CHECK(range.experience_range->second == 5);
  CHECK_FALSE(f.entities("salary in 2024").experience_years);
  CHECK_FALSE(f.entities("10 lpa").experience_years);
}

TEST_CASE("entities: vocabularies with synonyms", "[entities]") {
  Fixture f;
  struct Case { const char* text; const char* kind; const char* value; };
  const Case cases[] = {
      {"mlops in bangalore", "city", "bengaluru"},     {"blr", "city", "bengaluru"},
      {"gurgaon", "city", "delhi_ncr"},                {"bombay", "city", "mumbai"},
      {"architect", "level", "lead"},                  {"junior", "level", "entry"},
      {"sr engineer", "level", "senior"},              {"mid-level", "level", "mid"},
      {"AWS ML certification", "certification", "aws_ml"}, {"CKAD", "certification", "ckad"},
      {"CKA", "certification", "cka"},                 {"fintech startup", "industry", "fintech"},
      {"fintech startup", "company_type", "startup"},  {"e-commerce", "industry", "ecommerce"},
      {"MNCs", "company_type", "mnc"},                 {"FAANG", "company_type", "big_tech"},
      {"experiment tracking", "tool_category", "version_control"},
      {"container orchestration", "tool_category", "containers"}, {"CI/CD", "tool_category", "cicd"},
  };
  for (const auto& c : cases) {
    INFO(c.text << " -> " << c.kind);
    const auto values = f.extractor.values(c.kind, f.normalize(c.text));
    REQUIRE_FALSE(values.empty());
    CHECK(values.front() == c.value);
  }
}

TEST_CASE("entities: roles in the order named, never confusing MLOps with ML", "[entities]") {
  Fixture f;
  CHECK(f.entities("DevOps vs MLOps").role == std::vector<std::string>{"devops_engineer", "mlops_engineer"});
  CHECK(f.entities("mlops engineer").role == std::vector<std::string>{"mlops_engineer"});
  CHECK(f.entities("ML engineer or MLOps").role == std::vector<std::string>{"ml_engineer", "mlops_engineer"});
  CHECK(f.entities("machine learning engineer").role == std::vector<std::string>{"ml_engineer"});
  CHECK(f.entities("kubernetes and k8s and docker").skill == std::vector<std::string>{"kubernetes", "docker"});
  CHECK(f.entities("what is the weather").empty());
}

TEST_CASE("entities: a short reply that is a number in digits", "[entities]") {
  Fixture f;
  auto lone = [&](const std::string& text) { return f.extractor.lone_number(f.normalize(text)); };
  CHECK(lone("and 9?") == 9);
  CHECK(lone("what about 7.5") == 7.5);
  CHECK(lone("12") == 12);
  CHECK_FALSE(lone("and an mlops engineer?"));    // an article, not one year
  CHECK_FALSE(lone("what do i get"));              // Hindi "do" (2) is not read alone
  CHECK_FALSE(lone("and 100"));
  CHECK_FALSE(lone("what about 2024"));            // a year, not years
  CHECK_FALSE(lone("name 5 tools for model serving please"));  // more than four words
}

TEST_CASE("entities round-trip through JSON and merge", "[entities]") {
  Fixture f;
  auto entities = f.entities("mlops with 4 yrs in pune");
  const auto json = entities.to_json();
  CHECK(json.at("experience_years").as_int64() == 4);
  CHECK(json.at("role").as_array().size() == 1);
  const auto again = intents::Entities::from_json(json);
  CHECK(again.to_json() == json);
  intents::Entities later;
  later.city = "chennai";
  later.fill_from(entities);
  CHECK(*later.city == "chennai");
  CHECK(*later.experience_years == 4);
}

TEST_CASE("the matcher: one pass, rules decide, unknown text scores nothing", "[matcher]") {
  Fixture f;
  const auto matcher = intents::Matcher::load(kData + "/intents.json");
  auto classify = [&](const std::string& text) {
    const auto normalized = f.normalize(text);
    return matcher->classify(normalized, f.extractor.extract(normalized));
  };
  CHECK(classify("mlops salary with 3 years").intent == "salary.estimate");
  CHECK(classify("mlops vs devops pay").intent == "salary.compare");
  CHECK(classify("hi").intent == "smalltalk.greet");
  CHECK(classify("hi").confidence > 0.5);
  const auto nothing = classify("zxqv");
  CHECK(nothing.intent.empty());
  CHECK(nothing.score == 0);
  CHECK(classify("and with 8 years?").follow_up_marker);
  // "pay well" asks who pays more as "pay better" does: by sector, by city, a pay factor.
  CHECK(classify("which sectors pay mlops engineers well?").intent == "salary.factors");
  CHECK(classify("which cities pay mlops engineers well").intent == "salary.factors");
  CHECK_THROWS_WITH(intents::Matcher::load(kData + "/missing.json"), Catch::Contains("missing.json"));
}

TEST_CASE("Devanagari is read the way Hinglish is written", "[normalize]") {
  const std::pair<const char*, const char*> words[] = {
      {"कितनी", "kitni"},  {"मिलता", "milta"},   {"साल", "saal"},     {"कमाता", "kamata"},   {"चाहिए", "chahiye"},
      {"में", "mein"},     {"हैं", "hain"},       {"क्या", "kya"},     {"भविष्य", "bhavishya"}, {"स्किल्स", "skils"},
      {"ज़्यादा", "zyada"}, {"अनुभव", "anubhav"}, {"कौन", "kaun"},     {"५", "5"},            {"IaaS", "IaaS"},
  };
  for (const auto& [hindi, hinglish] : words) {
    INFO(hindi);
    CHECK(intents::romanize_devanagari(hindi) == hinglish);
  }
  CHECK(intents::has_devanagari("IaaS क्या है"));
  CHECK_FALSE(intents::has_devanagari("iaas kya hai"));

  Fixture f;
  CHECK(f.normalize("एमएलओप्स क्या है?") == "mlops kya hai");  // a loanword from the vocabulary
  CHECK(f.normalize("5 साल के अनुभव के साथ सैलरी।") == "5 years ke experience ke saath salary");
  CHECK(f.entities("5 साल के अनुभव के साथ सैलरी").experience_years == 5);
}

TEST_CASE("spelling: two domain words run together are split", "[spelling]") {
  const auto vocabulary = intents::Vocabulary::load(kData + "/entities.json");
  const auto speller = std::make_shared<intents::SpellingCorrector>(
      std::vector<std::string>{"mlops", "engineer", "data", "science"}, intents::WordSet::of(std::vector<std::string>{"somewhere"}));
  const intents::Normalizer normalize(vocabulary, speller);
  CHECK(normalize("What is mlopsengineer?") == "what is mlops engineer");
  CHECK(normalize("datascience") == "data science");
  CHECK(normalize("somewhere") == "somewhere");  // a known word is never split
  CHECK_FALSE(speller->split("mlopsx"));          // too short to hold two words
}

namespace {

struct MatcherFixture : Fixture {
  std::shared_ptr<const intents::Matcher> matcher = intents::Matcher::load(kData + "/intents.json");
  intents::Classification classify(const std::string& text) {
    const auto normalized = normalize(text);
    return matcher->classify(normalized, extractor.extract(normalized));
  }
};

}  // namespace

TEST_CASE("the matcher reads what is asked apart from what it is about", "[matcher]") {
  MatcherFixture f;
  const std::pair<const char*, const char*> cases[] = {
      // Roles named without pay words ask about the work; with them, about pay.
      {"what is the difference between devops and mlops", "topic.explain"},
      {"difference between a devops engineer and an mlops engineer", "role.responsibilities"},
      {"is mlops a part of data science", "topic.explain"},
      {"which pays more, devops or mlops", "salary.compare"},
      {"who earns more: a data scientist or an mlops engineer", "salary.compare"},
      {"mlops vs devops salary", "salary.compare"},
      {"how much more does an mlops engineer make compared to a data scientist", "salary.compare"},
      {"where do mlops engineers earn the most", "salary.factors"},
      // A topic or tools compared.
      {"how is ci/cd for ml different from normal ci/cd", "topic.explain"},
      {"airflow vs kubeflow vs prefect", "tools.list"},
      {"alternatives to mlflow", "tools.list"},
      {"what is better for orchestration, airflow or kubeflow", "tools.list"},
      // Background, worth, skills.
      {"what background do mlops people come from", "role.qualifications"},
      {"is the cka worth it", "salary.factors"},
      {"is it worth doing the gcp ml engineer certification", "salary.factors"},
      {"what are the core skills required for a career in mlops", "role.skills"},
      {"is devops experience useful for mlops", "role.skills"},
      {"i want to become an mlops engineer what should i do", "role.skills"},
      {"will mlops still be relevant in 5 years", "market.demand"},
      {"can a fresher get a job in mlops", "market.demand"},
      // "different" compares only when things differ from each other.
      {"what are the different levels in mlops and their pay", "salary.estimate"},
      {"how are devops and mlops different", "topic.explain"},
      {"how has mlops salary changed over the last few years", "salary.trends"},
      // Out of scope by what is asked or what it is about.
      {"what does a devops engineer do", "out_of_scope"},
      {"best course to learn mlops", "out_of_scope"},
      {"how much does infosys pay mlops engineers", "out_of_scope"},
      {"mlops salary in germany", "out_of_scope"},
      {"do startups give esops to mlops engineers", "out_of_scope"},
      {"will ai replace mlops engineers", "out_of_scope"},
      {"is mlops going to be automated by ai", "out_of_scope"},
      {"mlops interview questions for freshers", "out_of_scope"},
      {"are mlops jobs mostly remote", "out_of_scope"},
      // Hinglish beyond fixed phrases, and Hindi.
      {"mlops engineer kya karta hai", "role.responsibilities"},
      {"mlops ke liye kaun sa tool best hai", "tools.list"},
      {"5 saal ho gaye, kitni salary milegi?", "salary.estimate"},
      {"kitna kamata hai mlops engineer", "salary.estimate"},
      {"mere paas 6 saal ka experience hai devops me, mlops me kitna package milega", "salary.estimate"},
      {"fintech me mlops ka use kaise hota hai", "market.demand"},
      {"devops aur mlops mein kya farak hai", "topic.explain"},
      {"mlops kyun zaroori hai", "topic.explain"},
      {"kya mlops me coding aani chahiye", "role.skills"},
      {"एमएलओप्स इंजीनियर की सैलरी कितनी है?", "salary.estimate"},
      {"एमएलओप्स क्या है", "topic.explain"},
  };
  for (const auto& [text, intent] : cases) {
    INFO(text);
    CHECK(f.classify(text).intent == intent);
  }
}

TEST_CASE("the matcher names the concepts it saw and lends a context's subjects", "[matcher]") {
  MatcherFixture f;
  const auto normalized = f.normalize("how much does an mlops engineer earn");
  const auto concepts = f.matcher->concepts(normalized, f.extractor.extract(normalized));
  for (const char* name : {"HOWMUCH", "SAL", "MLOPS", "@role", "@role_subject"}) {
    INFO(name);
    CHECK(std::find(concepts.begin(), concepts.end(), name) != concepts.end());
  }
  CHECK(std::find(concepts.begin(), concepts.end(), "@role_other") == concepts.end());

  // "what do they do?" names no subject: alone it is about the MLOps engineer's work; after
  // "who is a data scientist?" it is about a role the documents do not describe.
  const std::string question = f.normalize("what do they do?");
  const auto alone = f.matcher->classify(question, f.extractor.extract(question));
  CHECK(alone.intent == "role.responsibilities");
  CHECK_FALSE(alone.own_subject);
  const std::string context = f.normalize("who is a data scientist?");
  const auto lent = f.matcher->classify(question, f.extractor.extract(question), context, f.extractor.extract(context));
  CHECK(lent.intent == "out_of_scope");
  CHECK_FALSE(lent.own_subject);
  // A context's asks are never lent: "how much" stays in the context.
  const std::string pay = f.normalize("how much does an mlops engineer earn?");
  CHECK(f.matcher->classify(question, f.extractor.extract(question), pay, f.extractor.extract(pay)).intent ==
        "role.responsibilities");
}

TEST_CASE("a role the documents are about is in scope — the others are not", "[matcher]") {
  MatcherFixture f;
  const auto normalized = f.normalize("what does a data scientist do");
  const auto entities = f.extractor.extract(normalized);
  // The seed article is about the MLOps engineer: a data scientist's work is not in it.
  CHECK(f.matcher->classify(normalized, entities).intent == "out_of_scope");
  // A corpus with a data scientist's own document answers it.
  const auto with_data_scientists = f.matcher->with_coverage({{"mlops_engineer", "data_scientist"}, {}});
  CHECK(with_data_scientists->classify(normalized, entities).intent == "role.responsibilities");
  const auto concepts = with_data_scientists->concepts(normalized, entities);
  CHECK(std::find(concepts.begin(), concepts.end(), "@role_subject") != concepts.end());
  CHECK(std::find(concepts.begin(), concepts.end(), "@role_other") == concepts.end());
  // The copy leaves the original as it was.
  CHECK(f.matcher->classify(normalized, entities).intent == "out_of_scope");
}

TEST_CASE("pay at a company is asked as pay at its kind where the documents give that kind's pay", "[matcher]") {
  MatcherFixture f;
  const auto normalized = f.normalize("how much do mlops engineers earn at netflix");
  const auto entities = f.extractor.extract(normalized);
  REQUIRE(entities.company_type == "big_tech");
  CHECK(f.matcher->classify(normalized, entities).intent == "out_of_scope");
  const auto with_big_tech = f.matcher->with_coverage({{"mlops_engineer"}, {"big_tech"}});
  CHECK(with_big_tech->classify(normalized, entities).intent == "salary.estimate");
}

TEST_CASE("the matcher asks back only where two readings that differ in kind score close", "[matcher][ask-back]") {
  MatcherFixture f;
  // Two roles and nothing that says pay or work: a real fork, the work's reading the guess.
  for (const char* text :
       {"MLOps vs DevOps?", "MLOps engineer or data scientist?", "Which is better, MLOps or DevOps?"}) {
    INFO(text);
    const auto fork = f.classify(text);
    REQUIRE(fork.ask_back != nullptr);
    CHECK(fork.ask_back->question == "Do you mean the pay difference, or how the work differs?");
    REQUIRE(fork.ask_back->options.size() == 2);
    CHECK(fork.ask_back->options[0].intent == "salary.compare");
    CHECK(fork.ask_back->options[0].text == "The pay difference");
    CHECK(fork.ask_back->options[1].text == "How the work differs");
    CHECK(fork.ask_back_score >= f.matcher->min_score());
    CHECK(fork.score - fork.ask_back_score <= 0.15 + 1e-6);
  }
  // A word for either reading, or a fork that is not listed (two readings that both answer), decides.
  for (const char* text :
       {"mlops vs devops salary", "what separates mlops from plain devops",
        "difference between a devops engineer and an mlops engineer", "which pays more, devops or mlops",
        "What is the salary of an MLOps engineer in India?", "is the cka worth it",
        "which skill gives the highest pay in mlops", "what is mlops", "hi"}) {
    INFO(text);
    CHECK(f.classify(text).ask_back == nullptr);
  }
}

TEST_CASE("an ask_back section that names an unknown intent or lacks options is refused at load",
          "[matcher][ask-back]") {
  const auto file =
      std::filesystem::temp_directory_path() / ("mlops-bot-ask-back-" + std::to_string(::getpid()) + ".json");
  const auto load_with = [&](const std::string& ask_back) {
    std::ofstream(file)
        << R"({"concepts": {"SAL": "\\bsalary\\b"}, "intents": {"salary.estimate": {"rules": [{"all": ["SAL"], "w": 3}]},
                              "topic.explain": {"rules": [{"all": ["SAL"], "w": 2.9}]}}, "ask_back": )"
        << ask_back << "}";
    return intents::Matcher::load(file);
  };
  const std::string options = R"("question": "Q?", "options": ["a", "b"])";
  CHECK_THROWS_WITH(
      load_with(R"({"margin": 0.1, "pairs": [{"intents": ["salary.estimate", "nope"], )" + options + "}]}"),
      Catch::Contains("unknown intent \"nope\""));
  CHECK_THROWS_WITH(
      load_with(
          R"({"margin": 0.1, "pairs": [{"intents": ["salary.estimate", "topic.explain"], "question": "Q?", "options": ["a"]}]})"),
      Catch::Contains("two \"options\""));
  CHECK_THROWS_WITH(load_with(R"({"pairs": []})"), Catch::Contains("margin"));
  // A good one: 3 and 2.9 are within 0.1 of each other, not within 0.05.
  Fixture f;
  const auto close =
      load_with(R"({"margin": 0.1, "pairs": [{"intents": ["salary.estimate", "topic.explain"], )" + options + "}]}");
  CHECK(close->classify("salary", f.extractor.extract("salary")).ask_back != nullptr);
  const auto far =
      load_with(R"({"margin": 0.05, "pairs": [{"intents": ["salary.estimate", "topic.explain"], )" + options + "}]}");
  CHECK(far->classify("salary", f.extractor.extract("salary")).ask_back == nullptr);
  std::filesystem::remove(file);
}

TEST_CASE("intents data with an unknown key or a value of the wrong type is refused at load, by name",
          "[matcher][data]") {
  const auto file =
      std::filesystem::temp_directory_path() / ("mlops-bot-strict-" + std::to_string(::getpid()) + ".json");
  // A valid file with `extra` spliced in at the top level, and `intent` as its one intent's body.
  const auto load_with = [&](const std::string& extra, const std::string& intent) {
    std::ofstream(file) << R"({"concepts": {"SAL": "\\bsalary\\b"}, "intents": {"salary.estimate": )" << intent << "}"
                        << extra << "}";
    return intents::Matcher::load(file);
  };
  const std::string rules = R"("rules": [{"all": ["SAL"], "w": 3}])";
  CHECK_NOTHROW(load_with("", "{" + rules + R"(, "examples": ["salary"], "traits": ["pay"]})"));
  CHECK_THROWS_WITH(load_with(R"(, "min_scor": 2)", "{" + rules + "}"), Catch::Contains("unknown key \"min_scor\""));
  CHECK_THROWS_WITH(load_with(R"(, "min_score": "high")", "{" + rules + "}"),
                    Catch::Contains("\"min_score\" must be a number"));
  CHECK_THROWS_WITH(load_with(R"(, "definitions": {"X": 3})", "{" + rules + "}"),
                    Catch::Contains("definition X must be a string"));
  CHECK_THROWS_WITH(load_with("", "{" + rules + R"(, "exmaples": ["salary"]})"),
                    Catch::Contains("intent salary.estimate: unknown key \"exmaples\""));
  CHECK_THROWS_WITH(load_with("", "{" + rules + R"(, "examples": "salary"})"),
                    Catch::Contains("\"examples\" must be an array of strings"));
  CHECK_THROWS_WITH(load_with("", R"({"rules": {"all": ["SAL"], "w": 3}})"),
                    Catch::Contains("needs an array \"rules\""));
  CHECK_THROWS_WITH(load_with("", R"({"rules": [{"all": ["SAL"], "w": 3, "weight": 2}]})"),
                    Catch::Contains("a rule: unknown key \"weight\""));
  CHECK_THROWS_WITH(load_with(R"(, "ask_back": {"margin": 0.1, "pairs": [], "margins": 1})", "{" + rules + "}"),
                    Catch::Contains("ask_back: unknown key \"margins\""));
  std::filesystem::remove(file);
}

TEST_CASE("the intent catalogue: each intent's traits and the engine's own intents, checked at load",
          "[catalogue][data]") {
  const auto catalogue = intents::IntentCatalogue::load(kData + "/intents.json");
  // What the engine hard-coded before the data said it: salary.* are pay questions about a role
  // (a comparison gathers roles), role.*, tools.list and market.demand are about a role, and all
  // of those and topic.explain are topics a later turn builds on.
  for (const auto& name : catalogue.names()) {
    INFO(name);
    const auto& traits = *catalogue.traits(name);
    const bool pay = name.starts_with("salary.");
    const bool role = pay || name.starts_with("role.") || name == "tools.list" || name == "market.demand";
    CHECK(traits.pay == pay);
    CHECK(traits.role == role);
    CHECK(traits.topic == (role || name == "topic.explain"));
    CHECK(traits.gathers_roles == (name == "salary.compare"));
    CHECK(traits.yields_to_tool_group == (name == "role.skills" || name == "role.qualifications"));
  }
  CHECK(catalogue.names().size() == 15);
  CHECK(catalogue.traits("salary.retired") == nullptr);
  const auto& chosen = catalogue.engine_intents();
  CHECK(chosen.help == "help");
  CHECK(chosen.out_of_scope == "out_of_scope");
  CHECK(chosen.topic == "topic.explain");
  CHECK(chosen.tool_group == "tools.list");
  CHECK(chosen.compare == "salary.compare");
  CHECK(chosen.estimate == "salary.estimate");

  const auto file =
      std::filesystem::temp_directory_path() / ("mlops-bot-catalogue-" + std::to_string(::getpid()) + ".json");
  const auto load_with = [&](const std::string& traits, const std::string& engine_intents) {
    std::ofstream(file) << R"({"intents": {"help": {"rules": []}, "out_of_scope": {"rules": [], "traits": )" << traits
                        << "}}" << engine_intents << "}";
    return intents::IntentCatalogue::load(file);
  };
  const std::string all = R"(, "engine_intents": {"help": "help", "out_of_scope": "out_of_scope", "topic": "help",
                                                  "tool_group": "help", "compare": "help", "estimate": "help"})";
  CHECK(load_with(R"(["topic", "role"])", all).traits("out_of_scope")->role);
  CHECK_FALSE(load_with("[]", all).traits("help")->topic);
  CHECK_THROWS_WITH(load_with(R"(["topic", "topical"])", all), Catch::Contains("unknown trait \"topical\""));
  CHECK_THROWS_WITH(load_with(R"(["topic", 3])", all), Catch::Contains("unknown trait 3"));
  CHECK_THROWS_WITH(load_with(R"({"topic": true})", all), Catch::Contains("\"traits\" must be an array"));
  CHECK_THROWS_WITH(load_with("[]", ""), Catch::Contains("engine_intents must be an object"));
  CHECK_THROWS_WITH(load_with("[]", R"(, "engine_intents": {"help": "help"})"),
                    Catch::Contains("needs \"out_of_scope\""));
  CHECK_THROWS_WITH(load_with("[]",
                              R"(, "engine_intents": {"help": "help", "out_of_scope": "out_of_scope", "topic": "help",
                                                  "tool_group": "help", "compare": "salary.compare", "estimate": "help"})"),
                    Catch::Contains("\"compare\" names \"salary.compare\", which is not one of \"intents\""));
  CHECK_THROWS_WITH(load_with("[]",
                              R"(, "engine_intents": {"help": "help", "out_of_scope": "out_of_scope", "topic": "help",
                                                  "tool_group": "help", "compare": "help", "estimate": "help", "fallback": "help"})"),
                    Catch::Contains("unknown key \"fallback\""));
  std::filesystem::remove(file);
}
