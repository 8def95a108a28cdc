// The engine end to end without a network: each handler, conversations, and bad input.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "bot/answer_id.hpp"
#include "bot/engine.hpp"

namespace {

std::shared_ptr<const bot::Engine> engine() {
  static const auto instance = [] {
    auto options = bot::EngineOptions::defaults();
    options.corpus_dir = std::string(MLOPS_BOT_SOURCE_DIR) + "/knowledge/corpus";
    options.intents_dir = std::string(MLOPS_BOT_SOURCE_DIR) + "/intents/data";
    // A file of this process's own: CTest runs test cases as parallel processes.
    options.db_path = std::filesystem::temp_directory_path() / ("mlops-bot-test-" + std::to_string(getpid()) + ".db");
    options.log = nullptr;
    auto opened = bot::Engine::open(options);
    std::filesystem::remove(options.db_path);  // every connection is open already
    return opened;
  }();
  return instance;
}

// An engine over the documents in `folder` alone, its knowledge base built inside the folder.
auto engine_over(const std::filesystem::path& folder) {
  auto options = bot::EngineOptions::defaults();
  options.corpus_dir = folder;
  options.intents_dir = std::string(MLOPS_BOT_SOURCE_DIR) + "/intents/data";
  options.db_path = folder / "kb.db";
  options.log = nullptr;
  return bot::Engine::open(options);
}

bot::Answer ask(const std::string& text) {
  bot::Conversation conversation;
  return engine()->ask(conversation, text);
}

double salary(const bot::Answer& answer, const char* key) {
  return answer.data.at("salary").as_object().at(key).to_number<double>();
}

bool mentions(const bot::Answer& answer, const std::string& text) { return answer.text.find(text) != std::string::npos; }

}  // namespace

TEST_CASE("every answer carries its own answer_id, in the answer object too", "[engine][answer_id]") {
  std::set<std::string> ids;
  // An ordinary answer, the help for an empty question, and help() itself.
  for (const auto& answer : {ask("mlops salary for 3 years"), ask("   "), engine()->help()}) {
    CHECK(bot::is_answer_id(answer.answer_id));
    ids.insert(answer.answer_id);
    CHECK(bot::to_json(answer).at("answer_id").as_string() == answer.answer_id);
  }
  CHECK(ids.size() == 3);
  CHECK_FALSE(bot::is_answer_id(""));
  CHECK_FALSE(bot::is_answer_id("a-0123"));
  CHECK_FALSE(bot::is_answer_id("a-0123456789abcdef0123456789ABCDEF"));
  CHECK(bot::is_answer_id("a-0123456789abcdef0123456789abcdef"));
}

TEST_CASE("salary.estimate: the band for the years, with the city's own words", "[engine]") {
  const auto answer = ask("What does an MLOps engineer with 3 years in Bengaluru earn?");
  CHECK(answer.intent == "salary.estimate");
  CHECK(salary(answer, "min_lpa") == 10);
  CHECK(salary(answer, "max_lpa") == 20);
  CHECK(answer.data.at("salary").at("level").as_string() == "mid");
  CHECK(mentions(answer, "₹10–20 LPA"));
  CHECK(mentions(answer, "Bangalore"));
  REQUIRE_FALSE(answer.sources.empty());
  CHECK(answer.sources.front().section == "Experience Level and Its Impact on Salary");
  CHECK(answer.entities.at("city").as_string() == "bengaluru");
}

TEST_CASE("salary.estimate: no years gives every band — a city the documents never name gets no figure", "[engine]") {
  const auto all = ask("How much does an MLOps engineer earn?");
  CHECK(all.data.at("salary").at("bands").as_array().size() == 4);
  // The one figure the documents give across all levels is the answer's range.
  CHECK(salary(all, "min_lpa") == 10);
  CHECK(salary(all, "max_lpa") == 25);
  const auto mumbai = ask("mlops salary in Mumbai with 4 years");
  CHECK(salary(mumbai, "min_lpa") == 10);
  CHECK(mentions(mumbai, "no figure for Mumbai"));
}

TEST_CASE("salary.estimate: a certification applies the documents' hike and says so", "[engine]") {
  const auto answer = ask("6 years MLOps in Pune with AWS ML certification, what can I ask for?");
  CHECK(salary(answer, "min_lpa") == 20);
  CHECK(mentions(answer, "15–25%"));
  const auto& factor = answer.data.at("salary").at("factors").as_array().at(0).as_object();
  CHECK(factor.at("adjusted_min_lpa").to_number<double>() == Approx(23));
  CHECK(factor.at("adjusted_max_lpa").to_number<double>() == Approx(50));
}

TEST_CASE("salary.estimate for another role uses the comparison table", "[engine]") {
  const auto answer = ask("average salary of a data scientist in India");
  CHECK(salary(answer, "min_lpa") == 8);
  CHECK(salary(answer, "max_lpa") == 20);
  CHECK(answer.data.at("salary").at("role").as_string() == "data_scientist");
}

TEST_CASE("salary.compare lists the asked roles, or all five, and says which pays more", "[engine]") {
  const auto two = ask("mlops vs devops salary");
  CHECK(two.intent == "salary.compare");
  CHECK(two.data.at("comparison").as_array().size() == 2);
  CHECK(mentions(two, "**MLOps Engineer** pays the most"));
  const auto all = ask("compare MLOps pay with other tech roles");
  CHECK(all.data.at("comparison").as_array().size() == 5);
}

TEST_CASE("the other handlers answer from the documents", "[engine]") {
  CHECK(mentions(ask("What factors affect MLOps salary?"), "Location"));
  CHECK(mentions(ask("How fast are MLOps salaries growing?"), "20–30%"));
  CHECK(mentions(ask("What does a senior MLOps engineer do?"), "architecture decisions"));
  CHECK(mentions(ask("skills required for mlops"), "Kubernetes"));
  CHECK(mentions(ask("Which certifications are best for MLOps engineers?"), "AWS Certified Machine Learning"));
  const auto tools = ask("Name some model serving tools");
  CHECK(tools.data.at("category").as_string() == "serving");
  CHECK(tools.data.at("tools").as_array().size() == 4);
  CHECK(mentions(ask("What is IaaS?"), "virtualized"));
  CHECK(mentions(ask("What do fintech companies use MLOps for?"), "fraud detection"));
  CHECK(ask("hello").intent == "smalltalk.greet");
  CHECK(ask("what can you do?").intent == "help");
}

TEST_CASE("out of scope questions get no invented figure", "[engine]") {
  for (const char* text : {"What is the salary of a doctor in the US?", "salary of a plumber in pune",
                           "Tell me a joke", "zxqv blorp"}) {
    INFO(text);
    const auto answer = ask(text);
    CHECK(answer.intent == "out_of_scope");
    CHECK(answer.data.empty());
    CHECK_FALSE(mentions(answer, "LPA"));
  }
}

