// The terminal client's pure parts: rendering answers and reading ws:// URLs.
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
  CHECK(text.find("  mlops_engineer   ₹10–20 LPA   " + std::string(10, ' ') + "██") != std::string::npos);
  CHECK(text.find("  devops_engineer  ₹6–12.5 LPA   ") != std::string::npos);
  CHECK(text.find("██████████\n") != std::string::npos);  // 10..20 of 20: the right half
  CHECK(text.find("| a | b |") == std::string::npos);    // the data table replaces the Markdown one
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
}

TEST_CASE("a Markdown table in the text is aligned", "[terminal]") {
  const auto text = render_answer(parse(R"({"text":"| Tool | Use |\n|---|---|\n| MLflow | tracking |\n| DVC | data |"})"),
                                  RenderStyle{});
  CHECK(text.find("  Tool    Use\n") != std::string::npos);
  CHECK(text.find("  MLflow  tracking\n") != std::string::npos);
  CHECK(text.find("  DVC     data\n") != std::string::npos);
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
  CHECK_FALSE(parse_ws_url("http://example.com"));
  CHECK_FALSE(parse_ws_url("ws://host:port/"));
  CHECK_FALSE(parse_ws_url("ws://:80/"));
}
