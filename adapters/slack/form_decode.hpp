// application/x-www-form-urlencoded bodies, as Slack sends slash commands.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace adapters::slack {

// Decodes "a=1&b=x+y%21" into {a: "1", b: "x y!"}. A repeated name keeps its first value;
// a malformed %-escape is kept literally.
std::map<std::string, std::string, std::less<>> decode_form(std::string_view body);

}  // namespace adapters::slack
