#include "knowledge/roles.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <unordered_map>

#include <re2/re2.h>

namespace knowledge {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '#' ||
         c == '&' || static_cast<unsigned char>(c) >= 0x80;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

struct Token {
  std::string_view text;
  std::size_t begin, end;
  bool joined_to_next;  // only spaces or a hyphen stand between it and the next token
  bool hyphen_to_next;  // a hyphen alone joins it to the next token: one compound word
};

std::vector<Token> tokens_of(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_word_char(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && (is_word_char(text[end]) || (text[end] == '.' && end + 1 < text.size() &&
                                                             is_word_char(text[end + 1]) && text[end + 1] != ' ')))
      ++end;
    // "B.Tech" stays one token; a sentence's full stop does not.
    tokens.push_back({text.substr(i, end - i), i, end, false, false});
    std::size_t gap = end;
    bool only_spaces = true;
    while (gap < text.size() && !is_word_char(text[gap])) {
      if (text[gap] != ' ' && text[gap] != '-') only_spaces = false;
      ++gap;
    }
    tokens.back().joined_to_next = only_spaces && gap < text.size();
    tokens.back().hyphen_to_next = gap == end + 1 && text[end] == '-' && gap < text.size();
    i = gap;
  }
  return tokens;
}

bool contains(const std::vector<std::string>& list, const std::string& word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// "engineers" -> "engineer" when that is a head; empty when the word is no head.
std::string head_of(const std::string& word, const RoleLexicon& lexicon) {
  if (contains(lexicon.heads, word)) return word;
  if (word.size() > 3 && word.back() == 's' && contains(lexicon.heads, word.substr(0, word.size() - 1)))
    return word.substr(0, word.size() - 1);
  return {};
}

bool capitalized(std::string_view word) { return !word.empty() && (is_upper(word.front()) || (word.front() >= '0' && word.front() <= '9')); }
bool all_caps(std::string_view word) {
  return word.size() >= 2 && std::all_of(word.begin(), word.end(), [](char c) { return is_upper(c) || (c >= '0' && c <= '9'); });
}

// Two modifiers share a word: "security" and "cybersecurity", "cloud" and "cloud".
bool share_modifier(const std::string& a, const std::string& b) {
  auto words = [](const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
      auto end = text.find(' ', start);
      if (end == std::string::npos) end = text.size();
      if (end > start) out.push_back(text.substr(start, end - start));
      start = end + 1;
    }
    return out;
  };
  for (const auto& x : words(a))
    for (const auto& y : words(b)) {
      if (x == y && x.size() >= 3) return true;
      if (x.size() >= 5 && y.find(x) != std::string::npos) return true;
      if (y.size() >= 5 && x.find(y) != std::string::npos) return true;
    }
  return false;
}

// The part of a passage that names what it is about: a row's label cells, the text before a
// list item's colon or parenthesis.
std::string label_part(const Passage& passage) {
  if (passage.kind == PassageKind::table_row) {
    if (!passage.cells.empty()) return passage.cells.front();
    return passage.text.substr(0, passage.text.find('|'));
  }
  const auto colon = passage.text.find(':');
  const auto paren = passage.text.find(" (");
  const auto end = std::min(colon, paren);
  if (end == std::string::npos || end > 80) return {};
  return passage.text.substr(0, end);
}

std::string escape(const std::string& name) { return RE2::QuoteMeta(name); }

}  // namespace

