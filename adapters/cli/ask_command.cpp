// `mlops-bot ask [--json] [TEXT...]`: one answer, or one conversation read from stdin; rendered
// as the terminal client renders it (adapters/terminal), or the answer objects with --json.
#include <unistd.h>

#include <iostream>
#include <string>

#include <boost/json.hpp>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/engine_options.hpp"
#include "adapters/terminal/terminal_renderer.hpp"

namespace po = boost::program_options;

namespace cli {
namespace {

bool is_blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n\v\f") == std::string::npos;
}

// Takes the answer by value and moves it into its JSON form, as the server does: no copy of its text.
void print_answer(bot::Answer answer, bool json, std::ostream& out) {
  if (json)
    out << bot::serialize(bot::to_json(std::move(answer))) << "\n";
  else
    out << adapters::terminal::render_answer(bot::to_json(std::move(answer)),
                                             adapters::terminal::style_for(STDOUT_FILENO));
  out.flush();
}

}  // namespace

int run_ask(Args args) {
  po::options_description description("ask options");
  description.add_options()("json", po::bool_switch(), "print the answer object of the contract, one per line")(
      "question", po::value<std::vector<std::string>>(), "the question (omit to read one per line from stdin)");
  add_engine_options(description);
  po::positional_options_description positional;
  positional.add("question", -1);
  po::variables_map values;
  int exit_code = 0;
  if (!parse_command_line(args, "mlops-bot ask [--json] [QUESTION...]", description, positional, values, exit_code))
    return exit_code;

  const bool json = values["json"].as<bool>();
  auto engine = bot::Engine::open(engine_options_from(values));
  bot::Conversation conversation;

  if (values.count("question")) {
    std::string question;
    for (const auto& word : values["question"].as<std::vector<std::string>>())
      question += (question.empty() ? "" : " ") + word;
    if (is_blank(question)) {
      std::cerr << "mlops-bot ask: the question is empty; try: mlops-bot ask \"What does a fresher earn?\"\n";
      return 2;
    }
    print_answer(engine->ask(conversation, question), json, std::cout);
    return 0;
  }

  // One conversation: every line is a turn, and every line gets exactly one answer.
  std::string line;
  while (std::getline(std::cin, line)) print_answer(engine->ask(conversation, line), json, std::cout);
  return 0;
}

}  // namespace cli
