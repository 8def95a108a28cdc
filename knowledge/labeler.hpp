// How the knowledge base names what a text is about, without knowing the intents module:
// the bot implements this with the entity vocabularies (DESIGN.md: bot wires the two).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace knowledge {

class Labeler {
 public:
  virtual ~Labeler() = default;
  // The canonical values of vocabulary `kind` ("level", "role", "tool_category",
  // "section_topic", "factor", ...) that `text` names, in order of appearance.
  virtual std::vector<std::string> labels(std::string_view kind, std::string_view text) const = 0;
};

}  // namespace knowledge