std::vector<RolePhrase> find_role_phrases(std::string_view text, const RoleLexicon& lexicon) {
  std::vector<RolePhrase> phrases;
  const auto tokens = tokens_of(text);
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    const std::string word = lower(tokens[i].text);
    const std::string head = head_of(word, lexicon);
    if (head.empty()) continue;
    // The modifier: the capitalized words right before the head ("SOC", "Product", "Data
    // Science"), or else the one lower-case word before it ("security engineers").
    // A gerund away from the head ends it: "Factors Influencing MLOps Engineer", "Top Paying Data
    // Engineer"; next to the head it is part of the title: "Machine Learning Engineer".
    auto gerund = [](std::string_view word) { return word.size() > 4 && lower(word).ends_with("ing"); };
    // A compound with a lower-case part is an adjective, not part of a title: "End-to-End QA
    // Engineer Roadmap" names a QA engineer ("Site-Reliability Engineer" keeps its compound).
    auto in_lower_compound = [&](std::size_t at) {
      return at > 0 && tokens[at - 1].hyphen_to_next && !capitalized(tokens[at - 1].text);
    };
    std::size_t first = i;
    while (first > 0 && i - first < 3 && tokens[first - 1].joined_to_next && capitalized(tokens[first - 1].text) &&
           !in_lower_compound(first - 1) &&
           !contains(lexicon.qualifiers, lower(tokens[first - 1].text)) &&
           head_of(lower(tokens[first - 1].text), lexicon).empty() && !(first < i && gerund(tokens[first - 1].text) &&
                                                                         first - 1 != i - 1))
      --first;
    if (first == i && tokens[i - 1].joined_to_next && !capitalized(tokens[i - 1].text)) {
      const std::string before = lower(tokens[i - 1].text);
      if (!contains(lexicon.qualifiers, before) && head_of(before, lexicon).empty() && before.size() > 1) first = i - 1;
    }
    if (first == i) continue;
    RolePhrase phrase;
    phrase.head = head;
    phrase.begin = tokens[first].begin;
    phrase.end = tokens[i].end;
    for (std::size_t k = first; k < i; ++k) phrase.modifier += (k > first ? " " : "") + lower(tokens[k].text);
    phrase.name = phrase.modifier + " " + head;
    // The label as written, made singular.
    for (std::size_t k = first; k <= i; ++k) {
      std::string_view part = tokens[k].text;
      if (k == i && part.size() > head.size()) part = part.substr(0, head.size());
      phrase.label += (k > first ? " " : "") + std::string(part);
    }
    // "Business analysts (BAs)": the acronym after the title is another name for it.
    if (i + 1 < tokens.size() && phrase.end + 2 < text.size() && text.substr(phrase.end).starts_with(" (") &&
        all_caps(tokens[i + 1].text.substr(0, tokens[i + 1].text.size() - (tokens[i + 1].text.back() == 's' ? 1 : 0))) &&
        tokens[i + 1].end < text.size() && text[tokens[i + 1].end] == ')') {
      auto acronym = lower(tokens[i + 1].text);
      if (acronym.size() > 2 && acronym.back() == 's') acronym.pop_back();
      phrase.acronym = acronym;
    }
    phrases.push_back(std::move(phrase));
  }
  return phrases;
}

std::string role_id_of(std::string_view name) {
  std::string id;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      id += c;
    else if (!id.empty() && id.back() != '_')
      id += '_';
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  return id;
}

