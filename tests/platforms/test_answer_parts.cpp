// One way of showing an answer's parts (adapters/common/answer_parts.hpp): Slack, Discord and the
// terminal label a salary range, write its band and list the sources alike.
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "adapters/common/answer_parts.hpp"
#include "adapters/discord/discord_message.hpp"
#include "adapters/slack/slack_message.hpp"
#include "adapters/terminal/terminal_renderer.hpp"
#include "bot/answer.hpp"

namespace {

bot::Answer compared() {
  bot::Answer answer;
  answer.intent = "salary.compare";
  answer.text = "Compared.";
  answer.data["comparison"] = boost::json::parse(R"([
    {"role":"ml_engineer","label":"Machine Learning Engineer","min_lpa":12,"max_lpa":25,"open_ended":true},
    {"role":"mlops_engineer","min_lpa":10.5,"max_lpa":20}])");
  answer.sources = {{"salaries.md", "Roles", "passage 1"}, {"salaries.md", "Roles", "passage 2"}, {"guide.md", "", ""}};
  return answer;
}

}  // namespace

TEST_CASE("the shared parts: the documents' name (else the role made readable), bands and sources once") {
  const auto answer = compared();
  const auto ranges = adapters::comparison_ranges(answer.data);
  REQUIRE(ranges.size() == 2);
  CHECK(ranges[0].label == "Machine Learning Engineer");
  CHECK(ranges[0].band() == "₹12–25+ LPA");
  CHECK(ranges[1].label == "MLOps Engineer");
  CHECK(ranges[1].band() == "₹10.5–20 LPA");
  CHECK(adapters::source_labels(answer) == std::vector<std::string>{"salaries.md — Roles", "guide.md"});
  CHECK(adapters::source_labels(bot::to_json(answer).at("sources")) ==
        adapters::source_labels(answer));
}

TEST_CASE("Slack, Discord and the terminal show the same labels, bands and sources") {
  const auto answer = compared();
  const auto slack = boost::json::serialize(adapters::slack::build_message(answer));
  const auto discord = boost::json::serialize(adapters::discord::build_response_data(answer));
  const auto terminal = adapters::terminal::render_answer(bot::to_json(answer), {});
  const std::pair<const char*, std::string> renderings[] = {{"slack", slack}, {"discord", discord}, {"terminal", terminal}};
  for (const auto& [name, shown] : renderings) {
    INFO(name << ": " << shown);
    CHECK(shown.find("Machine Learning Engineer") != std::string::npos);
    CHECK(shown.find("₹12–25+ LPA") != std::string::npos);
    CHECK(shown.find("MLOps Engineer") != std::string::npos);
    CHECK(shown.find("₹10.5–20 LPA") != std::string::npos);
    CHECK(shown.find("salaries.md — Roles") != std::string::npos);
    CHECK(shown.find("mlops_engineer") == std::string::npos);
  }
}