TEST_CASE("a conversation carries its entities — a new topic starts fresh", "[engine][conversation]") {
  bot::Conversation conversation;
  auto first = engine()->ask(conversation, "How much does an MLOps engineer with 1 year experience make?");
  CHECK(salary(first, "max_lpa") == 10);
  auto second = engine()->ask(conversation, "and with 4 years?");
  CHECK(second.intent == "salary.estimate");
  CHECK(salary(second, "max_lpa") == 20);
  auto third = engine()->ask(conversation, "what if I'm in Pune?");
  CHECK(salary(third, "max_lpa") == 20);
  CHECK(third.entities.at("city").as_string() == "pune");
  auto fourth = engine()->ask(conversation, "what about lead level?");
  CHECK(salary(fourth, "min_lpa") == 40);
  auto fresh = engine()->ask(conversation, "What skills do I need?");
  CHECK(fresh.intent == "role.skills");
  CHECK_FALSE(fresh.entities.contains("city"));

  bot::Conversation compare;
  engine()->ask(compare, "MLOps vs cloud engineer salary");
  auto more = engine()->ask(compare, "and ML engineers?");
  CHECK(more.intent == "salary.compare");
  CHECK(more.data.at("comparison").as_array().size() == 3);

  conversation.reset();
  CHECK(conversation.last_intent.empty());
  CHECK(bot::Conversation::from_json(compare.to_json()).to_json() == compare.to_json());
}

TEST_CASE("bad input gets an honest answer, never a crash or an SQL error", "[engine][bad-input]") {
  const std::string inputs[] = {"",
                                "   \t\n ",
                                std::string(100 * 1024, 'a'),
                                std::string("\xff\xfe\xfd salary", 10),
                                std::string("\x01\x02\x1b[2J", 6),
                                "😀😀😀",
                                "वेतन कितना है",
                                "\" OR 1=1 -- NEAR(salary, 5) AND NOT *",
                                "what is '); DROP TABLE passages; --",
                                std::string(5000, 'x') + " what is mlops"};
  for (const auto& text : inputs) {
    INFO(text.substr(0, 40));
    const auto answer = ask(text);
    CHECK_FALSE(answer.intent.empty());
    CHECK_FALSE(answer.text.empty());
    CHECK(answer.text.find("SQL") == std::string::npos);
    CHECK(answer.text.find("fts5") == std::string::npos);
    // The answer object as the adapters send it reads back as JSON in valid UTF-8 (Boost.JSON's
    // parser refuses anything else), its text unchanged. Its fields are validated against
    // docs/answer.schema.json by tests/contract (ctest -R contract), on these inputs too.
    boost::json::value parsed;
    REQUIRE_NOTHROW(parsed = boost::json::parse(bot::serialize(bot::to_json(answer))));
    CHECK(parsed.at("text").as_string() == answer.text);
  }
}

TEST_CASE("a stale or missing knowledge base is rebuilt — a missing corpus is a clear error", "[engine]") {
  auto options = bot::EngineOptions::defaults();
  options.corpus_dir = std::string(MLOPS_BOT_SOURCE_DIR) + "/knowledge/corpus";
  options.intents_dir = std::string(MLOPS_BOT_SOURCE_DIR) + "/intents/data";
  options.db_path = std::filesystem::temp_directory_path() / ("mlops-bot-stale-" + std::to_string(getpid()) + ".db");
  std::ostringstream log;
  options.log = &log;
  // A file that is no knowledge base of ours is refused and left as it was.
  { std::ofstream junk(options.db_path); junk << "not a database"; }
  CHECK_THROWS_WITH(bot::Engine::open(options), Catch::Contains("not a knowledge base"));
  {
    std::ifstream kept(options.db_path);
    std::string content((std::istreambuf_iterator<char>(kept)), std::istreambuf_iterator<char>());
    CHECK(content == "not a database");
  }
  std::filesystem::remove(options.db_path);
  const auto built = bot::Engine::open(options);
  CHECK(log.str().find("building") != std::string::npos);
  CHECK(built->knowledge_summary().salaries == 9);
  // A stale knowledge base of ours is rebuilt in place.
  std::filesystem::remove(options.db_path);

  options.corpus_dir = "/nonexistent/corpus";
  CHECK_THROWS_WITH(bot::Engine::open(options), Catch::Contains("/nonexistent/corpus"));
}

