// Roles the documents name: found by the shape of a job title ("Cloud Engineer", "SOC
// analysts", "Business analysts (BAs)"), mapped onto the contract's names where the vocabulary
// knows them, otherwise kept under an identifier derived from the name ("data_engineer").
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/labeler.hpp"
#include "knowledge/passage.hpp"

namespace re2 {
class RE2;
}
using re2::RE2;

namespace knowledge {

// The language of job titles, from the vocabularies (intents/data/entities.json "occupations").
struct RoleLexicon {
  std::vector<std::string> heads;       // singular, lower case: "engineer", "analyst", "manager"
  std::vector<std::string> qualifiers;  // words before a title that are not part of it: "senior", "the"
};

// A job title as a text writes it.
struct RolePhrase {
  std::string name;      // lower case, singular, single spaces: "cloud engineer", "soc analyst"
  std::string label;     // singular as written: "Cloud Engineer", "SOC analyst"
  std::string head;      // "engineer"
  std::string modifier;  // "cloud"
  std::string acronym;   // "ba" for "Business analysts (BAs)", or empty
  std::size_t begin = 0, end = 0;
};

// Every title in `text` with at least one word before its head ("most analysts" is no title).
std::vector<RolePhrase> find_role_phrases(std::string_view text, const RoleLexicon& lexicon);

// "Data Engineer" -> "data_engineer".
std::string role_id_of(std::string_view name);

struct Role {
  std::string id;       // the contract's name, or derived from the title
  std::string label;    // as the documents name it: "Machine Learning Engineer"
  std::vector<std::string> aliases;  // lower-case names a question may use ("soc analyst", "ba")
  std::vector<std::string> docs;     // documents whose subject it is
};

// The roles of a corpus, and which role each passage speaks of.
class RoleCatalog {
 public:
  // Reads the roles out of `passages` (grouped by document, in order). Titles in document titles,
  // headings, table rows and list labels are roles of their own; a title only in running text
  // that shares its head or a modifier with its document's role ("SOC analysts" in a
  // cybersecurity analyst article) is another name for that role.
  RoleCatalog(const std::vector<Passage>& passages, const std::map<std::string, std::string>& titles,
              const Labeler& labeler, const RoleLexicon& lexicon);
  RoleCatalog() = default;

  const std::vector<Role>& roles() const { return roles_; }
  const Role* find(std::string_view id) const;
  // The role a document is about, or empty when its title names none (or several).
  std::string role_of_document(const std::string& doc) const;
  // The roles `text` names, in order, each once: the vocabulary's and the catalog's.
  std::vector<std::string> roles_in(std::string_view text) const;
  // The same, given the labeler's "role" labels of `text` (read with its other kinds at once).
  std::vector<std::string> roles_in(std::string_view text, const std::vector<std::string>& vocabulary_roles) const;
  // The one role each passage speaks of, by id, for those that have one: its own label, its
  // group, its section, its document. Each heading is read once, not once a passage under it.
  std::map<int, std::string> roles_of_passages(const std::vector<Passage>& passages) const;

  // The catalog as the knowledge base stored it (its names are compiled again).
  static RoleCatalog from_roles(std::vector<Role> roles, std::map<std::string, std::string> doc_roles,
                                const Labeler* labeler, const RoleLexicon* lexicon);
  const std::map<std::string, std::string>& document_roles() const { return doc_roles_; }

 private:
  void compile();
  std::string add(const RolePhrase& phrase, const std::string& canonical);
  std::string role_of_name(const std::string& name) const;
  std::string single_role(std::string_view text) const;

  std::vector<Role> roles_;
  std::map<std::string, std::string> by_name_;   // name or alias -> role id
  std::map<std::string, std::string> doc_roles_;
  std::map<std::string, std::map<std::string, int>> label_counts_;  // while building: role -> label -> times
  std::shared_ptr<const RE2> names_;             // every name and alias, one group each
  std::vector<std::string> name_roles_;          // group i of names_ -> role id
  const Labeler* labeler_ = nullptr;
  const RoleLexicon* lexicon_ = nullptr;
};

}  // namespace knowledge