RoleCatalog::RoleCatalog(const std::vector<Passage>& passages, const std::map<std::string, std::string>& titles,
                         const Labeler& labeler, const RoleLexicon& lexicon)
    : labeler_(&labeler), lexicon_(&lexicon) {
  // A title's role: the vocabulary's name for it when it has one.
  auto canonical = [&](const RolePhrase& phrase) {
    const auto labels = labeler.labels("role", phrase.label);
    return labels.size() == 1 ? labels.front() : std::string();
  };
  auto add_title = [&](const RolePhrase& phrase) { return add(phrase, canonical(phrase)); };

  // The documents' own subjects first: their titles.
  std::map<std::string, RolePhrase> main_phrase;
  for (const auto& [doc, title] : titles) {
    std::set<std::string> named;
    std::optional<RolePhrase> only;
    for (const auto& phrase : find_role_phrases(title, lexicon)) {
      named.insert(add_title(phrase));
      only = phrase;
    }
    for (const auto& role : labeler.labels("role", title)) named.insert(role);
    for (const auto& role : named)
      if (!find(role)) roles_.push_back(Role{role, {}, {}, {}});
    if (named.empty()) {
      // "devops-salary-guide": the file's name may say what the title does not.
      std::string spaced(doc);
      std::replace(spaced.begin(), spaced.end(), '-', ' ');
      std::replace(spaced.begin(), spaced.end(), '_', ' ');
      for (const auto& role : labeler.labels("role", spaced)) {
        named.insert(role);
        if (!find(role)) roles_.push_back(Role{role, {}, {}, {}});
      }
    }
    if (named.size() != 1) continue;
    doc_roles_[doc] = *named.begin();
    if (only) main_phrase[doc] = *only;
    if (auto* role = const_cast<Role*>(find(*named.begin()))) role->docs.push_back(doc);
  }
  // Titles in headings, table rows and list labels are roles in their own right.
  std::set<std::string> seen_sections;
  for (const auto& passage : passages) {
    for (const auto* heading : {&passage.section, &passage.parent, &passage.group})
      if (!heading->empty() && seen_sections.insert(passage.doc + "\n" + *heading).second)
        for (const auto& phrase : find_role_phrases(*heading, lexicon)) add_title(phrase);
    if (passage.kind != PassageKind::paragraph)
      if (const auto label = label_part(passage); !label.empty())
        for (const auto& phrase : find_role_phrases(label, lexicon)) add_title(phrase);
  }
  // Titles only in running text name the document's role when they share a modifier with it
  // or are an acronym's kind of it ("SOC analysts" in a cybersecurity analyst article).
  for (const auto& passage : passages) {
    const auto doc_role = doc_roles_.find(passage.doc);
    const auto main = main_phrase.find(passage.doc);
    for (const auto& phrase : find_role_phrases(passage.text, lexicon)) {
      const std::string known = role_of_name(phrase.name);
      if (!known.empty()) {
        if (!phrase.acronym.empty()) by_name_.try_emplace(phrase.acronym, known);
        continue;
      }
      if (!canonical(phrase).empty() || doc_role == doc_roles_.end() || main == main_phrase.end()) continue;
      const auto first_word = phrase.modifier.substr(0, phrase.modifier.find(' '));
      const std::string written_modifier(passage.text.substr(phrase.begin, first_word.size()));
      const bool acronym_kind = phrase.head == main->second.head && all_caps(written_modifier);
      if (acronym_kind || share_modifier(phrase.modifier, main->second.modifier)) {
        by_name_.try_emplace(phrase.name, doc_role->second);
        if (auto* role = const_cast<Role*>(find(doc_role->second))) role->aliases.push_back(phrase.name);
      }
    }
  }
  // "SRE" in a site reliability engineer article: the initials of its title, written in capitals.
  for (const auto& [doc, phrase] : main_phrase) {
    std::string initials;
    for (std::size_t at = 0; at < phrase.name.size(); at = phrase.name.find(' ', at) + 1) {
      initials += phrase.name[at];
      if (phrase.name.find(' ', at) == std::string::npos) break;
    }
    // Three letters at least: "de" and "pm" are words of other kinds in questions ("bata de", "5 pm").
    if (initials.size() < 3 || by_name_.contains(initials)) continue;
    std::string capitals = initials;
    std::transform(capitals.begin(), capitals.end(), capitals.begin(), [](char c) { return static_cast<char>(c - 'a' + 'A'); });
    // `doc` copied in: clang 14 (the fuzz build) cannot capture a structured binding.
    const auto written = [&, doc = doc](const Passage& passage) {
      if (passage.doc != doc) return false;
      for (auto at = passage.text.find(capitals); at != std::string::npos; at = passage.text.find(capitals, at + 1)) {
        const auto after = at + capitals.size();
        const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(passage.text[at - 1]));
        const bool ends = after == passage.text.size() || !std::isalnum(static_cast<unsigned char>(passage.text[after])) ||
                          (passage.text[after] == 's' && (after + 1 == passage.text.size() ||
                                                          !std::isalnum(static_cast<unsigned char>(passage.text[after + 1]))));
        if (starts && ends) return true;
      }
      return false;
    };
    if (!std::any_of(passages.begin(), passages.end(), written)) continue;
    const auto role = doc_roles_.find(doc);
    by_name_.try_emplace(initials, role->second);
    if (auto* known = const_cast<Role*>(find(role->second))) known->aliases.push_back(initials);
  }
  label_counts_.clear();
  for (auto& role : roles_) {
    std::sort(role.aliases.begin(), role.aliases.end());
    role.aliases.erase(std::unique(role.aliases.begin(), role.aliases.end()), role.aliases.end());
  }
  compile();
}

std::string RoleCatalog::add(const RolePhrase& phrase, const std::string& canonical) {
  std::string id = canonical.empty() ? role_of_name(phrase.name) : canonical;
  if (id.empty()) id = role_id_of(phrase.name);
  auto it = std::find_if(roles_.begin(), roles_.end(), [&](const Role& role) { return role.id == id; });
  if (it == roles_.end()) it = roles_.insert(roles_.end(), Role{id, phrase.label, {}, {}});
  // The label a document writes in title case ("Machine Learning Engineer") is the better one.
  // The documents' most frequent title-case spelling names the role ("MLOps Engineer", not the one
  // title's "MLops Engineer"); a lower-case spelling only when there is no other.
  const auto last_word = [](const std::string& label) { return label.substr(label.rfind(' ') + 1); };
  auto& counts = label_counts_[id];
  const int count = ++counts[phrase.label];
  const bool title_case = capitalized(last_word(phrase.label));
  if (it->label.empty() || (!capitalized(last_word(it->label)) && title_case) ||
      (title_case && it->label != phrase.label && count > counts[it->label]))
    it->label = phrase.label;
  by_name_.try_emplace(phrase.name, id);
  if (!contains(it->aliases, phrase.name)) it->aliases.push_back(phrase.name);
  if (!phrase.acronym.empty()) {
    by_name_.try_emplace(phrase.acronym, id);
    if (!contains(it->aliases, phrase.acronym)) it->aliases.push_back(phrase.acronym);
  }
  return id;
}

