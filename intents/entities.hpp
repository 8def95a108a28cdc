// Entities understood in a question, and the extractor that finds them.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>

namespace intents {

class Vocabulary;

// What a question (or a conversation so far) says about the asker's situation.
// Values are the canonical names of docs/answer.md ("bengaluru", "aws_ml", ...).
struct Entities {
  std::optional<double> experience_years;
  std::optional<std::string> level;
  std::optional<std::string> city;
  std::optional<std::string> certification;
  std::optional<std::string> industry;
  std::optional<std::string> company_type;
  std::optional<std::string> tool_category;
  std::vector<std::string> role;   // in the order the question names them
  std::vector<std::string> skill;
  // "2-5 years": a span of experience, read by the engine as the level whose band it is.
  // Understood in this turn only; not part of the JSON form.
  std::optional<std::pair<double, double>> experience_range;

  bool empty() const;
  // Fills every field this one lacks from `older`; lists are replaced, not merged.
  void fill_from(const Entities& older);
  // The contract's `entities` object: only the fields that are set; role and skill as arrays.
  boost::json::object to_json() const;
  static Entities from_json(const boost::json::object& object);
};

// Finds entities with RE2 patterns and the vocabularies of intents/data/entities.json.
// Thread safety: immutable after construction; extract() may be called from any thread.
class EntityExtractor {
 public:
  explicit EntityExtractor(std::shared_ptr<const Vocabulary> vocabulary);
  ~EntityExtractor();
  EntityExtractor(const EntityExtractor&) = delete;
  EntityExtractor& operator=(const EntityExtractor&) = delete;

  // `normalized` is the output of intents::Normalizer.
  Entities extract(std::string_view normalized) const;

  // The number a short reply consists of, such as "and 9?" or "what about 12": at most four
  // words, one of them a number in digits that a career's years can be. A follow-up to a salary question
  // reads it as years of experience.
  std::optional<double> lone_number(std::string_view normalized) const;

  // Job titles the question names that no role of the vocabulary covers: "civil engineer",
  // "chef", "staff nurse" (with the words before the head that are part of the title). A title
  // with no word before its head ("an engineer with 3 years") is none.
  std::vector<std::string> unknown_occupations(std::string_view normalized) const;

  // The canonical values of one vocabulary kind ("city", "section_topic", ...) that
  // `normalized` names, in the order it names them, each once. Empty for an unknown kind.
  std::vector<std::string> values(std::string_view kind, std::string_view normalized) const;
  // values(kind, normalized) of each of `kinds`, in their order. One pass of the patterns' set
  // tells which kinds name anything in the text, and only those are scanned.
  std::vector<std::vector<std::string>> values_of_kinds(std::span<const std::string_view> kinds,
                                                        std::string_view normalized) const;

 private:
  struct Patterns;
  std::shared_ptr<const Vocabulary> vocabulary_;
  std::unique_ptr<const Patterns> patterns_;
};

}  // namespace intents