namespace {

// A copy of intents/data in a folder of this process's own (`name` tells the cases apart), with
// each of `edits` (a pattern and its replacement) made once to intents.json.
std::filesystem::path intents_copy(const std::string& name,
                                   const std::vector<std::pair<std::string, std::string>>& edits) {
  const auto folder =
      std::filesystem::temp_directory_path() / ("mlops-bot-intents-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  const std::filesystem::path data = std::string(MLOPS_BOT_SOURCE_DIR) + "/intents/data";
  std::filesystem::copy_file(data / "entities.json", folder / "entities.json");
  std::ifstream in(data / "intents.json");
  std::stringstream text;
  text << in.rdbuf();
  std::string changed = text.str();
  for (const auto& [pattern, replacement] : edits) {
    const auto before = changed;
    changed = std::regex_replace(before, std::regex(pattern), replacement, std::regex_constants::format_first_only);
    INFO(pattern);
    REQUIRE(changed != before);
  }
  std::ofstream(folder / "intents.json") << changed;
  return folder;
}

bot::EngineOptions options_for(const std::filesystem::path& intents) {
  auto options = bot::EngineOptions::defaults();
  options.corpus_dir = std::string(MLOPS_BOT_SOURCE_DIR) + "/knowledge/corpus";
  options.intents_dir = intents;
  options.db_path = intents / "knowledge.db";
  options.log = nullptr;
  return options;
}

// Runs a shell command, stdin from /dev/null and stderr with stdout: (exit status, output).
std::pair<int, std::string> run(const std::string& command) {
  FILE* pipe = popen((command + " </dev/null 2>&1").c_str(), "r");
  REQUIRE(pipe);
  std::string output;
  char chunk[4096];
  for (std::size_t size; (size = std::fread(chunk, 1, sizeof chunk, pipe)) > 0;) output.append(chunk, size);
  const int status = pclose(pipe);
  REQUIRE(WIFEXITED(status));
  return {WEXITSTATUS(status), output};
}

}  // namespace

TEST_CASE("an intent in the data without a handler is refused at start-up, by name", "[engine][data]") {
  // A rule, so that the matcher can choose it, and no handler.
  const auto intents =
      intents_copy("unanswered",
                   {{R"("intents": \{)", R"("intents": {"salary.retired": {"rules": [{"all": ["SAL"], "w": 9}]},)"}});
  const auto options = options_for(intents);
  CHECK_THROWS_AS(bot::Engine::open(options), bot::DataError);
  CHECK_THROWS_WITH(bot::Engine::open(options), Catch::Contains("\"salary.retired\"") && Catch::Contains("handler"));

  SECTION("every command that starts the engine says so and exits 2") {
    const std::string data = " --intents " + intents.string() + " --db " + options.db_path.string();
    // `timeout`: were serve to start after all, the test fails instead of waiting for ever.
    for (const std::string& command : {"ask" + data + " 'what does a retired engineer earn?'", "chat" + data,
                                      "eval" + data + " " + MLOPS_BOT_SOURCE_DIR + "/tests/eval/dev.jsonl",
                                      "serve" + data + " --host 127.0.0.1 --port 0"}) {
      const auto [status, output] = run("timeout 120 " + std::string(MLOPS_BOT_BINARY) + " " + command);
      INFO(command << "\n" << output);
      CHECK(status == 2);
      CHECK(output.find("intent \"salary.retired\" has no handler") != std::string::npos);
    }
  }
  std::filesystem::remove_all(intents);
}

TEST_CASE("the intents data says what the engine does with an intent, and a handler it leaves out is a warning",
          "[engine][data]") {
  const auto intents = intents_copy(
      "traits", {// No market.demand: its handler stays in the registry with nothing to reach it.
                 {R"(,\s*"market\.demand": \{[\s\S]*?\n    \})", ""},
                 // salary.estimate is no longer a topic a later turn builds on.
                 {R"re(("salary\.estimate": \{\s*"traits": \[)"topic", )re", "$1"},
                 // What the documents do not cover is answered with the help.
                 {R"("out_of_scope": "out_of_scope")", R"("out_of_scope": "help")"}});
  auto options = options_for(intents);
  std::ostringstream log;
  options.log = &log;
  const auto edited = bot::Engine::open(options);
  CHECK(log.str().find("warning") != std::string::npos);
  CHECK(log.str().find("no intent \"market.demand\"") != std::string::npos);

  bot::Conversation salary_talk;
  edited->ask(salary_talk, "How much does an MLOps engineer with 1 year experience make?");
  CHECK(salary_talk.last_intent.empty());
  bot::Conversation original;
  engine()->ask(original, "How much does an MLOps engineer with 1 year experience make?");
  CHECK(original.last_intent == "salary.estimate");

  bot::Conversation gibberish;
  CHECK(edited->ask(gibberish, "zxqv blorp").intent == "help");
  CHECK(ask("zxqv blorp").intent == "out_of_scope");
  CHECK(edited->ask(gibberish, "is there demand for mlops engineers?").intent != "market.demand");
  std::filesystem::remove_all(intents);
}

TEST_CASE("a trait or engine intent the program does not know stops the engine at start-up, by name",
          "[engine][data]") {
  for (const auto& [edit, message] : std::vector<std::pair<std::pair<std::string, std::string>, std::string>>{
           {{R"("traits": \["topic", "role", "pay", "gathers_roles"\])", R"("traits": ["topic", "roles"])"},
            "unknown trait \"roles\""},
           {{R"("traits": \["topic"\])", R"("traits": "topic")"}, "\"traits\" must be an array"},
           {{R"("compare": "salary.compare")", R"("compare": "salary.contrast")"}, "\"salary.contrast\""},
           {{R"("rules": \[)", R"("rule": [], "rules": [)"}, "unknown key \"rule\""}}) {
    const auto intents = intents_copy("bad", {edit});
    INFO(message);
    CHECK_THROWS_WITH(bot::Engine::open(options_for(intents)),
                      Catch::Contains(message) && Catch::Contains("intents.json"));
    std::filesystem::remove_all(intents);
  }
}

TEST_CASE("a conversation that names an intent this engine does not answer starts afresh", "[engine][conversation]") {
  // Such as one saved in a shared Redis by another version, whose data had the intent.
  bot::Conversation conversation;
  engine()->ask(conversation, "How much does an MLOps engineer with 1 year experience make?");
  conversation.last_intent = "salary.retired";
  const auto answer = engine()->ask(conversation, "and with 4 years?");
  CHECK_FALSE(answer.intent.empty());
  CHECK(answer.intent != "salary.retired");
  CHECK_FALSE(answer.text.empty());
}

TEST_CASE("the answer object stores whole numbers as integers and the confidence with three decimals",
          "[engine][json]") {
  auto answer = ask("What does an MLOps engineer with 3 years in Bengaluru earn?");
  answer.confidence = 0.7727272727272726;
  answer.data["nested"] = boost::json::array{10.0, 6.5, boost::json::object{{"x", 1e6}}};
  const auto json = bot::to_json(answer);
  CHECK(json.at("intent").at("confidence").as_double() == 0.773);
  CHECK(json.at("data").at("salary").at("min_lpa").is_int64());
  CHECK(json.at("entities").at("experience_years").is_int64());
  CHECK(json.at("data").at("nested").at(0).is_int64());
  CHECK(json.at("data").at("nested").at(1).as_double() == 6.5);
  CHECK(json.at("data").at("nested").at(2).at("x").as_int64() == 1000000);

  const auto text = bot::serialize(json);
  CHECK(text.find(R"("confidence":0.773})") != std::string::npos);
  CHECK(text.find(R"("min_lpa":10,)") != std::string::npos);
  CHECK(text.find(R"("nested":[10,6.5,{"x":1000000}])") != std::string::npos);
  CHECK(boost::json::parse(text) == boost::json::value(json));
}

TEST_CASE("serialize writes what Boost.JSON writes, but numbers plainly", "[json]") {
  const auto value = boost::json::parse(
      R"({"s":"quote \" backslash \\ newline \n tab \t bell \u0007 ₹ é","n":null,"t":true,"f":false,)"
      R"("i":-42,"u":18446744073709551615,"d":[0.5,-0.25,1e21,1e-7,2.5e-3],"e":{},"a":[]})");
  const auto text = bot::serialize(value);
  CHECK(boost::json::parse(text) == value);
  CHECK(text.find(R"("s":"quote \" backslash \\ newline \n tab \t bell \u0007 ₹ é")") != std::string::npos);
  CHECK(text.find(R"("d":[0.5,-0.25,1e+21,1e-07,0.0025])") != std::string::npos);
  CHECK(text.find(R"("i":-42,"u":18446744073709551615)") != std::string::npos);
  CHECK(text.find(R"("e":{},"a":[]})") != std::string::npos);
}

TEST_CASE("serialize escapes a character wherever it stands in a run of plain text", "[json]") {
  // Plain runs are skipped eight bytes at a time: every special character at every offset, and
  // bytes next to the ones that must be escaped (0x1f, 0x20, '!', '#', '[', ']', 0x7f, UTF-8).
  const std::vector<std::string> specials{"\"", "\\", "\n", std::string(1, '\0'), "\x1f", "\x01", " ",
                                         "!",  "#",  "[",  "]",                   "\x7f", "\xc3\xa9", "\xe2\x82\xb9"};
  for (const auto& special : specials) {
    for (std::size_t at = 0; at < 20; ++at) {
      std::string text(at, 'a');
      text += special;
      text += std::string(19 - at, 'b');
      const boost::json::value value = boost::json::string(text);
      INFO("special " << static_cast<int>(static_cast<unsigned char>(special[0])) << " at " << at);
      CHECK(bot::serialize(value) == boost::json::serialize(value));
    }
  }
  // Keys and values on both sides of the short-string path (64 bytes), plain and escaped.
  boost::json::object object;
  for (const std::size_t length : {0, 1, 63, 64, 65, 200})
    for (const char* fill : {"k", "\"", "\x02"}) {
      std::string text;
      for (std::size_t i = 0; i < length; ++i) text += fill;
      object[text + std::to_string(length)] = text;
    }
  CHECK(bot::serialize(object) == boost::json::serialize(object));
}

TEST_CASE("no suggestion repeats the question it follows", "[engine]") {
  // Each suggestion, asked in turn: its own answer never offers it again.
  std::vector<std::string> questions{"Which tools are used for model serving?", "What is IaaS?",
                                     "What does an MLOps engineer with 3 years earn?", "What skills do I need for MLOps?"};
  std::set<std::string> asked;
  for (std::size_t i = 0; i < questions.size() && asked.size() < 40; ++i) {
    if (!asked.insert(questions[i]).second) continue;
    const auto answer = ask(questions[i]);
    INFO(questions[i]);
    for (const auto& suggestion : answer.suggestions) {
      CHECK(suggestion != questions[i]);
      questions.push_back(suggestion);
    }
  }
  CHECK(asked.size() > 4);
}

TEST_CASE("a topic answer fits a chat, and offers the rest", "[engine]") {
  const auto short_answer = ask("What is IaaS?");
  CHECK(short_answer.text.find("virtualized computing infrastructure") != std::string::npos);  // the definition leads
  CHECK(short_answer.text.size() < 1200);
  REQUIRE_FALSE(short_answer.suggestions.empty());
  const std::string more = short_answer.suggestions.front();
  CHECK(more.starts_with("More about IaaS"));
  const auto rest = ask(more);
  CHECK(rest.intent == "topic.explain");
  CHECK(rest.text.size() > short_answer.text.size());
  CHECK(rest.text.find("IP Addresses") != std::string::npos);
}

TEST_CASE("'how does that compare with X?' sets the conversation's role against X", "[engine][conversation]") {
  bot::Conversation conversation;
  engine()->ask(conversation, "What does an MLOps engineer with 3 years earn?");
  const auto compared = engine()->ask(conversation, "how does that compare with a data scientist?");
  CHECK(compared.intent == "salary.compare");
  const auto roles = compared.entities.at("role").as_array();
  REQUIRE(roles.size() == 2);
  CHECK(roles[0] == "mlops_engineer");
  CHECK(roles[1] == "data_scientist");
}

TEST_CASE("what a role does: a section headed by its name, else its document's opening", "[engine]") {
  const auto folder = std::filesystem::temp_directory_path() / ("mlops-bot-roles-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  {
    std::ofstream pm(folder / "product-manager-salary-india.md");
    pm << "# Product Manager Salary in India\n\nPay has grown fast in the last five years.\n\n"
          "## Product Manager\n\nProduct Managers are responsible for the product's vision and its roadmap.\n\n"
          "## Salary by experience\n\n- Associate PM (0–2 yrs): ₹8–15 LPA\n";
    std::ofstream sre(folder / "site-reliability-engineer-career-india.md");
    sre << "# Site Reliability Engineer Career in India\n\nSREs keep production systems available by writing "
           "software that automates operations and by designing SLOs.\n\n## Where SREs work\n\nAt product companies.\n";
  }
  const auto engine = engine_over(folder);
  bot::Conversation conversation;
  const auto pm = engine->ask(conversation, "What does a product manager do?");
  CHECK(pm.intent == "role.responsibilities");
  CHECK(pm.text.find("vision") != std::string::npos);
  bot::Conversation other;
  const auto sre = engine->ask(other, "What does an SRE do?");  // the title's initials name the role
  CHECK(sre.intent == "role.responsibilities");
  CHECK(sre.text.find("SLOs") != std::string::npos);
  std::filesystem::remove_all(folder);
}

TEST_CASE("an answer starts with a capital", "[engine]") {
  for (const char* question : {"Senior data scientist salary", "What does an MLOps engineer with 3 years earn?",
                               "devops engineer salary with 6 years"}) {
    const auto answer = ask(question);
    INFO(question << " -> " << answer.text);
    REQUIRE_FALSE(answer.text.empty());
    CHECK_FALSE(std::islower(static_cast<unsigned char>(answer.text.front())));
  }
}

TEST_CASE("a figure for every level is never presented as one level's", "[engine]") {
  const auto senior = ask("Senior data scientist salary");
  CHECK(senior.text.find("Senior-level Data Scientist earns") == std::string::npos);
  CHECK(mentions(senior, "no figure by experience"));
  CHECK(salary(senior, "min_lpa") == 8);  // the documents' one figure, said to be for all levels
}

TEST_CASE("beside other documents, a topic is answered from the articles about the corpus's roles", "[engine]") {
  const auto folder = std::filesystem::temp_directory_path() / ("mlops-bot-domain-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  for (const auto& file : std::filesystem::directory_iterator(std::string(MLOPS_BOT_SOURCE_DIR) + "/knowledge/corpus"))
    std::filesystem::copy_file(file.path(), folder / file.path().filename());
  {
    // A manual page opening with a question word, and one whose words match the question's better.
    std::ofstream perl(folder / "tie-file.md");
    perl << "# Tie::File\n\n## recsep\n\nWhat is a 'record'? By default it is a string terminated by a newline.\n";
    std::ofstream cpuset(folder / "cpuset.md");
    cpuset << "# cpuset\n\n## Scheduler load balancing\n\nLoad balancers of the scheduler spread load balancing "
              "across CPUs: load balancing is expensive on large systems.\n";
  }
  const auto engine = engine_over(folder);
  bot::Conversation one;
  const auto mlops = engine->ask(one, "What is MLOps?");  // "what" is no subject a document defines
  CHECK(mlops.intent == "topic.explain");
  CHECK(mlops.text.find("DevOps") != std::string::npos);
  CHECK(mlops.text.find("record") == std::string::npos);
  bot::Conversation two;
  const auto balancers = engine->ask(two, "What are load balancers?");
  CHECK(balancers.text.find("traffic") != std::string::npos);
  CHECK(balancers.text.find("CPUs") == std::string::npos);
  std::filesystem::remove_all(folder);
}

TEST_CASE("ask back: a real fork gets a question with both readings as quick replies", "[engine][ask-back]") {
  bot::Conversation conversation;
  const auto question = engine()->ask(conversation, "MLOps engineer vs DevOps engineer?");
  REQUIRE(question.data.contains("clarify"));
  const auto& clarify = question.data.at("clarify").as_object();
  CHECK(clarify.at("question").as_string() == "Do you mean the pay difference, or how the work differs?");
  CHECK(question.text == "Do you mean the pay difference, or how the work differs?");
  const auto& options = clarify.at("options").as_array();
  REQUIRE(options.size() == 2);
  CHECK(options[0].at("intent").as_string() == "salary.compare");
  CHECK(options[1].at("intent").as_string() == "role.responsibilities");
  CHECK(question.suggestions == std::vector<std::string>{"The pay difference", "How the work differs"});
  // The guess is the work's reading, at about even odds; no figure is given before the person chooses.
  CHECK(question.intent == "role.responsibilities");
  CHECK(question.confidence > 0.45);
  CHECK(question.confidence < 0.55);
  CHECK_FALSE(mentions(question, "LPA"));
  CHECK(question.entities.at("role").as_array().size() == 2);
  // An answer like any other: feedback and the learning loop name it by its id.
  CHECK(bot::is_answer_id(question.answer_id));
  // A store keeps the question asked back across processes.
  CHECK(bot::Conversation::from_json(conversation.to_json()).to_json() == conversation.to_json());
  CHECK(conversation.to_json().contains("asked_back"));

  // Tapping a reply answers the first question as that intent, with its roles.
  bot::Conversation pay = conversation, work = conversation;
  const auto compared = engine()->ask(pay, "The pay difference");
  CHECK(compared.intent == "salary.compare");
  CHECK_FALSE(compared.data.contains("clarify"));
  REQUIRE(compared.data.contains("comparison"));
  std::set<std::string> roles;
  for (const auto& row : compared.data.at("comparison").as_array())
    roles.insert(std::string(row.at("role").as_string()));
  CHECK(roles == std::set<std::string>{"mlops_engineer", "devops_engineer"});
  CHECK(pay.asked_about.empty());
  // The conversation goes on from the chosen reading.
  const auto more = engine()->ask(pay, "and data scientists?");
  CHECK(more.intent == "salary.compare");
  CHECK(more.data.at("comparison").as_array().size() == 3);

  const auto duties = engine()->ask(work, "how the work differs");  // typed, in other letters
  CHECK(duties.intent == "role.responsibilities");
  CHECK_FALSE(duties.data.contains("clarify"));
  CHECK_FALSE(mentions(duties, "LPA"));
  CHECK(duties.entities.at("role").as_array().size() == 2);
}

TEST_CASE("ask back: another question instead of a reply is answered as itself", "[engine][ask-back]") {
  bot::Conversation conversation;
  REQUIRE(engine()->ask(conversation, "MLOps vs DevOps").data.contains("clarify"));
  const auto other = engine()->ask(conversation, "What does an MLOps engineer with 3 years earn?");
  CHECK(other.intent == "salary.estimate");
  CHECK(salary(other, "max_lpa") == 20);
  // The question asked back is forgotten after one turn.
  CHECK(conversation.asked_about.empty());
  CHECK(conversation.ask_back_options.empty());
  CHECK(conversation.last_intent == "salary.estimate");
}

TEST_CASE("ask back: a clear question is answered, never asked back", "[engine][ask-back]") {
  for (const char* text :
       {"MLOps vs DevOps salary", "what separates MLOps from plain DevOps?", "which pays more, devops or mlops",
        "What is the salary of an MLOps engineer in India?", "Is the CKA worth it?", "What is MLOps?"}) {
    INFO(text);
    const auto answer = ask(text);
    CHECK_FALSE(answer.data.contains("clarify"));
  }
}

TEST_CASE("salary.estimate: a word only one band's label holds names that band", "[engine]") {
  const auto folder = std::filesystem::temp_directory_path() / ("mlops-bot-bands-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  {
    std::ofstream qa(folder / "qa-engineer-salary-india.md");
    qa << "# QA Engineer Salary in India\n\nTesting jobs are growing.\n\n## Pay by grade\n\n"
          "- Associate (0–2 yrs): ₹3–5 LPA\n- Specialist (2–6 yrs): ₹6–11 LPA\n"
          "- Distinguished Fellow (12+ yrs): ₹40–70 LPA\n";
  }
  const auto engine = engine_over(folder);
  bot::Conversation conversation;
  const auto first = engine->ask(conversation, "QA engineer salary with 1 year of experience");
  CHECK(salary(first, "min_lpa") == Approx(3));
  const auto fellow = engine->ask(conversation, "what does a fellow earn?");
  CHECK(fellow.intent == "salary.estimate");
  REQUIRE(fellow.data.contains("salary"));
  CHECK(salary(fellow, "min_lpa") == Approx(40));
  CHECK(salary(fellow, "max_lpa") == Approx(70));
  std::filesystem::remove_all(folder);
}

TEST_CASE("market.demand: 'which companies hire' puts the sentence naming employers first, said once", "[engine]") {
  const auto folder = std::filesystem::temp_directory_path() / ("mlops-bot-employers-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  const std::string intro =
      "QA engineers test software before each release and write automated checks for the teams they serve. "
      "They review requirements and report defects in detail. "
      "Most of them work at IT services firms such as Infosys and Wipro, or at Zoho. "
      "Testing is a large and steady field for QA engineers.\n\n";
  {
    std::ofstream qa(folder / "qa-engineer-career-india.md");
    qa << "# QA Engineer Career in India\n\n" << intro << "## Overview\n\n" << intro;
  }
  const auto engine = engine_over(folder);
  bot::Conversation conversation;
  const auto answer = engine->ask(conversation, "Which companies hire QA engineers in India?");
  CHECK(answer.intent == "market.demand");
  const auto employers = answer.text.find("Infosys");
  REQUIRE(employers != std::string::npos);
  CHECK(answer.text.find("Infosys", employers + 1) == std::string::npos);
  std::filesystem::remove_all(folder);
}

TEST_CASE("skills and qualifications: a roadmap's tables, else what the role's documents say in passing", "[engine]") {
  const auto folder = std::filesystem::temp_directory_path() / ("mlops-bot-skills-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  {
    // Markdown: a roadmap whose stages are tables, under a heading with a hyphenated adjective.
    std::ofstream qa(folder / "qa-engineer-career-india.md");
    qa << "# How to Become a QA Engineer\n\nQA engineers test software before each release.\n\n"
          "## End-to-End QA Engineer Roadmap\n\n### Stage 1 — Basics\n\n| Topic | What to Learn |\n|---|---|\n"
          "| Test design | Boundary values, equivalence classes |\n| Selenium | Locators, waits |\n";
    // Plain text: no section on skills or qualifications, only sentences that say them.
    std::ofstream network(folder / "network-engineer-career-india.txt");
    network << "Network Engineer Career in India\n\nNetwork engineers keep offices and data centres connected. "
               "Day to day you configure routers and automate changes with Python scripts. "
               "No engineering degree is required, and diploma holders are hired often.\n\n"
               "Where they work\n\nAt telecom operators and banks.\n";
  }
  const auto engine = engine_over(folder);
  auto ask_engine = [&](const std::string& text) {
    bot::Conversation conversation;
    return engine->ask(conversation, text);
  };
  const auto qa = ask_engine("What skills does a QA engineer need?");
  CHECK(qa.intent == "role.skills");
  CHECK(mentions(qa, "Selenium"));
  const auto scripts = ask_engine("Which programming languages do network engineers write scripts in?");
  CHECK(scripts.intent == "role.skills");
  CHECK(mentions(scripts, "Python scripts"));
  REQUIRE_FALSE(scripts.sources.empty());
  CHECK(scripts.sources.front().doc == "network-engineer-career-india");
  const auto degree = ask_engine("Do I need a degree to become a network engineer?");
  CHECK(degree.intent == "role.qualifications");
  CHECK(mentions(degree, "diploma holders"));
  // A question none of the role's sentences speaks to still gets the honest answer.
  const auto nothing = ask_engine("Which certifications does a network engineer need?");
  CHECK_FALSE(mentions(nothing, "routers"));
  std::filesystem::remove_all(folder);
}

namespace {

// An engine over documents written into a fresh folder, removed when the test is done.
struct FolderEngine {
  std::filesystem::path folder;
  std::shared_ptr<const bot::Engine> engine;

  FolderEngine(const std::string& name, const std::vector<std::pair<std::string, std::string>>& files)
      : folder(std::filesystem::temp_directory_path() / ("mlops-bot-" + name + "-" + std::to_string(getpid()))) {
    std::filesystem::create_directories(folder);
    for (const auto& [file, text] : files) std::ofstream(folder / file) << text;
    auto options = bot::EngineOptions::defaults();
    options.corpus_dir = folder;
    options.intents_dir = std::string(MLOPS_BOT_SOURCE_DIR) + "/intents/data";
    options.db_path = folder / "kb.db";
    options.log = nullptr;
    engine = bot::Engine::open(options);
  }
  ~FolderEngine() { std::filesystem::remove_all(folder); }

  bot::Answer ask(const std::string& text) const {
    bot::Conversation conversation;
    return engine->ask(conversation, text);
  }
};

}  // namespace

TEST_CASE("a field beside another role's word is that role's field, not a role of its own", "[engine][roles]") {
  const FolderEngine docs(
      "fields", {{"test-analyst-career-india.md",
                  "# Test Analyst Career in India\n\n## What is Test Automation?\n\nTest automation is the practice of "
                  "running checks by script instead of by hand.\n\n## Related roles\n\n| Role | Pay |\n|---|---|\n"
                  "| Automation Engineer | ₹9–15 LPA |\n"}});
  const auto topic = docs.ask("What is test automation?");
  CHECK(topic.intent == "topic.explain");
  CHECK(mentions(topic, "running checks by script"));
  CHECK_FALSE(topic.entities.contains("role"));
  // The field's word alone still names the role only the documents know.
  const auto pay = docs.ask("Are automation salaries rising?");
  REQUIRE(pay.entities.contains("role"));
  CHECK(pay.entities.at("role").as_array().front().as_string() == "automation_engineer");
}

TEST_CASE("pay asked for an occupation the documents never name is out of scope, with a city too", "[engine]") {
  const FolderEngine docs(
      "occupations", {{"test-analyst-salary-india.txt",
                       "Test Analyst Salary in India\n\nEntry level (0-2 yrs): ₹3–5 LPA\n\nWhere pay is higher\n\n"
                       "Salaries in Pune and Chennai are higher, and many firms pay a joining bonus each month.\n"}});
  for (const char* question : {"How much does a carpenter make per month in Pune?", "How much does a chef make in Chennai?"}) {
    const auto answer = docs.ask(question);
    CHECK(answer.intent == "out_of_scope");
    CHECK_FALSE(answer.data.contains("salary"));
  }
  // A role the documents give pay for, asked the same way, is answered.
  CHECK(docs.ask("How much does a test analyst make per month in Pune?").intent == "salary.estimate");
}

TEST_CASE("pay asked for another country: the figure stated in its currency, else no figure", "[engine][currency]") {
  const FolderEngine docs(
      "abroad",
      {{"test-analyst-salary-india.txt",
        "Test Analyst Salary in India\n\nEntry level (0-2 yrs): ₹3–5 LPA\n\nAbroad\n\n"
        "In the United States, a test analyst earns around $70,000 a year.\n"},
       {"network-engineer-salary-india.md",
        "# Network Engineer Salary in India\n\n| Level | Pay |\n|---|---|\n| Junior (0–2 yrs) | ₹4–7 LPA |\n"}});
  const auto us = docs.ask("How much do test analysts earn in the US?");
  CHECK(us.intent == "salary.estimate");
  REQUIRE(us.data.contains("salary"));
  CHECK(us.data.at("salary").at("currency").as_string() == "USD");
  CHECK(mentions(us, "70,000"));
  CHECK_FALSE(mentions(us, "LPA"));
  // No figure in that country's currency: no rupee figure passed off as one.
  for (const char* question : {"How much do test analysts earn in the UK?", "Network engineer salary in the US"}) {
    const auto none = docs.ask(question);
    CHECK_FALSE(none.data.contains("salary"));
    CHECK_FALSE(mentions(none, "LPA"));
  }
  // Asked without a country, the rupee figure.
  const auto india = docs.ask("What does an entry level test analyst earn?");
  REQUIRE(india.data.contains("salary"));
  CHECK(india.data.at("salary").at("currency").as_string() == "INR");
}

TEST_CASE("a subject the rules take for uncovered is covered where the role's document has a section on it",
          "[engine]") {
  const FolderEngine docs(
      "covered", {{"qa-engineer-career-india.md",
                   "# QA Engineer Career in India\n\nQA engineers test software before each release. AI tools help "
                   "them write tests faster and replace some manual checks.\n\n## Stage 3 — Interviews\n\n"
                   "Selenium is asked in most QA interviews. Practise locators.\n"}});
  const auto interviews = docs.ask("How important is Selenium in QA engineer interviews?");
  CHECK(interviews.intent == "topic.explain");
  CHECK(mentions(interviews, "asked in most QA interviews"));
  // Words of a sentence alone, under no heading on them, do not make the subject covered.
  CHECK(docs.ask("Will AI replace QA engineers?").intent == "out_of_scope");
}

TEST_CASE("a role the vocabulary knows but no document names is out of scope, named as people write it",
          "[engine][roles]") {
  const FolderEngine docs("unnamed-role", {{"notes.txt",
                                            "Pay in machine learning\n\nMachine learning engineers in India "
                                            "earn ₹6–16 LPA, and more at top firms.\n"}});
  const auto unnamed = docs.ask("What does an MLOps engineer earn?");
  CHECK(unnamed.intent == "out_of_scope");
  CHECK_FALSE(unnamed.data.contains("salary"));
  CHECK(mentions(unnamed, "say nothing about MLOps Engineers"));
  // The role the text names, without a title or heading to label it: its name from its id.
  const auto named = docs.ask("What does a machine learning engineer earn?");
  CHECK(named.intent == "salary.estimate");
  CHECK(mentions(named, "ML Engineer"));
  CHECK_FALSE(mentions(named, "Ml Engineer"));
}

TEST_CASE("salary.estimate: the follow-up offered is a band the documents have", "[engine]") {
  const FolderEngine docs("next-band", {{"qa-engineer-salary-india.md",
                                         "# QA Engineer Salary in India\n\n- Junior (0–2 yrs): ₹3–5 LPA\n"
                                         "- Mid (2–5 yrs): ₹6–10 LPA\n- Senior (8+ yrs): ₹15–25 LPA\n"},
                                        {"data-analyst-salary-india.md",
                                         "# Data Analyst Salary in India\n\nA data analyst earns ₹4–9 LPA.\n"}});
  const auto offered = [](const bot::Answer& answer, const std::string& question) {
    return std::find(answer.suggestions.begin(), answer.suggestions.end(), question) != answer.suggestions.end();
  };
  // 2 years is in both of the first two bands; 3 is in the second alone.
  CHECK(offered(docs.ask("QA engineer salary with 1 year of experience"), "What about 3 years?"));
  CHECK(offered(docs.ask("QA engineer salary with 4 years of experience"), "What about 8 years?"));
  // No band after the last, and none at all for a role with one figure: no years offered.
  for (const char* question : {"QA engineer salary with 10 years of experience", "What does a data analyst earn?"}) {
    const auto answer = docs.ask(question);
    REQUIRE(answer.data.contains("salary"));
    CHECK(std::none_of(answer.suggestions.begin(), answer.suggestions.end(),
                       [](const std::string& suggestion) { return suggestion.starts_with("What about"); }));
  }
}

TEST_CASE("a figure's quote is its whole sentence: 'Rs.' and other abbreviations end none", "[engine]") {
  const FolderEngine docs("quotes", {{"qa-engineer-salary-india.txt",
                                      "QA Engineer Salary in India\n\nHiring is steady. The average QA engineer salary "
                                      "in India is Rs. 4,50,000 per year, approx. the same as last year. Few earn more.\n"}});
  const auto answer = docs.ask("What does a QA engineer earn?");
  REQUIRE(answer.data.contains("salary"));
  CHECK(mentions(answer, "“The average QA engineer salary in India is Rs. 4,50,000 per year, approx. the same as last year.”"));
  CHECK_FALSE(mentions(answer, "Hiring is steady"));
  CHECK_FALSE(mentions(answer, "Few earn more"));
}

TEST_CASE("one company's pay is answered where a figure is labelled with its name, else out of scope",
          "[engine][employer]") {
  const FolderEngine docs("employers", {{"qa-engineer-salary-india.md",
                                         "# QA Engineer Salary in India\n\n## Pay by experience\n\n"
                                         "- Entry level (0–2 yrs): ₹3–5 LPA\n- Senior (5+ yrs): ₹10–16 LPA\n\n"
                                         "## Pay by company\n\n| Company | Average salary |\n|---|---|\n"
                                         "| Amazon | ₹18 LPA |\n| Zoho | ₹7 LPA |\n"}});
  const auto amazon = docs.ask("How much does Amazon pay QA engineers?");
  CHECK(amazon.intent == "salary.estimate");
  REQUIRE(amazon.data.contains("salary"));
  CHECK(salary(amazon, "min_lpa") == Approx(18));
  // The same as a follow-up to a pay answer, said of the row without "no figure for Big Tech".
  bot::Conversation conversation;
  docs.engine->ask(conversation, "What does a senior QA engineer earn?");
  const auto follow_up = docs.engine->ask(conversation, "and at Amazon?");
  CHECK(follow_up.intent == "salary.estimate");
  REQUIRE(follow_up.data.contains("salary"));
  CHECK(salary(follow_up, "min_lpa") == Approx(18));
  CHECK_FALSE(mentions(follow_up, "no figure for"));
  // The overview lists the row as what it is, not as the role's pay across all levels.
  const auto overview = docs.ask("What does a QA engineer earn?");
  CHECK(mentions(overview, "- **₹18 LPA** — Amazon"));
  CHECK_FALSE(mentions(overview, "Across all levels"));
  // A company no figure names, alone or beside words the documents know, gets no figure.
  for (const char* question : {"How much does Google pay QA engineers?", "What do entry level QA engineers earn at Google?",
                               "How much does Amazon pay QA engineers in Seattle?"}) {
    const auto none = docs.ask(question);
    CHECK(none.intent == "out_of_scope");
    CHECK_FALSE(none.data.contains("salary"));
  }
}

TEST_CASE("salary.estimate: a figure stated for a level answers for that level, never for other years", "[engine]") {
  const FolderEngine docs("levels", {{"data-engineer-salary-india.txt",
                                      "Data Engineer Salary in India\n\nA fresher data engineer in India earns about "
                                      "₹4.2 lakh a year. Senior data engineers (8+ years) can command packages of "
                                      "₹30-45 lakhs per annum.\n"}});
  const auto fresher = docs.ask("What does a fresher data engineer earn?");
  REQUIRE(fresher.data.contains("salary"));
  CHECK(salary(fresher, "min_lpa") == Approx(4.2));
  CHECK_FALSE(mentions(fresher, "no figure by experience"));  // it is the fresher's figure
  const auto ten = docs.ask("data engineer salary with 10 years");
  REQUIRE(ten.data.contains("salary"));
  CHECK(salary(ten, "min_lpa") == Approx(30));
  // Four years are no fresher's, nor 8+: neither figure is given as theirs.
  const auto four = docs.ask("data engineer salary with 4 years");
  const bool one_figure = four.data.contains("salary") && four.data.at("salary").as_object().contains("min_lpa");
  CHECK_FALSE(one_figure);
}

TEST_CASE("of a role's sections on one topic, the one whose title the question names answers", "[engine]") {
  const FolderEngine docs("sections", {{"ai-engineer-career.md",
                                        "# AI Engineer Career Guide\n\n## Educational Qualifications\n\n"
                                        "Most employers expect a B.Tech in computer science.\n\n## Top Certifications\n\n"
                                        "- AWS Certified Machine Learning Specialty\n- Azure AI Engineer Associate\n"}});
  const auto certifications = docs.ask("best certifications for AI engineers");
  CHECK(certifications.intent == "role.qualifications");
  CHECK(mentions(certifications, "AWS Certified Machine Learning Specialty"));
  CHECK_FALSE(mentions(certifications, "B.Tech"));
  // No title named: the first section, as before.
  const auto qualifications = docs.ask("What qualifications does an AI engineer need?");
  CHECK(mentions(qualifications, "B.Tech"));
}

TEST_CASE("salary.compare: a role's pay is its comparison row or its bands, never a row of pay by company",
          "[engine]") {
  const FolderEngine docs("compare", {{"qa-engineer-salary-india.md",
                                       "# QA Engineer Salary in India\n\n## By experience\n\n"
                                       "- Entry level (0–2 yrs): ₹3–5 LPA\n- Senior (5+ yrs): ₹10–16 LPA\n\n"
                                       "## By company\n\n| Company | Average salary |\n|---|---|\n| Amazon | ₹28 LPA |\n"},
                                      {"data-analyst-salary-india.md",
                                       "# Data Analyst Salary in India\n\nA data analyst earns ₹4–9 LPA.\n"},
                                      {"network-engineer-salary.md",
                                       "# Network Engineer Salary\n\nIn the US a network engineer earns $150,000 a year.\n"}});
  const auto answer = docs.ask("Compare QA engineer and data analyst salaries");
  CHECK(answer.intent == "salary.compare");
  REQUIRE(answer.data.contains("comparison"));
  bool qa_seen = false;
  for (const auto& row : answer.data.at("comparison").as_array()) {
    if (row.at("role").as_string() != "qa_engineer") continue;
    qa_seen = true;
    CHECK(row.at("min_lpa").to_number<double>() == Approx(3));
    CHECK(row.at("max_lpa").to_number<double>() == Approx(16));
  }
  CHECK(qa_seen);
  // Asked which pays most, every role with figures is compared, not only those with a figure for no level.
  const auto most = docs.ask("which role pays the most?");
  CHECK(most.data.at("comparison").as_array().size() == 3);
  // Dollars are another country's pay: not compared with rupees.
  CHECK(mentions(most, "**QA Engineer** pays the most"));
}

TEST_CASE("salary.estimate: the city asked has its own figure beside the band the years fit", "[engine]") {
  const FolderEngine docs("city-beside-band", {{"qa-engineer-salary-india.md",
                                                "# QA Engineer Salary in India\n\n## By experience\n\n"
                                                "- Junior (0–2 yrs): ₹3–5 LPA\n- Mid (2–6 yrs): ₹6–11 LPA\n\n"
                                                "## By city\n\n| City | Average salary |\n|---|---|\n"
                                                "| Pune | ₹7 LPA |\n| Chennai | ₹6 LPA |\n"}});
  const auto answer = docs.ask("QA engineer salary with 4 years in Pune");
  REQUIRE(answer.data.contains("salary"));
  CHECK(mentions(answer, "**Pune:** the documents give **₹7 LPA** there, for no particular level."));
  CHECK_FALSE(mentions(answer, "no separate figure"));
}

TEST_CASE("a role's field names the role, and its name alone is no answer about demand", "[engine][roles]") {
  const FolderEngine docs("field", {{"data-engineer-salary-india.txt",
                                     "Data Engineer Salary in India\n\nA fresher data engineer earns about ₹4.2 lakh a "
                                     "year. Senior data engineers (8+ years) earn ₹30-45 lakhs per annum.\n"},
                                    {"qa-engineer-salary-india.md", "# QA Engineer Salary in India\n\n"
                                                                    "- Junior (0–2 yrs): ₹3–5 LPA\n"}});
  const auto pay = docs.ask("data engineering salary with 10 years");
  CHECK(boost::json::serialize(pay.entities.at("role")) == R"(["data_engineer"])");
  REQUIRE(pay.data.contains("salary"));
  CHECK(salary(pay, "min_lpa") == Approx(30));
  // Every sentence of the role's document names the role: none of them says anything of demand.
  const auto demand = docs.ask("is data engineering a good career?");
  CHECK(demand.intent == "market.demand");
  CHECK(mentions(demand, "say nothing about demand for Data Engineers"));
  CHECK(demand.sources.empty());
}

TEST_CASE("salary.factors: which city pays most, from a table of pay by city", "[engine]") {
  const FolderEngine docs("city-ranking", {{"qa-engineer-salary-india.md",
                                            "# QA Engineer Salary in India\n\n## By city\n\n| City | Average salary |\n"
                                            "|---|---|\n| Pune | ₹7 LPA |\n| Bangalore | ₹9.5 LPA |\n| Chennai | ₹6 LPA |\n"}});
  const auto answer = docs.ask("Which city pays QA engineers the most?");
  CHECK(answer.intent == "salary.factors");
  const auto bengaluru = answer.text.find("- **Bengaluru**: ₹9.5 LPA");
  const auto pune = answer.text.find("- **Pune**: ₹7 LPA");
  const auto chennai = answer.text.find("- **Chennai**: ₹6 LPA");
  REQUIRE(bengaluru != std::string::npos);
  REQUIRE(pune != std::string::npos);
  REQUIRE(chennai != std::string::npos);
  CHECK(bengaluru < pune);
  CHECK(pune < chennai);
  CHECK(mentions(answer, "**Bengaluru** pays the most, **Chennai** the least."));
  CHECK(answer.data.at("cities").as_array().size() == 3);
}

TEST_CASE("salary.estimate: a page of figures for no level lists a few, each with what it is, and counts the rest",
          "[engine]") {
  // The layout of a salary site's page saved as text, figures alone under short headings; and another
  // document's comparison that gives the role a figure in passing.
  const FolderEngine docs("overall", {{"qa-engineer-salary-india.md",
                                       "# QA Engineer Salary in India\n\n## Base Pay Range\n\n₹7L - ₹19L/yr\n\n## Abroad\n\n"
                             "A QA engineer in the US earns $80,000 a year.\n\n## Bonus\n\n₹1L\n\n## In short\n\n"
                             "The average salary for a QA Engineer is ₹9,00,000 per year.\n\n## Extra\n\n₹2L\n\n## More\n\n₹3L\n\n"
                             "## Related\n\n₹4L\n\n## Others\n\n₹5L\n"},
                                      {"data-analyst-salary-india.md",
                                       "# Data Analyst Salary in India\n\n| Role | Average pay |\n|---|---|\n"
                                       "| Data Analyst | ₹4–8 LPA |\n| QA Engineer | ₹5–9 LPA |\n"}});
  bot::Conversation conversation;
  const auto answer = docs.engine->ask(conversation, "What does a QA engineer earn?");
  CHECK(answer.intent == "salary.estimate");
  CHECK_FALSE(mentions(answer, "an average of"));  // the documents call only one of them that
  // The role's own page in its order, its headline figure first; a sentence's figure with its words.
  CHECK(answer.text.find("- **") == answer.text.find("- **₹7–19 LPA**\n"));
  CHECK(mentions(answer, "- **₹9 LPA** — “The average salary for a QA Engineer is ₹9,00,000 per year.”"));
  // Words of the question that describe one of them put it first.
  const auto average = docs.engine->ask(conversation, "What is the average salary of a QA engineer?");
  CHECK(average.text.find("- **") == average.text.find("- **₹9 LPA**"));
  // Six listed; the rest counted: another document's row, and the figure in dollars last.
  std::size_t listed = 0;
  for (auto at = answer.text.find("- **"); at != std::string::npos; at = answer.text.find("- **", at + 1)) ++listed;
  CHECK(listed == 6);
  CHECK(mentions(answer, "…and 3 more in the documents."));
  CHECK_FALSE(mentions(answer, "₹5–9 LPA"));
  CHECK_FALSE(mentions(answer, "$80,000"));
}