std::string RoleCatalog::role_of_name(const std::string& name) const {
  const auto it = by_name_.find(name);
  return it == by_name_.end() ? std::string() : it->second;
}

const Role* RoleCatalog::find(std::string_view id) const {
  for (const auto& role : roles_)
    if (role.id == id) return &role;
  return nullptr;
}

std::string RoleCatalog::role_of_document(const std::string& doc) const {
  const auto it = doc_roles_.find(doc);
  return it == doc_roles_.end() ? std::string() : it->second;
}

void RoleCatalog::compile() {
  name_roles_.clear();
  std::string pattern;
  // Longer names first, so "cloud security engineer" wins over "security engineer".
  std::vector<std::pair<std::string, std::string>> names(by_name_.begin(), by_name_.end());
  std::stable_sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  for (const auto& [name, role] : names) {
    pattern += (pattern.empty() ? "" : "|") + std::string("(") + escape(name) + ")";
    name_roles_.push_back(role);
  }
  if (pattern.empty()) {
    names_.reset();
    return;
  }
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  auto re = std::make_shared<RE2>("\\b(?:" + pattern + ")(?:s|es)?\\b", options);
  if (re->ok()) names_ = std::move(re);
}

std::vector<std::string> RoleCatalog::roles_in(std::string_view text) const {
  return roles_in(text, labeler_ ? labeler_->labels("role", text) : std::vector<std::string>{});
}

std::vector<std::string> RoleCatalog::roles_in(std::string_view text, const std::vector<std::string>& vocabulary_roles) const {
  std::vector<std::string> found;
  auto note = [&](const std::string& role) {
    if (!role.empty() && !contains(found, role)) found.push_back(role);
  };
  for (const auto& role : vocabulary_roles) note(role);
  if (!names_) return found;
  std::string lowered = lower(text);
  std::replace(lowered.begin(), lowered.end(), '-', ' ');
  const int groups = names_->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> captures(static_cast<std::size_t>(groups));
  std::vector<RE2::Arg> args(static_cast<std::size_t>(groups));
  std::vector<const RE2::Arg*> pointers(static_cast<std::size_t>(groups));
  for (int i = 0; i < groups; ++i) {
    args[static_cast<std::size_t>(i)] = &captures[static_cast<std::size_t>(i)];
    pointers[static_cast<std::size_t>(i)] = &args[static_cast<std::size_t>(i)];
  }
  re2::StringPiece input(lowered);
  while (RE2::FindAndConsumeN(&input, *names_, pointers.data(), groups)) {
    for (int i = 0; i < groups; ++i)
      if (captures[static_cast<std::size_t>(i)].data()) {
        note(name_roles_[static_cast<std::size_t>(i)]);
        break;
      }
    if (input.empty()) break;
  }
  return found;
}

std::string RoleCatalog::single_role(std::string_view text) const {
  const auto roles = roles_in(text);
  return roles.size() == 1 ? roles.front() : std::string();
}

std::map<int, std::string> RoleCatalog::roles_of_passages(const std::vector<Passage>& passages) const {
  std::unordered_map<std::string, std::string> single;  // text -> its one role
  auto single_of = [&](const std::string& text) -> const std::string& {
    auto found = single.find(text);
    if (found == single.end()) found = single.emplace(text, single_role(text)).first;
    return found->second;
  };
  auto role_of = [&](const Passage& passage) {
    // A table row's label cell names its role ("Data Scientist | ₹8–20 LPA"); a list item's label
    // ("DevOps Skills: CI/CD") is what the item is about, not whose it is.
    const std::string row_label = passage.kind == PassageKind::table_row ? label_part(passage) : std::string();
    for (const std::string* text : {&row_label, &passage.group, &passage.section, &passage.parent})
      if (!text->empty())
        if (const auto& role = single_of(*text); !role.empty()) return role;
    return role_of_document(passage.doc);
  };
  std::map<int, std::string> roles;
  for (const auto& passage : passages)
    if (auto role = role_of(passage); !role.empty()) roles.emplace(passage.id, std::move(role));
  return roles;
}

RoleCatalog RoleCatalog::from_roles(std::vector<Role> roles, std::map<std::string, std::string> doc_roles,
                                    const Labeler* labeler, const RoleLexicon* lexicon) {
  RoleCatalog catalog;
  catalog.labeler_ = labeler;
  catalog.lexicon_ = lexicon;
  catalog.doc_roles_ = std::move(doc_roles);
  for (const auto& role : roles)
    for (const auto& alias : role.aliases) catalog.by_name_.try_emplace(alias, role.id);
  catalog.roles_ = std::move(roles);
  catalog.compile();
  return catalog;
}

}  // namespace knowledge
