#include "knowledge/facts.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include <boost/json.hpp>
#include <re2/re2.h>

#include "knowledge/internal/fact_readers.hpp"
#include "knowledge/sentences.hpp"

namespace knowledge {
namespace {

RE2::Options pattern_options() {
  RE2::Options options;
  options.set_log_errors(false);
  return options;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// "15–25%", "14.3%", "up 113%": the percentages of a sentence.
void read_percentages(const FactSources& sources, Facts& facts) {
  static const RE2 percent(R"((\d+(?:\.\d+)?)\s*(?:%\s*)?(?:–|—|-|to)\s*(\d+(?:\.\d+)?)\s*(?:%|percent)|(\d+(?:\.\d+)?)\s*(?:%|percent))",
                           pattern_options());
  for (const auto& passage : sources.passages) {
    for (const auto sentence : sentences_of(passage.text)) {
      re2::StringPiece input(sentence.data(), sentence.size());
      std::string low, high, single;
      std::vector<std::string> topics;
      bool labelled = false;
      while (RE2::FindAndConsume(&input, percent, &low, &high, &single)) {
        if (!labelled) {
          topics = sources.labeler.labels("percentage_topic", sentence);
          labelled = true;
        }
        Percentage percentage;
        percentage.role = facts.role_of_passage(passage.id);
        percentage.topics = topics;
        percentage.low = std::stod(single.empty() ? low : single);
        percentage.high = std::stod(single.empty() ? high : single);
        percentage.quote = std::string(sentence);
        percentage.passage = passage.id;
        facts.percentages.push_back(std::move(percentage));
      }
    }
  }
}

// "IaaS provides ...", "DVC (Data Version Control)", "Load Balancers: Tools that ...",
// "MLOps (Machine Learning Operations) is a set of ...": a passage that opens with its subject.
std::optional<std::string> opening_subject(std::string_view text) {
  static const RE2 definition(
      R"(^([A-Za-z][A-Za-z0-9/&+-]*)(?: [A-Z][A-Za-z0-9/&+-]*){0,3}(?: \(| is an? | provides |: | refers to | means ))",
      pattern_options());
  std::string subject;
  if (!RE2::PartialMatch(text, definition, &subject)) return std::nullopt;
  return lower(subject);
}

// "a SIEM (security information and event management) platform", "Global capability centres
// (GCCs)": an acronym beside its expansion defines it wherever it stands.
std::vector<std::string> acronyms_defined(std::string_view sentence) {
  static const RE2 acronym_first(R"(\b([A-Z][A-Za-z]*[A-Z]s?) \(([a-zA-Z][a-zA-Z ,&-]{4,80})\))", pattern_options());
  static const RE2 expansion_first(R"(\b((?:[A-Za-z][a-z-]* ){1,6}[A-Za-z][a-z-]*) \(([A-Z][A-Za-z]*[A-Z]s?)\))", pattern_options());
  std::vector<std::string> subjects;
  auto initials_match = [](std::string acronym, std::string_view words) {
    if (acronym.size() > 2 && acronym.back() == 's') acronym.pop_back();
    std::string initials;
    bool start = true;
    for (char c : words) {
      if (c == ' ' || c == '-') start = true;
      else if (start) {
        initials += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        start = false;
      }
    }
    // "and", "of" may or may not count: the acronym's letters in order within the initials.
    std::size_t at = 0;
    for (char c : lower(acronym)) {
      at = initials.find(c, at);
      if (at == std::string::npos) return false;
      ++at;
    }
    return true;
  };
  re2::StringPiece input(sentence.data(), sentence.size());
  std::string acronym, words;
  while (RE2::FindAndConsume(&input, acronym_first, &acronym, &words))
    if (initials_match(acronym, words)) subjects.push_back(lower(acronym));
  input = re2::StringPiece(sentence.data(), sentence.size());
  while (RE2::FindAndConsume(&input, expansion_first, &words, &acronym)) {
    // The expansion's last words carry the acronym's letters: "the in-house Global capability centres".
    std::string_view expansion = words;
    auto letters = acronym.size() - (acronym.back() == 's' ? 1 : 0);
    std::size_t spaces = 0, cut = expansion.size();
    for (std::size_t i = expansion.size(); i-- > 0;)
      if (expansion[i] == ' ' && ++spaces == letters) {
        cut = i + 1;
        break;
      }
    if (cut < expansion.size()) expansion = expansion.substr(cut);
    if (initials_match(acronym, expansion)) {
      std::string subject = lower(acronym);
      if (subject.size() > 2 && subject.back() == 's') subject.pop_back();
      subjects.push_back(subject);
    }
  }
  return subjects;
}

void read_definitions(const FactSources& sources, Facts& facts) {
  for (const auto& passage : sources.passages) {
    if (const auto subject = opening_subject(passage.text)) facts.definitions[*subject].push_back(passage.id);
    for (const auto sentence : sentences_of(passage.text))
      for (const auto& subject : acronyms_defined(sentence)) {
        auto& ids = facts.definitions[subject];
        if (std::find(ids.begin(), ids.end(), passage.id) == ids.end()) ids.push_back(passage.id);
      }
  }
}

// The kinds read_indexes labels each passage's text by: kMentionKinds, then "pay_words".
constexpr auto kPassageKinds = [] {
  std::array<std::string_view, std::size(kMentionKinds) + 1> kinds{};
  for (std::size_t k = 0; k < std::size(kMentionKinds); ++k) kinds[k] = kMentionKinds[k];
  kinds.back() = "pay_words";
  return kinds;
}();

void read_indexes(const FactSources& sources, Facts& facts) {
  std::map<std::string, std::vector<std::string>> section_topics;
  for (const auto& passage : sources.passages) {
    auto [topics, fresh] = section_topics.try_emplace(passage.doc + "\n" + passage.section + "\n" + passage.parent);
    // The opening under the document's title ("... Salary in India: Pay, Skills and Employers")
    // is an introduction, not a section on what its title lists.
    const auto title = sources.titles.find(passage.doc);
    const bool opening = title != sources.titles.end() && title->second == passage.section;
    if (fresh && !opening) {
      topics->second = sources.labeler.labels("section_topic", passage.section);
      // A sub-section ("### Frameworks and libraries" under "## Tools") keeps its parent's topic.
      for (const auto& topic : sources.labeler.labels("section_topic", passage.parent))
        if (std::find(topics->second.begin(), topics->second.end(), topic) == topics->second.end())
          topics->second.push_back(topic);
    }
    for (const auto& topic : topics->second) facts.section_passages[topic].push_back(passage.id);
    // The text's labels of every kind at once: it is normalised once, not once a kind.
    const auto labels = sources.labeler.labels_of_kinds(kPassageKinds, passage.text);
    for (std::size_t k = 0; k < std::size(kMentionKinds); ++k) {
      const std::string_view kind = kMentionKinds[k];
      // Roles are the catalog's, which knows the titles only the documents name.
      const auto values = kind == "role" ? sources.roles.roles_in(passage.text, labels[k]) : labels[k];
      for (const auto& value : values) facts.mentions[std::string(kind) + ":" + value].push_back(passage.id);
    }
    if (!labels.back().empty()) facts.pay_passages.insert(passage.id);
    std::vector<std::string> factors;
    if (std::find(topics->second.begin(), topics->second.end(), "factors") != topics->second.end())
      factors = sources.labeler.labels("factor", passage.group + ". " + passage.text);
    // "How does location impact the salary?" over an answer (a FAQ): a heading that asks how one
    // factor bears on pay makes its passages what the documents say of that factor.
    if (passage.section.find('?') != std::string::npos && !sources.labeler.labels("pay_words", passage.section).empty())
      for (auto& factor : sources.labeler.labels("factor", passage.section))
        if (std::find(factors.begin(), factors.end(), factor) == factors.end()) factors.push_back(std::move(factor));
    for (const auto& factor : factors) facts.factor_passages[factor].push_back(passage.id);
  }
}

boost::json::array ids_json(const std::vector<int>& ids) { return boost::json::array(ids.begin(), ids.end()); }
std::vector<int> ids_from(const boost::json::value& value) {
  std::vector<int> ids;
  for (const auto& id : value.as_array()) ids.push_back(static_cast<int>(id.to_number<std::int64_t>()));
  return ids;
}
boost::json::object index_json(const std::map<std::string, std::vector<int>>& index) {
  boost::json::object object;
  for (const auto& [key, ids] : index) object[key] = ids_json(ids);
  return object;
}
std::map<std::string, std::vector<int>> index_from(const boost::json::value& value) {
  std::map<std::string, std::vector<int>> index;
  for (const auto& [key, ids] : value.as_object()) index.emplace(std::string(key), ids_from(ids));
  return index;
}
boost::json::array strings_json(const std::vector<std::string>& strings) {
  return boost::json::array(strings.begin(), strings.end());
}
std::vector<std::string> strings_from(const boost::json::value& value) {
  std::vector<std::string> strings;
  for (const auto& item : value.as_array()) strings.emplace_back(item.as_string());
  return strings;
}
double number(const boost::json::object& object, const char* key) { return object.at(key).to_number<double>(); }
std::string string_at(const boost::json::object& object, const char* key) {
  const auto* value = object.if_contains(key);
  return value ? std::string(value->as_string()) : std::string();
}
int int_at(const boost::json::object& object, const char* key) {
  return static_cast<int>(object.at(key).to_number<std::int64_t>());
}
std::optional<double> optional_number(const boost::json::object& object, const char* key) {
  const auto* value = object.if_contains(key);
  if (!value || value->is_null()) return std::nullopt;
  return value->to_number<double>();
}

boost::json::object figure_json(const SalaryFigure& f) {
  boost::json::object object{{"role", f.role},   {"label", f.label}, {"level", f.level},  {"city", f.city},
                             {"company_type", f.company_type},          {"industry", f.industry},
                             {"min", f.min},     {"max", f.max},     {"open_ended", f.open_ended},
                             {"currency", f.currency},                  {"unit", f.unit},
                             {"overall", f.overall}, {"quote", f.quote}, {"context", f.context}, {"notes", f.notes},
                             {"passage", f.passage}};
  if (f.years_from) object["years_from"] = *f.years_from;
  if (f.years_to) object["years_to"] = *f.years_to;
  return object;
}

SalaryFigure figure_from(const boost::json::object& object) {
  SalaryFigure f;
  f.role = string_at(object, "role");
  f.label = string_at(object, "label");
  f.level = string_at(object, "level");
  f.city = string_at(object, "city");
  f.company_type = string_at(object, "company_type");
  f.industry = string_at(object, "industry");
  f.years_from = optional_number(object, "years_from");
  f.years_to = optional_number(object, "years_to");
  f.min = number(object, "min");
  f.max = number(object, "max");
  f.open_ended = object.at("open_ended").as_bool();
  f.currency = string_at(object, "currency");
  f.unit = string_at(object, "unit");
  f.overall = object.at("overall").as_bool();
  f.quote = string_at(object, "quote");
  f.context = string_at(object, "context");
  f.notes = string_at(object, "notes");
  f.passage = int_at(object, "passage");
  return f;
}

}  // namespace

const Role* Facts::role(std::string_view id) const {
  for (const auto& each : roles)
    if (each.id == id) return &each;
  return nullptr;
}

const std::string& Facts::role_of_passage(int passage) const {
  static const std::string kNone;
  const auto it = passage_roles.find(passage);
  return it == passage_roles.end() ? kNone : it->second;
}

std::vector<const SalaryFigure*> Facts::salaries_of(std::string_view role) const {
  std::vector<const SalaryFigure*> found;
  for (const auto& figure : salaries)
    if (figure.role == role) found.push_back(&figure);
  return found;
}

const Percentage* Facts::percentage(std::string_view topic, std::string_view role) const {
  for (const auto& each : percentages)
    if ((role.empty() || each.role == role) && std::find(each.topics.begin(), each.topics.end(), topic) != each.topics.end())
      return &each;
  return nullptr;
}

const std::vector<int>& Facts::passages_of(const std::map<std::string, std::vector<int>>& index,
                                           const std::string& key) const {
  static const std::vector<int> kNone;
  const auto it = index.find(key);
  return it == index.end() ? kNone : it->second;
}

Facts extract_facts(const std::vector<Passage>& passages, const std::map<std::string, std::string>& titles,
                    const Labeler& labeler, const RoleLexicon& lexicon) {
  Facts facts;
  const RoleCatalog catalog(passages, titles, labeler, lexicon);
  facts.roles = catalog.roles();
  facts.document_roles = catalog.document_roles();
  facts.passage_roles = catalog.roles_of_passages(passages);
  const FactSources sources{passages, titles, labeler, catalog, facts};
  read_indexes(sources, facts);
  read_salaries(sources, facts);
  read_percentages(sources, facts);
  read_tools(sources, facts);
  read_definitions(sources, facts);
  return facts;
}

boost::json::value to_json(const Facts& facts) {
  boost::json::array roles, salaries, duties, percentages, tools;
  for (const auto& role : facts.roles)
    roles.push_back({{"id", role.id}, {"label", role.label}, {"aliases", strings_json(role.aliases)},
                     {"docs", strings_json(role.docs)}});
  for (const auto& figure : facts.salaries) salaries.push_back(figure_json(figure));
  for (const auto& each : facts.duties)
    duties.push_back({{"role", each.role}, {"level", each.level}, {"label", each.label},
                      {"items", strings_json(each.items)}, {"passage", each.passage}});
  for (const auto& each : facts.percentages)
    percentages.push_back({{"role", each.role}, {"topics", strings_json(each.topics)}, {"low", each.low},
                           {"high", each.high}, {"quote", each.quote}, {"passage", each.passage}});
  for (const auto& group : facts.tools)
    tools.push_back({{"role", group.role}, {"category", group.category}, {"label", group.label},
                     {"tools", strings_json(group.tools)}, {"passages", ids_json(group.passages)},
                     {"from_prose", group.from_prose}});
  boost::json::object document_roles;
  for (const auto& [doc, role] : facts.document_roles) document_roles[doc] = role;
  boost::json::array passage_roles;  // [id, role] pairs, in id order
  for (const auto& [id, role] : facts.passage_roles) passage_roles.push_back({id, role});
  return {{"roles", roles},
          {"document_roles", document_roles},
          {"passage_roles", passage_roles},
          {"salaries", salaries},
          {"duties", duties},
          {"percentages", percentages},
          {"tools", tools},
          {"section_passages", index_json(facts.section_passages)},
          {"mentions", index_json(facts.mentions)},
          {"factor_passages", index_json(facts.factor_passages)},
          {"definitions", index_json(facts.definitions)},
          {"pay_passages", boost::json::array(facts.pay_passages.begin(), facts.pay_passages.end())}};
}

Facts facts_from_json(const boost::json::value& value) {
  const auto& root = value.as_object();
  Facts facts;
  for (const auto& item : root.at("roles").as_array()) {
    const auto& object = item.as_object();
    facts.roles.push_back({string_at(object, "id"), string_at(object, "label"), strings_from(object.at("aliases")),
                           strings_from(object.at("docs"))});
  }
  for (const auto& [doc, role] : root.at("document_roles").as_object())
    facts.document_roles.emplace(std::string(doc), std::string(role.as_string()));
  for (const auto& item : root.at("passage_roles").as_array()) {
    const auto& pair = item.as_array();
    facts.passage_roles.emplace(static_cast<int>(pair.at(0).as_int64()), std::string(pair.at(1).as_string()));
  }
  for (const auto& item : root.at("salaries").as_array()) facts.salaries.push_back(figure_from(item.as_object()));
  for (const auto& item : root.at("duties").as_array()) {
    const auto& object = item.as_object();
    facts.duties.push_back({string_at(object, "role"), string_at(object, "level"), string_at(object, "label"),
                            strings_from(object.at("items")), int_at(object, "passage")});
  }
  for (const auto& item : root.at("percentages").as_array()) {
    const auto& object = item.as_object();
    facts.percentages.push_back({string_at(object, "role"), strings_from(object.at("topics")), number(object, "low"),
                                 number(object, "high"), string_at(object, "quote"), int_at(object, "passage")});
  }
  for (const auto& item : root.at("tools").as_array()) {
    const auto& object = item.as_object();
    facts.tools.push_back({string_at(object, "role"), string_at(object, "category"), string_at(object, "label"),
                           strings_from(object.at("tools")), ids_from(object.at("passages")),
                           object.at("from_prose").as_bool()});
  }
  facts.section_passages = index_from(root.at("section_passages"));
  facts.mentions = index_from(root.at("mentions"));
  facts.factor_passages = index_from(root.at("factor_passages"));
  facts.definitions = index_from(root.at("definitions"));
  for (int id : ids_from(root.at("pay_passages"))) facts.pay_passages.insert(id);
  return facts;
}

}  // namespace knowledge
