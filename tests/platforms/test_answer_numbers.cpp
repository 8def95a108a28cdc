// Numbers in the answer object as people and clients expect them, whichever way it travels:
// `ask --json`, POST /v1/ask, the WebSocket chat's frames, Slack and Discord. Whole numbers are
// integers (10, not 1E1), the confidence has at most three decimals (0.773, not 7.727...E-1).
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "adapters/discord/discord_message.hpp"
#include "adapters/server/chat_protocol.hpp"
#include "adapters/slack/slack_message.hpp"
#include "bot/memory_conversation_store.hpp"
#include "platform_client.hpp"
#include "server_process.hpp"

using namespace platforms_test;
namespace http = boost::beast::http;

namespace {

const std::string kSalaryQuestion = "What does an MLOps engineer with 3 years in Bengaluru earn?";

// The number tokens of a JSON text, in order, outside its strings.
std::vector<std::string> number_tokens(const std::string& json) {
  std::vector<std::string> numbers;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const auto end = json.find_first_not_of("-+0123456789.eE", i);
      numbers.push_back(json.substr(i, end - i));
      i = end - 1;
    }
  }
  return numbers;
}

// The text of the number after "key": in `json`.
std::string number_after(const std::string& json, const std::string& key) {
  const auto at = json.find("\"" + key + "\":");
  if (at == std::string::npos) return {};
  const auto start = at + key.size() + 3;
  return json.substr(start, json.find_first_not_of("-+0123456789.eE", start) - start);
}

// What every answer object's text must hold: the salary band as integers, a confidence with
// at most three decimals, and no number anywhere in exponent form.
void check_numbers(const std::string& json) {
  INFO(json.substr(0, 400));
  CHECK(json.find(R"("min_lpa":10,)") != std::string::npos);
  CHECK(json.find(R"("max_lpa":20,)") != std::string::npos);
  const auto confidence = number_after(json, "confidence");
  REQUIRE_FALSE(confidence.empty());
  const auto point = confidence.find('.');
  CHECK((point == std::string::npos || confidence.size() - point - 1 <= 3));
  for (const auto& number : number_tokens(json)) {
    INFO(number);
    CHECK(number.find_first_of("eE") == std::string::npos);
  }
}

}  // namespace

TEST_CASE("the number scanner of these tests finds exponents, and not inside strings") {
  const auto numbers = number_tokens(R"({"a":1E1,"b":"x 2E3 \" 4e5","c":[7.727272727272726E-1,-3,0.5]})");
  CHECK(numbers == std::vector<std::string>{"1E1", "7.727272727272726E-1", "-3", "0.5"});
}

TEST_CASE("ask --json prints whole numbers as integers and the confidence with three decimals") {
  std::string output;
  REQUIRE(run_command({"ask", "--json", kSalaryQuestion}, {}, output) == 0);
  check_numbers(output);
  const auto answer = boost::json::parse(output.substr(output.find('{'))).as_object();
  CHECK(answer.at("data").at("salary").at("min_lpa").is_int64());
}

TEST_CASE("POST /v1/ask and the WebSocket chat's answer frames write numbers the same way") {
  ServerProcess server{Environment{}};
  const auto response =
      post(server.port(), "/v1/ask", boost::json::serialize(boost::json::object{{"text", kSalaryQuestion}}),
           {{"Content-Type", "application/json"}});
  REQUIRE(response.result() == http::status::ok);
  check_numbers(response.body());

  using namespace adapters::server;
  auto engine = bot::Engine::open(bot::EngineOptions::defaults());
  SharedState state(ServerConfig{}, std::make_shared<bot::EngineHolder>(engine),
                    std::make_shared<bot::MemoryConversationStore>(100, std::chrono::minutes(30)), {});
  ChatState chat("s1", {}, state.config());
  const auto ask =
      boost::json::serialize(boost::json::object{{"type", "ask"}, {"id", "q1"}, {"text", kSalaryQuestion}});
  check_numbers(handle_chat_message(state, chat, ask, false).frame);
}

TEST_CASE("Slack and Discord messages write no number in exponent form") {
  auto engine = bot::Engine::open(bot::EngineOptions::defaults());
  for (const auto& question : {kSalaryQuestion, std::string("mlops vs data scientist vs devops salary")}) {
    bot::Conversation conversation;
    const auto answer = engine->ask(conversation, question);
    for (const auto& message :
         {adapters::slack::build_message(answer), adapters::discord::build_response_data(answer)}) {
      const auto text = bot::serialize(message);
      INFO(text.substr(0, 300));
      CHECK(text.find("LPA") != std::string::npos);
      for (const auto& number : number_tokens(text)) CHECK(number.find_first_of("eE") == std::string::npos);
    }
  }
}
