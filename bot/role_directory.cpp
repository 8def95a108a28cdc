#include "bot/role_directory.hpp"

#include <algorithm>
#include <map>

#include <re2/re2.h>

namespace bot {
namespace {

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : std::string(text) + " ") {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  return words;
}

// The field a role's head word works in: "data engineering" is asked about data engineers.
std::string_view field_of(std::string_view head) {
  static constexpr std::pair<std::string_view, std::string_view> kFields[] = {
      {"engineer", "engineering"}, {"scientist", "science"},   {"analyst", "analytics"},     {"developer", "development"},
      {"architect", "architecture"}, {"designer", "design"}, {"manager", "management"}, {"administrator", "administration"}};
  for (const auto& [role_head, field] : kFields)
    if (head == role_head) return field;
  return {};
}

// "soc analyst" -> "soc[- ]?(?:analysts?|analytics)": a name as the normalized question may
// write it, the role's field included.
std::string pattern_of(const std::string& name) {
  const auto words = words_of(name);
  if (words.empty()) return {};
  std::string pattern;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) pattern += RE2::QuoteMeta(words[i]) + "[- ]?";
  const std::string head = RE2::QuoteMeta(words.back()) + "(?:s|es)?";
  const auto field = field_of(words.back());
  // One word alone ("engineering") is a field of many roles, not a name of this one.
  if (field.empty() || words.size() < 2) return pattern + head;
  return pattern + "(?:" + head + "|" + RE2::QuoteMeta(std::string(field)) + ")";
}

std::string capitalized(std::string word) {
  if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 'a' + 'A');
  return word;
}

std::string upper(std::string word) {
  for (auto& c : word)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return word;
}

// "ml_engineer" -> "ML Engineer", "mlops_engineer" -> "MLOps Engineer", "devops_engineer" ->
// "DevOps Engineer": a role no document labels is named from its id, a word of two letters
// being an initialism and "-ops" a word of its own.
std::string label_from_id(std::string_view id) {
  std::string label;
  for (std::size_t start = 0; start <= id.size();) {
    auto end = id.find('_', start);
    if (end == std::string_view::npos) end = id.size();
    std::string word(id.substr(start, end - start));
    start = end + 1;
    if (word.size() <= 2) {
      word = upper(word);
    } else if (word.size() > 3 && word.ends_with("ops")) {
      const std::string before = word.substr(0, word.size() - 3);
      word = (before.size() <= 2 ? upper(before) : capitalized(before)) + "Ops";
    } else {
      word = capitalized(word);
    }
    label += (label.empty() ? "" : " ") + word;
  }
  return label;
}

bool contains_word_part(const std::string& longer, const std::string& shorter) {
  return shorter.size() >= 5 && longer.find(shorter) != std::string::npos;
}

}  // namespace

RoleDirectory::RoleDirectory(const knowledge::Facts& facts, const std::set<std::string>& vocabulary_roles) {
  std::map<std::string, int> figures;
  for (const auto& figure : facts.salaries) ++figures[figure.role];
  for (const auto& role : facts.roles) {
    Entry entry;
    entry.id = role.id;
    entry.label = role.label.empty() ? label_from_id(role.id) : role.label;
    entry.from_vocabulary = vocabulary_roles.contains(role.id);
    const auto words = words_of(entry.label);
    if (!words.empty()) {
      entry.head = words.back();
      entry.modifier_words.assign(words.begin(), words.end() - 1);
    }
    for (const auto& alias : role.aliases) entry.names.push_back(alias);
    entries_.push_back(std::move(entry));
  }
  for (const auto& [role, count] : figures) with_figures_.push_back(role);
  std::stable_sort(with_figures_.begin(), with_figures_.end(),
                   [&](const auto& a, const auto& b) { return figures[a] > figures[b]; });
  if (figures.contains(std::string(kHomeRole))) default_role_ = kHomeRole;
  else if (!with_figures_.empty()) default_role_ = with_figures_.front();
}

