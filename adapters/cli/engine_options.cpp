#include "adapters/cli/engine_options.hpp"

#include <iostream>
#include <string_view>

namespace po = boost::program_options;

namespace cli {

void add_engine_options(po::options_description& description) {
  const auto defaults = bot::EngineOptions::defaults();
  description.add_options()
      ("corpus", po::value<std::string>()->default_value(defaults.corpus_dir.string()),
       "folder of the documents (.md, .txt, .html, .pdf, in subfolders too); env MLOPS_BOT_CORPUS")
      ("intents", po::value<std::string>()->default_value(defaults.intents_dir.string()),
       "folder of the intent and entity data; env MLOPS_BOT_INTENTS")
      ("db", po::value<std::string>()->default_value(defaults.db_path.string()),
       "the knowledge base file; env MLOPS_BOT_DB")
      ("dictionary", po::value<std::string>()->default_value(defaults.dictionary.string()),
       "word list of ordinary English words the spelling corrector leaves alone (optional); env MLOPS_BOT_DICTIONARY");
}

bot::EngineOptions engine_options_from(const po::variables_map& values) {
  auto options = bot::EngineOptions::defaults();
  options.corpus_dir = values["corpus"].as<std::string>();
  options.intents_dir = values["intents"].as<std::string>();
  options.db_path = values["db"].as<std::string>();
  options.dictionary = values["dictionary"].as<std::string>();
  options.log = &std::cerr;
  return options;
}

bool parse_command_line(std::span<const std::string> args, const char* usage,
                        const po::options_description& description,
                        const po::positional_options_description& positional, po::variables_map& values,
                        int& exit_code, const char* epilogue) {
  po::options_description with_help = description;
  with_help.add_options()("help,h", "show this help");
  // "mlops-bot eval" out of "mlops-bot eval [OPTIONS] FILE...".
  const std::string_view usage_text = usage;
  const std::string command(usage_text.substr(0, usage_text.find(' ', usage_text.find(' ') + 1)));
  try {
    std::vector<std::string> argv(args.begin(), args.end());
    po::store(po::command_line_parser(argv).options(with_help).positional(positional).run(), values);
    // --help before notify(), which would refuse a command line without its required arguments.
    if (values.count("help")) {
      std::cout << "usage: " << usage << "\n" << with_help << epilogue;
      exit_code = 0;
      return false;
    }
    po::notify(values);
  } catch (const po::error& error) {
    // The error and a pointer to the help, not the help itself, which would scroll the error away.
    std::cerr << command << ": " << error.what() << "\nusage: " << usage << "   (" << command
              << " --help lists the options)\n";
    exit_code = 2;
    return false;
  }
  return true;
}

}  // namespace cli
