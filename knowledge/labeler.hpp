// How the knowledge base names what a text is about, without knowing the intents module:
// the bot implements this with the entity vocabularies (DESIGN.md: bot wires the two).
#pragma once

#include <span>
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

  // labels(kind, text) of each of `kinds`, in their order. The bot's labeler normalises the text
  // once for all of them: normalising it once per kind was two fifths of `index`.
  virtual std::vector<std::vector<std::string>> labels_of_kinds(std::span<const std::string_view> kinds,
                                                                std::string_view text) const {
    std::vector<std::vector<std::string>> found;
    found.reserve(kinds.size());
    for (const auto kind : kinds) found.push_back(labels(kind, text));
    return found;
  }
};

}  // namespace knowledge
