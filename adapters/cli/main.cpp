// `mlops-bot COMMAND ...`: dispatches to the subcommands declared in commands.hpp.
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/cli/commands.hpp"
#include "bot/engine.hpp"

namespace {

struct Command {
  std::string_view name;
  int (*run)(cli::Args);
  std::string_view summary;
};

constexpr Command kCommands[] = {
    {"ask", cli::run_ask, "answer a question (or, with none, each line of standard input)"},
    {"discord-register", cli::run_discord_register, "register the /ask slash command with Discord (--guild ID)"},
    {"index", cli::run_index, "build the knowledge base from the corpus (--corpus DIR, --db FILE)"},
    {"facts", cli::run_facts, "list what the bot read out of the documents: roles, pay figures, tools, ..."},
    {"eval", cli::run_eval, "score the bot on question sets (.jsonl), like rasa test"},
    {"serve", cli::run_serve, "serve the chat (WebSocket /v1/chat), POST /v1/ask, health and metrics"},
    {"chat", cli::run_chat, "chat in the terminal, with a server (ws://...) or the engine in process"},
    {"bench", cli::run_bench, "load-test a server's WebSocket chat: answers/s and latency percentiles"},
    {"review", cli::run_review, "what the bot could not answer, its feedback and daily stats (serve records them)"},
};

void print_usage(std::ostream& out) {
  out << "usage: mlops-bot COMMAND [OPTIONS]   (mlops-bot COMMAND --help for its options)\n\ncommands:\n";
  for (const auto& command : kCommands) out << "  " << command.name << "\t" << command.summary << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_usage(args.empty() ? std::cerr : std::cout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << "mlops-bot " << bot::Engine::version() << "\n";
    return 0;
  }
  for (const auto& command : kCommands) {
    if (command.name == args[0]) {
      try {
        return command.run(cli::Args(args).subspan(1));
      } catch (const bot::DataError& error) {
        std::cerr << "mlops-bot " << args[0] << ": " << error.what() << "\n";
        return 2;
      } catch (const std::exception& error) {
        std::cerr << "mlops-bot " << args[0] << ": " << error.what() << "\n";
        return 1;
      }
    }
  }
  std::cerr << "mlops-bot: unknown command '" << args[0] << "'\n";
  print_usage(std::cerr);
  return 2;
}
