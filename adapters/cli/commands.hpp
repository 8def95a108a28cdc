// The subcommands of `mlops-bot`. Each takes the arguments after its name and returns
// the process exit code (0 ok, 1 failure, 2 usage error).
#pragma once

#include <span>
#include <string>

namespace cli {

using Args = std::span<const std::string>;

int run_ask(Args args);
int run_index(Args args);
int run_facts(Args args);
int run_eval(Args args);
int run_discord_register(Args args);
int run_serve(Args args);
int run_chat(Args args);
int run_bench(Args args);
int run_review(Args args);

}  // namespace cli
