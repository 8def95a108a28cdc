// The options every command that needs the engine shares: --corpus, --intents, --db, --dictionary.
#pragma once

#include <memory>
#include <span>
#include <string>

#include <boost/program_options.hpp>

#include "bot/engine.hpp"

namespace cli {

// Adds --corpus, --intents, --db and --dictionary to `description`, defaulting to
// EngineOptions::defaults().
void add_engine_options(boost::program_options::options_description& description);

// The options as given, over the defaults.
bot::EngineOptions engine_options_from(const boost::program_options::variables_map& values);

// Parses `args` against `description` (positional ones into `positional`); prints the help
// (the options, then `epilogue`) and returns false on --help (exit 0, even without required
// arguments) or a usage error (exit 2: the error and one line of usage on stderr).
bool parse_command_line(std::span<const std::string> args, const char* usage,
                        const boost::program_options::options_description& description,
                        const boost::program_options::positional_options_description& positional,
                        boost::program_options::variables_map& values, int& exit_code, const char* epilogue = "");

}  // namespace cli
