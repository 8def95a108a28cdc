// `mlops-bot index [--corpus DIR] [--db FILE]`: (re)builds the knowledge base and says what it holds.
#include <iostream>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/engine_options.hpp"
#include "knowledge/database_file.hpp"
#include "knowledge/index_builder.hpp"

namespace po = boost::program_options;

namespace cli {

int run_index(Args args) {
  po::options_description description("index options");
  add_engine_options(description);
  po::variables_map values;
  int exit_code = 0;
  if (!parse_command_line(args, "mlops-bot index [--corpus DIR] [--db FILE]", description, {}, values, exit_code))
    return exit_code;
  auto options = engine_options_from(values);
  // Removing the old file makes Engine::open build it anew, with the same code path as a stale one;
  // only a knowledge base of ours is ever removed.
  knowledge::require_writable_knowledge_base(options.db_path);
  std::filesystem::remove(options.db_path);
  options.log = nullptr;
  const auto engine = bot::Engine::open(options);
  const auto summary = engine->knowledge_summary();
  std::cout << "indexed " << summary.documents << " document(s) from " << options.corpus_dir.string() << " into "
            << options.db_path.string() << ": " << summary.passages << " passages, " << summary.roles
            << " roles, " << summary.salaries << " salary figures, " << summary.percentages << " percentages, "
            << summary.tool_groups << " tool groups, " << summary.definitions << " definitions\n";
  const auto report = knowledge::stored_corpus_report(options.db_path);
  for (const auto& file : report.indexed)
    std::cout << "  " << file.file << " (" << knowledge::to_string(file.format) << "): " << file.passages << " passages\n";
  for (const auto& file : report.skipped) std::cout << "  skipped " << file.file << ": " << file.reason << "\n";
  return 0;
}

}  // namespace cli