std::vector<intents::VocabularyEntry> RoleDirectory::vocabulary_entries() const {
  std::vector<intents::VocabularyEntry> entries;
  for (const auto& entry : entries_) {
    intents::VocabularyEntry vocabulary{entry.id, {}};
    for (const auto& name : entry.names)
      if (auto pattern = pattern_of(name); !pattern.empty()) vocabulary.patterns.push_back(std::move(pattern));
    if (!vocabulary.patterns.empty()) entries.push_back(std::move(vocabulary));
  }
  return entries;
}

std::string RoleDirectory::resolve_title(std::string_view title) const {
  const auto words = words_of(title);
  if (words.size() < 2) return {};
  std::string head = words.back();
  if (head.size() > 3 && head.back() == 's') head.pop_back();
  const std::string modifier = [&] {
    std::string joined;
    for (std::size_t i = 0; i + 1 < words.size(); ++i) joined += words[i];
    return joined;
  }();
  std::string found;
  for (const auto& entry : entries_) {
    std::string role_modifier;
    for (const auto& word : entry.modifier_words) role_modifier += word;
    if (role_modifier.empty()) continue;
    // "cyber security analyst" is "cybersecurity analyst"; "security analyst" is one kind of it;
    // "cybersecurity professional" speaks of the same field.
    const bool same_field = role_modifier == modifier || contains_word_part(role_modifier, modifier) ||
                            contains_word_part(modifier, role_modifier);
    if (!same_field) continue;
    if (entry.head != head && head != "professional" && head != "expert" && head != "specialist") continue;
    if (!found.empty() && found != entry.id) return {};  // two roles fit: guess neither
    found = entry.id;
  }
  return found;
}

std::string RoleDirectory::named_by_subject(std::string_view normalized) const {
  const auto words = words_of(normalized);
  std::string found;
  for (const auto& entry : entries_) {
    if (entry.from_vocabulary) continue;  // "learning" alone is no question about ML engineers
    for (const auto& modifier : entry.modifier_words) {
      if (modifier.size() < 8) continue;
      // A word another role's name has too ("data", "engineer") says nothing about which one.
      const bool shared = std::any_of(entries_.begin(), entries_.end(), [&](const Entry& other) {
        return other.id != entry.id &&
               std::find(other.modifier_words.begin(), other.modifier_words.end(), modifier) != other.modifier_words.end();
      });
      const auto at = std::find(words.begin(), words.end(), modifier);
      if (shared || at == words.end()) continue;
      // Beside another role's word it names a field of that role's: "test automation" is the test
      // analyst's work, not the automation engineer's.
      auto other_roles_word = [&](const std::string& word) {
        return std::any_of(entries_.begin(), entries_.end(), [&](const Entry& other) {
          return other.id != entry.id && std::find(other.modifier_words.begin(), other.modifier_words.end(), word) !=
                                             other.modifier_words.end();
        });
      };
      if ((at != words.begin() && other_roles_word(*std::prev(at))) ||
          (std::next(at) != words.end() && other_roles_word(*std::next(at))))
        continue;
      if (!found.empty() && found != entry.id) return {};
      found = entry.id;
    }
  }
  return found;
}

std::string RoleDirectory::label(std::string_view role) const {
  for (const auto& entry : entries_)
    if (entry.id == role) return entry.label;
  return label_from_id(role);
}

std::vector<std::string> RoleDirectory::names(std::string_view role) const {
  for (const auto& entry : entries_)
    if (entry.id == role) return entry.names;
  return {};
}

bool RoleDirectory::known(std::string_view role) const {
  return std::any_of(entries_.begin(), entries_.end(), [&](const Entry& entry) { return entry.id == role; });
}

bool RoleDirectory::has_figures(std::string_view role) const {
  return std::find(with_figures_.begin(), with_figures_.end(), role) != with_figures_.end();
}

}  // namespace bot
