// `mlops-bot chat [--insecure] [ws[s]://host:port/v1/chat]`: the terminal client
// (adapters/terminal), against a server, or the engine in process when no URL is given.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <memory>

#include <boost/json.hpp>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/engine_options.hpp"
#include "adapters/terminal/line_reader.hpp"
#include "adapters/terminal/local_chat_backend.hpp"
#include "adapters/terminal/terminal_renderer.hpp"
#include "adapters/terminal/websocket_chat_backend.hpp"

namespace po = boost::program_options;
namespace terminal = adapters::terminal;

namespace cli {
namespace {

std::filesystem::path history_file() {
  const char* home = std::getenv("HOME");
  return home && *home ? std::filesystem::path(home) / ".mlops_bot_history" : std::filesystem::path{};
}

bool is_blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

// "/good" or "/bad [comment]" sent as feedback on the last answer; the line to show for it.
std::string feedback_note(terminal::ChatBackend& backend, const std::string& answer_id, const std::string& line) {
  if (answer_id.empty()) return "(no answer to judge yet: ask something first)";
  const bool helpful = line == "/good";
  const auto comment = helpful || line.size() <= 5 ? std::string() : line.substr(5);
  const auto reply = backend.feedback(answer_id, helpful, comment);
  if (const auto* recorded = reply.if_contains("recorded"); recorded && recorded->is_bool())
    return recorded->get_bool() ? "(thanks: noted)" : "(the server records no feedback now)";
  const auto* message = reply.if_contains("message");
  return "(feedback not recorded: " +
         std::string(message && message->is_string() ? std::string_view(message->get_string()) : "no reason given") +
         ")";
}

}  // namespace

int run_chat(Args args) {
  po::options_description description("chat options");
  description.add_options()("url", po::value<std::string>(),
                            "ws://host:port/v1/chat or wss://... (omit to run the engine here)")(
      "insecure", po::bool_switch(), "wss:// without checking the server's certificate (a test server only)")(
      "json", po::bool_switch(), "print answer objects instead of rendering them (toggle with /json)");
  add_engine_options(description);
  po::positional_options_description positional;
  positional.add("url", 1);
  po::variables_map values;
  int exit_code = 0;
  if (!parse_command_line(args, "mlops-bot chat [--json] [--insecure] [ws[s]://host:port/v1/chat]", description,
                          positional, values, exit_code))
    return exit_code;

  std::unique_ptr<terminal::ChatBackend> backend;
  if (values.count("url")) {
    const auto url = terminal::parse_ws_url(values["url"].as<std::string>());
    if (!url) {
      std::cerr << "mlops-bot chat: expected a URL like ws://127.0.0.1:8080/v1/chat or wss://bot.example.com/v1/chat\n";
      return 2;
    }
    backend = std::make_unique<terminal::WebSocketChatBackend>(
        *url, values["insecure"].as<bool>() ? terminal::TlsVerification::insecure : terminal::TlsVerification::verify);
  } else {
    backend = std::make_unique<terminal::LocalChatBackend>(bot::Engine::open(engine_options_from(values)));
  }

  const bool interactive = isatty(STDIN_FILENO) != 0;
  const auto style = terminal::style_for(STDOUT_FILENO);
  bool json = values["json"].as<bool>();
  terminal::LineReader reader(interactive, interactive ? history_file() : std::filesystem::path{});
  if (interactive)
    std::cout << "Ask about MLOps careers and pay in India. /good or /bad [comment] says whether the last answer "
                 "helped, /reset starts over, /json toggles raw answers, /quit leaves.\n";
  const char* prompt = reader.utf8() ? "you› " : "you> ";
  std::string last_answer_id;  // what /good and /bad judge
  while (auto line = reader.read(prompt)) {
    if (is_blank(*line)) continue;
    if (*line == "/quit" || *line == "/exit") break;
    if (*line == "/reset") {
      backend->reset();
      if (interactive) std::cout << "(new conversation)\n";
      continue;
    }
    if (*line == "/json") {
      json = !json;
      if (interactive) std::cout << (json ? "(answers as JSON)\n" : "(answers rendered)\n");
      continue;
    }
    if (*line == "/good" || *line == "/bad" || line->starts_with("/bad ")) {
      std::cout << feedback_note(*backend, last_answer_id, *line) << "\n";
      continue;
    }
    const auto answer = backend->ask(*line);
    if (const auto* id = answer.if_contains("answer_id"); id && id->is_string()) last_answer_id = id->get_string();
    if (json)
      std::cout << boost::json::serialize(answer) << "\n";
    else
      std::cout << terminal::render_answer(answer, style) << (interactive ? "\n" : "");
    std::cout.flush();
  }
  if (interactive) std::cout << "\n";  // after Ctrl-D, the shell's prompt on a line of its own
  return 0;
}

}  // namespace cli
