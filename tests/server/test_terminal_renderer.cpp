// The terminal client's pure parts: rendering answers and reading ws:// and wss:// URLs.
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "adapters/terminal/terminal_renderer.hpp"
#include "adapters/terminal/ws_url.hpp"

using namespace adapters::terminal;
namespace json = boost::json;

namespace {

json::object parse(const char* text) { return json::parse(text).as_object(); }

}  // namespace

TEST_CASE("bold and lists render for a terminal, colour only when asked", "[terminal]") {
  const auto answer = parse(R"({"text":"An **MLOps** engineer:\n- builds pipelines\n* serves models"})");
  const auto plain = render_answer(answer, RenderStyle{.colour = false});
  CHECK(plain.find("An MLOps engineer:") != std::string::npos);
  CHECK(plain.find("  • builds pipelines") != std::string::npos);
  CHECK(plain.find("  • serves models") != std::string::npos);
  CHECK(plain.find('\x1b') == std::string::npos);
  const auto coloured = render_answer(answer, RenderStyle{.colour = true});
  CHECK(coloured.find("\x1b[1mMLOps\x1b[22m") != std::string::npos);
}

TEST_CASE("a comparison renders as an aligned table with a bar per range", "[terminal]") {
  const auto answer = parse(R"({"text":"Pay compared.\n| role | range |\n|---|---|\n| a | b |",
    "data":{"comparison":[{"role":"mlops_engineer","min_lpa":10,"max_lpa":20},
                          {"role":"devops_engineer","min_lpa":6,"max_lpa":12.5}]}})");
  const auto text = render_answer(answer, RenderStyle{.colour = false, .bar_width = 20});
  // A row without the documents' name is labelled from its role key, as Slack and Discord label it.
  CHECK(text.find("  MLOps Engineer   ₹10–20 LPA   " + std::string(10, ' ') + "██") != std::string::npos);
  CHECK(text.find("  DevOps Engineer  ₹6–12.5 LPA   ") != std::string::npos);
  CHECK(text.find("██████████\n") != std::string::npos);  // 10..20 of 20: the right half
  CHECK(text.find("| a | b |") == std::string::npos);    // the Markdown table is aligned, not raw
  CHECK(text.find("  role  range\n  a     b\n") != std::string::npos);
}

TEST_CASE("a comparison keeps its table and labels its bars with the documents' names", "[terminal]") {
  // The shape of salary.compare's answer: a Markdown table in the text, the same rows in data.
  const auto answer = parse(R"({"text":"Average salaries:\n\n| Role | Average salary | Note |\n|---|---|---|\n)"
                            R"(| MLOps Engineer | ₹12–18 LPA | high demand |\n| Data Scientist | ₹10–16 LPA | |\n\n)"
                            R"(Of these, **MLOps Engineer** pays the most.",
    "data":{"comparison":[{"role":"mlops_engineer","label":"MLOps Engineer","min_lpa":12,"max_lpa":18},
                          {"role":"data_scientist","label":"Data Scientist","min_lpa":10,"max_lpa":16}]}})");
  const auto text = render_answer(answer, RenderStyle{.colour = false, .bar_width = 18});
  CHECK(text.find("Average salaries:\n\n"
                  "  Role            Average salary  Note\n"
                  "  MLOps Engineer  ₹12–18 LPA      high demand\n"
                  "  Data Scientist  ₹10–16 LPA\n"
                  "\nOf these, MLOps Engineer pays the most.\n") != std::string::npos);
  CHECK(text.find("  MLOps Engineer  ₹12–18 LPA  " + std::string(12, ' ') + "██████\n") != std::string::npos);
  CHECK(text.find("  Data Scientist  ₹10–16 LPA  " + std::string(10, ' ') + "██████\n") != std::string::npos);
  CHECK(text.find("mlops_engineer") == std::string::npos);
  CHECK(text.find("data_scientist") == std::string::npos);
  CHECK(text.find("\n\n\n") == std::string::npos);  // no blank lines where a table was dropped
  CHECK(text.find('|') == std::string::npos);
}

