// Reading the commented JSON data files of intents/data/.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace intents {

// Parses `path` as JSON allowing // and /* */ comments and trailing commas.
// Throws std::runtime_error naming the file and what is wrong.
boost::json::value read_json_file(const std::filesystem::path& path);

// Throws std::runtime_error "WHERE: unknown key "K" (known: ...)" for a key of `object` not in
// `known`: a misspelt key would otherwise be ignored and its setting silently lost.
void require_known_keys(const boost::json::object& object, std::initializer_list<std::string_view> known,
                        const std::string& where);

}  // namespace intents
