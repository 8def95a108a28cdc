// A question the bot asks back instead of guessing, as the intents data describes it.
#pragma once

#include <string>
#include <vector>

namespace intents {

// A fork the rules leave open: two intents whose answers differ in kind ("the pay difference, or
// how the work differs?") and whose rules score close on the same question. intents.json's
// "ask_back" lists them; the engine asks the person instead of guessing.
struct AskBack {
  struct Option {
    std::string intent;
    std::string text;  // a short quick reply ("The pay difference")
  };
  std::string question;         // "Do you mean the pay difference, or how the work differs?"
  std::vector<Option> options;  // two, in the data file's order
};

}  // namespace intents