TEST_CASE("salary bands render as rows, from an array or an object", "[terminal]") {
  const auto from_array = parse(R"({"text":"Bands.","data":{"salary":{"bands":[
    {"level":"entry","min_lpa":5,"max_lpa":10},{"level":"senior","min_lpa":20,"max_lpa":40}]}}})");
  auto text = render_answer(from_array, RenderStyle{});
  CHECK(text.find("entry ") != std::string::npos);
  CHECK(text.find("₹20–40 LPA") != std::string::npos);
  const auto from_object = parse(R"({"text":"Bands.","data":{"salary":{"bands":{"mid":{"min_lpa":10,"max_lpa":20}}}}})");
  text = render_answer(from_object, RenderStyle{});
  CHECK(text.find("mid  ₹10–20 LPA") != std::string::npos);
  const auto labelled = parse(R"({"text":"Bands.","data":{"salary":{"bands":[
    {"level":"entry","label":"Entry-Level","min_lpa":5,"max_lpa":10},
    {"level":"senior","label":"Senior-Level","min_lpa":20,"max_lpa":40,"open_ended":true}]}}})");
  text = render_answer(labelled, RenderStyle{});
  CHECK(text.find("  Entry-Level   ₹5–10 LPA ") != std::string::npos);
  CHECK(text.find("  Senior-Level  ₹20–40+ LPA") != std::string::npos);
  CHECK(text.find("entry") == std::string::npos);
}

TEST_CASE("a Markdown table in the text is aligned", "[terminal]") {
  const auto text = render_answer(parse(R"({"text":"| Tool | Use |\n|---|---|\n| MLflow | tracking |\n| DVC | data |"})"),
                                  RenderStyle{});
  CHECK(text.find("  Tool    Use\n") != std::string::npos);
  CHECK(text.find("  MLflow  tracking\n") != std::string::npos);
  CHECK(text.find("  DVC     data\n") != std::string::npos);
}

TEST_CASE("a source is listed once however many of its passages the answer cites", "[terminal]") {
  const auto answer = parse(R"({"text":"x","sources":[
    {"doc":"salary-guide","section":"Experience","snippet":"a"},{"doc":"salary-guide","section":"Experience","snippet":"b"},
    {"doc":"salary-guide","section":"Cities","snippet":"c"},{"doc":"salary-guide","section":"Experience","snippet":"d"},
    {"doc":"other-guide","section":"Experience","snippet":"e"}]})");
  const auto text = render_answer(answer, RenderStyle{});
  CHECK(text.find("Sources:\n"
                  "  salary-guide — Experience\n"
                  "  salary-guide — Cities\n"
                  "  other-guide — Experience\n") != std::string::npos);
  std::size_t count = 0;
  for (auto at = text.find("salary-guide — Experience"); at != std::string::npos;
       at = text.find("salary-guide — Experience", at + 1))
    ++count;
  CHECK(count == 1);
}

TEST_CASE("Markdown reads as text without colour: bold, lists, tables", "[terminal]") {
  const auto answer = parse(R"({"text":"**Skills:**\n- **Python**\n\n| Tool | Use |\n|:--|--:|\n| **MLflow** | tracking |"})");
  const auto plain = render_answer(answer, RenderStyle{.colour = false});
  CHECK(plain == "Skills:\n  • Python\n\n  Tool    Use\n  MLflow  tracking\n");
  const auto coloured = render_answer(answer, RenderStyle{.colour = true});
  CHECK(coloured.find("\x1b[1mSkills:\x1b[22m") != std::string::npos);
  CHECK(coloured.find("**") == std::string::npos);
  CHECK(coloured.find('|') == std::string::npos);
}

