#include "adapters/slack/log_line.hpp"

#include <cstdio>
#include <string>

#include <boost/json/serialize.hpp>

namespace adapters {

void log_line(std::string_view event, boost::json::object fields) {
  boost::json::object line;
  line["event"] = event;
  for (auto& field : fields) line[field.key()] = std::move(field.value());
  std::string text = boost::json::serialize(line);
  text += '\n';
  // One fwrite per line so lines from several threads do not interleave.
  std::fwrite(text.data(), 1, text.size(), stderr);
}

}  // namespace adapters
