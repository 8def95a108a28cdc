#include "intents/json_file.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <boost/json/parse.hpp>

namespace intents {

boost::json::value read_json_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  boost::json::parse_options options;
  options.allow_comments = true;
  options.allow_trailing_commas = true;
  boost::system::error_code error;
  auto value = boost::json::parse(text.str(), error, {}, options);
  if (error) throw std::runtime_error(path.string() + ": invalid JSON: " + error.message());
  return value;
}

void require_known_keys(const boost::json::object& object, std::initializer_list<std::string_view> known,
                        const std::string& where) {
  for (const auto& [key, value] : object) {
    bool found = false;
    for (const auto name : known) found = found || key == name;
    if (found) continue;
    std::string names;
    for (const auto name : known) names += (names.empty() ? "" : ", ") + std::string(name);
    throw std::runtime_error(where + ": unknown key \"" + std::string(key) + "\" (known: " + names + ")");
  }
}

}  // namespace intents