TEST_CASE("colour goes to a terminal only, and not with NO_COLOR", "[terminal]") {
  int pipe_fds[2];
  REQUIRE(pipe(pipe_fds) == 0);
  CHECK_FALSE(style_for(pipe_fds[1]).colour);
  close(pipe_fds[0]);
  close(pipe_fds[1]);

  const int master = posix_openpt(O_RDWR | O_NOCTTY);
  REQUIRE(master >= 0);
  REQUIRE(grantpt(master) == 0);
  REQUIRE(unlockpt(master) == 0);
  const int terminal = open(ptsname(master), O_RDWR | O_NOCTTY);
  REQUIRE(terminal >= 0);
  const char* saved = std::getenv("NO_COLOR");
  const std::string saved_value = saved ? saved : "";
  unsetenv("NO_COLOR");
  CHECK(style_for(terminal).colour);
  setenv("NO_COLOR", "", 1);  // empty counts as unset (no-color.org)
  CHECK(style_for(terminal).colour);
  setenv("NO_COLOR", "1", 1);
  CHECK_FALSE(style_for(terminal).colour);
  if (saved)
    setenv("NO_COLOR", saved_value.c_str(), 1);
  else
    unsetenv("NO_COLOR");
  close(terminal);
  close(master);
}

TEST_CASE("sources are listed and dimmed, errors are shown, bad fields are tolerated", "[terminal]") {
  const auto answer = parse(R"({"text":"x","sources":[{"doc":"salary-guide","section":"Experience"}],
                                "suggestions":["What about 8 years?"]})");
  CHECK(render_answer(answer, RenderStyle{}).find("salary-guide — Experience") != std::string::npos);
  CHECK(render_answer(answer, RenderStyle{.colour = true}).find("\x1b[2mSources:") != std::string::npos);
  CHECK(render_answer(answer, RenderStyle{}).find("What about 8 years?") != std::string::npos);
  CHECK(render_answer(parse(R"({"type":"error","code":"rate_limited","message":"slow down"})"), RenderStyle{}) ==
        "error (rate_limited): slow down\n");
  CHECK_NOTHROW(render_answer(parse(R"({"text":5,"data":{"comparison":[1,{"role":"x"}]},"sources":"no"})"),
                              RenderStyle{}));
}

TEST_CASE("ws:// URLs are split into host, port and target", "[terminal]") {
  auto url = parse_ws_url("ws://127.0.0.1:8080/v1/chat?session=a");
  REQUIRE(url);
  CHECK(url->host == "127.0.0.1");
  CHECK(url->port == "8080");
  CHECK(url->target == "/v1/chat?session=a");
  url = parse_ws_url("ws://localhost");
  REQUIRE(url);
  CHECK(url->port == "80");
  CHECK(url->target == "/");
  url = parse_ws_url("ws://[::1]:9000/v1/chat");
  REQUIRE(url);
  CHECK(url->host == "::1");
  CHECK(url->authority() == "[::1]:9000");
  CHECK_FALSE(url->tls);
  CHECK_FALSE(parse_ws_url("http://example.com"));
  CHECK_FALSE(parse_ws_url("https://example.com"));
  CHECK_FALSE(parse_ws_url("ws://host:port/"));
  CHECK_FALSE(parse_ws_url("ws://:80/"));
  CHECK_FALSE(parse_ws_url("ws://host:0/"));
  CHECK_FALSE(parse_ws_url("ws://host:65536/"));
  CHECK_FALSE(parse_ws_url("ws://host:/"));
}

TEST_CASE("wss:// URLs ask for TLS, on port 443 unless they name one", "[terminal]") {
  auto url = parse_ws_url("wss://bot.example.com/v1/chat");
  REQUIRE(url);
  CHECK(url->tls);
  CHECK(url->host == "bot.example.com");
  CHECK(url->port == "443");
  CHECK(url->target == "/v1/chat");
  CHECK(url->authority() == "bot.example.com:443");
  url = parse_ws_url("wss://127.0.0.1:8443?session=a");
  REQUIRE(url);
  CHECK(url->tls);
  CHECK(url->port == "8443");
  CHECK(url->target == "/?session=a");
  CHECK_FALSE(parse_ws_url("wss://"));
  CHECK_FALSE(parse_ws_url("wss:/bot.example.com"));
}
