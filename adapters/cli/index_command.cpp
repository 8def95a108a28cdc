// `mlops-bot index [--corpus DIR] [--db FILE]`: (re)builds the knowledge base and says what it read:
// per document its format, passages and the facts found in it; the files it skipped and why.
#include <iostream>
#include <unistd.h>

#include <boost/json.hpp>

#include "adapters/cli/commands.hpp"
#include "adapters/cli/engine_options.hpp"
#include "adapters/cli/facts_listing.hpp"
#include "knowledge/index_builder.hpp"

namespace po = boost::program_options;

namespace cli {
namespace {

constexpr int kBarWidth = 30;

// "[#########           ] 1234/10000 documents" on a terminal, redrawn in place.
void draw_progress(std::size_t read, std::size_t total) {
  if (total == 0) return;
  const int filled = static_cast<int>(kBarWidth * read / total);
  std::cerr << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
            << std::string(static_cast<std::size_t>(kBarWidth - filled), ' ') << "] " << read << "/" << total
            << " documents" << (read == total ? "\n" : "") << std::flush;
}

std::int64_t count(const boost::json::object& counts, const char* key) {
  const auto* value = counts.if_contains(key);
  return value ? value->to_number<std::int64_t>() : 0;
}

}  // namespace

int run_index(Args args) {
  po::options_description description("index options");
  add_engine_options(description);
  po::variables_map values;
  int exit_code = 0;
  if (!parse_command_line(args, "mlops-bot index [--corpus DIR] [--db FILE]", description, {}, values, exit_code))
    return exit_code;
  auto options = engine_options_from(values);
  // Built anew into a temporary file and renamed into place: a build that fails (a corpus
  // emptied by mistake) leaves the old knowledge base as it was.
  options.rebuild = true;
  options.log = nullptr;
  if (isatty(STDERR_FILENO)) options.index_progress = draw_progress;
  const auto engine = bot::Engine::open(options);
  const auto summary = engine->knowledge_summary();
  std::cout << "indexed " << summary.documents << " document(s) from " << options.corpus_dir.string() << " into "
            << options.db_path.string() << ": " << summary.passages << " passages, " << summary.roles << " roles, "
            << summary.salaries << " salary figures, " << summary.percentages << " percentages, "
            << summary.tool_groups << " tool groups, " << summary.definitions << " definitions\n";
  const auto listing = cli::facts_listing(*engine);
  const auto& documents = listing.at("documents").as_object();
  const auto report = knowledge::stored_corpus_report(options.db_path);
  for (const auto& file : report.indexed) {
    std::cout << "  " << file.file << " (" << knowledge::to_string(file.format) << "): " << file.passages << " passages";
    // The document's id is its path without the extension (with it when two files would share one).
    const auto dot = file.file.rfind('.');
    const auto* counts = documents.if_contains(file.file.substr(0, dot));
    if (!counts) counts = documents.if_contains(file.file);
    if (counts && counts->is_object()) {
      const auto& each = counts->as_object();
      if (const auto* role = each.if_contains("role")) std::cout << ", about " << std::string_view(role->as_string());
      std::cout << "; " << count(each, "salaries") << " salary figures, " << count(each, "tool_groups")
                << " tool groups, " << count(each, "percentages") << " percentages, " << count(each, "definitions")
                << " definitions";
    }
    std::cout << "\n";
  }
  for (const auto& file : report.skipped) std::cout << "  skipped " << file.file << ": " << file.reason << "\n";
  return 0;
}

}  // namespace cli
