// The roles the documents name, as the engine reads questions about them: their labels, the
// vocabulary entries that find them in a question, and the looser ways a person names them.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "intents/vocabulary.hpp"
#include "knowledge/facts.hpp"

namespace bot {

// The role a question that names none is about, when the documents cover it: the bot's subject.
inline constexpr std::string_view kHomeRole = "mlops_engineer";

// Immutable after construction; shared by every thread.
class RoleDirectory {
 public:
  // `vocabulary_roles`: the roles the vocabulary itself names (the contract's), whose names it
  // already finds in questions.
  RoleDirectory(const knowledge::Facts& facts, const std::set<std::string>& vocabulary_roles);

  // Entries for the "role" vocabulary kind: every name and alias the documents use, so that the
  // entity extractor finds "SOC analysts" and "BAs" as it finds "data scientists".
  std::vector<intents::VocabularyEntry> vocabulary_entries() const;

  // The role a title the vocabulary does not know stands for: the same head and a modifier one
  // contains ("security analyst" for "cybersecurity analyst", "cyber security analyst"), or empty.
  std::string resolve_title(std::string_view title) const;

  // A role a question names only by its subject ("how fast are cybersecurity salaries rising"):
  // a distinctive word of the name of a role only the documents know (eight letters or more,
  // and no other role's), or empty.
  std::string named_by_subject(std::string_view normalized) const;

  // "Cloud Engineer": the documents' name for a role, or one made from its id.
  std::string label(std::string_view role) const;

  // The role a question that names none is about: the home role when the documents give figures
  // for it, else the role with the most figures, else empty.
  const std::string& default_role() const { return default_role_; }

  // Every name and alias the documents and the vocabulary give the role, lower case; empty for
  // a role they do not know.
  std::vector<std::string> names(std::string_view role) const;

  bool known(std::string_view role) const;
  bool has_figures(std::string_view role) const;
  // The roles with figures, most figures first: what the bot can answer about.
  const std::vector<std::string>& roles_with_figures() const { return with_figures_; }

 private:
  struct Entry {
    std::string id, label, head;
    std::vector<std::string> modifier_words;
    std::vector<std::string> names;  // lower case
    bool from_vocabulary = false;    // one of the contract's roles, which the vocabulary names
  };
  std::vector<Entry> entries_;
  std::vector<std::string> with_figures_;
  std::string default_role_;
};

}  // namespace bot
