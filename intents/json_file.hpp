// Reading the commented JSON data files of intents/data/.
#pragma once

#include <filesystem>

#include <boost/json/value.hpp>

namespace intents {

// Parses `path` as JSON allowing // and /* */ comments and trailing commas.
// Throws std::runtime_error naming the file and what is wrong.
boost::json::value read_json_file(const std::filesystem::path& path);

}  // namespace intents
