#include "intents/matcher.hpp"

#include <algorithm>
#include <bitset>
#include <map>
#include <stdexcept>

#include <boost/json.hpp>
#include <re2/re2.h>
#include <re2/set.h>

#include "intents/json_file.hpp"

namespace intents {
namespace {

constexpr std::size_t kMaxConcepts = 128;
// Rule weights are written with two decimals: 3.5 - 3.35 is a margin of 0.15, not 0.1500000000000004.
constexpr double kScoreTolerance = 1e-6;
using ConceptMask = std::bitset<kMaxConcepts>;

// Concepts that come from the entity extractor rather than from a pattern.
enum EntityConcept { kExperience, kLevel, kRole, kRoles2, kRoleSubject, kRoleOther, kCity, kCertification, kIndustry,
                     kCompanyType, kCompanyTypeDocumented, kSkill, kSkills2, kToolCategory, kEntityConceptCount };
constexpr const char* kEntityConceptNames[] = {"@experience",    "@level",    "@role",         "@roles2", "@role_subject",
                                               "@role_other",    "@city",     "@certification", "@industry",
                                               "@company_type", "@company_type_documented", "@skill",    "@skills2",      "@tool_category"};
static_assert(std::size(kEntityConceptNames) == kEntityConceptCount);

std::string expand_definitions(std::string pattern, const std::map<std::string, std::string>& definitions) {
  for (const auto& [name, definition] : definitions) {
    const std::string placeholder = "{" + name + "}";
    for (auto at = pattern.find(placeholder); at != std::string::npos; at = pattern.find(placeholder, at))
      pattern.replace(at, placeholder.size(), definition);
  }
  return pattern;
}

}  // namespace

struct Matcher::Impl {
  struct Rule {
    std::size_t intent;
    ConceptMask all = 0;
    ConceptMask none = 0;
    double weight = 0;
  };
  RE2::Options options;
  std::unique_ptr<RE2::Set> set;
  std::vector<std::size_t> pattern_concept;  // RE2::Set index -> concept bit
  std::size_t entity_concept_base = 0;       // bit of @experience; the others follow
  int follow_up_bit = -1;
  int question_bit = -1;
  ConceptMask subjects;                      // what a question is about, as opposed to what it asks
  std::vector<std::string> concept_names;    // bit -> name
  std::vector<Rule> rules;
  struct AskBackPair {
    std::size_t first, second;  // intent indices
    AskBack ask;
  };
  std::vector<AskBackPair> ask_backs;
  double ask_back_margin = 0;

  Impl() {
    options.set_log_errors(false);
    options.set_case_sensitive(true);
    set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  }

  ConceptMask entity_concepts(const Entities& entities, const Matcher::Coverage& coverage) const {
    ConceptMask mask;
    auto set_if = [&](EntityConcept which, bool present) {
      if (present) mask.set(entity_concept_base + which);
    };
    const auto is_subject = [&](const std::string& role) { return coverage.subject_roles.contains(role); };
    set_if(kExperience, entities.experience_years.has_value() || entities.experience_range.has_value());
    set_if(kLevel, entities.level.has_value());
    set_if(kRole, !entities.role.empty());
    set_if(kRoles2, entities.role.size() >= 2);
    set_if(kRoleSubject, std::any_of(entities.role.begin(), entities.role.end(), is_subject));
    set_if(kRoleOther, !std::all_of(entities.role.begin(), entities.role.end(), is_subject));
    set_if(kCity, entities.city.has_value());
    set_if(kCertification, entities.certification.has_value());
    set_if(kIndustry, entities.industry.has_value());
    set_if(kCompanyType, entities.company_type.has_value());
    set_if(kCompanyTypeDocumented, entities.company_type && coverage.company_types.contains(*entities.company_type));
    set_if(kSkill, !entities.skill.empty());
    set_if(kSkills2, entities.skill.size() >= 2);
    set_if(kToolCategory, entities.tool_category.has_value());
    return mask;
  }

  ConceptMask concepts(std::string_view normalized, const Entities& entities,
                       const Matcher::Coverage& coverage) const {
    std::vector<int> matched;
    set->Match(re2::StringPiece(normalized.data(), normalized.size()), &matched);
    ConceptMask present = entity_concepts(entities, coverage);
    for (int index : matched) present.set(pattern_concept[static_cast<std::size_t>(index)]);
    return present;
  }
};

Matcher::Matcher() : impl_(std::make_shared<Impl>()) {}

std::shared_ptr<const Matcher> Matcher::with_coverage(Coverage coverage) const {
  std::shared_ptr<Matcher> copy(new Matcher(*this));
  copy->coverage_ = std::move(coverage);
  return copy;
}
Matcher::~Matcher() = default;

std::shared_ptr<const Matcher> Matcher::load(const std::filesystem::path& intents_json) {
  const std::string file = intents_json.string();
  const auto root_value = read_json_file(intents_json);
  const auto* root = root_value.if_object();
  if (!root || !root->contains("concepts") || !root->at("concepts").is_object() || !root->contains("intents") ||
      !root->at("intents").is_object())
    throw std::runtime_error(file + ": needs objects \"concepts\" and \"intents\"");
  // "engine_intents" and each intent's "traits" are the engine's (intents/intent_catalogue.hpp).
  require_known_keys(*root,
                     {"definitions", "concepts", "subjects", "intents", "ask_back", "min_score", "follow_up_override",
                      "engine_intents"},
                     file);

  std::shared_ptr<Matcher> matcher(new Matcher());
  auto& impl = *matcher->impl_;

  std::map<std::string, std::string> definitions;
  if (const auto* defs = root->if_contains("definitions")) {
    if (!defs->is_object()) throw std::runtime_error(file + ": \"definitions\" must be an object of patterns");
    for (const auto& [name, pattern] : defs->get_object()) {
      if (!pattern.is_string())
        throw std::runtime_error(file + ": definition " + std::string(name) + " must be a string");
      definitions.emplace(std::string(name), std::string(pattern.get_string()));
    }
  }

  std::map<std::string, std::size_t, std::less<>> concept_bits;
  for (const auto& [name, pattern_value] : root->at("concepts").as_object()) {
    if (!pattern_value.is_string()) throw std::runtime_error(file + ": concept " + std::string(name) + " must be a string");
    const std::string pattern = expand_definitions(std::string(pattern_value.get_string()), definitions);
    // RE2::Set::Add parses the pattern and says what is wrong with it: compiling each one alone
    // as well only to check it cost about 30M instructions at every start.
    std::string error;
    if (impl.set->Add(pattern, &error) < 0)
      throw std::runtime_error(file + ": concept " + std::string(name) + ": " + error);
    const std::size_t bit = concept_bits.size();
    concept_bits.emplace(std::string(name), bit);
    impl.pattern_concept.push_back(bit);
    impl.concept_names.emplace_back(name);
  }
  impl.entity_concept_base = concept_bits.size();
  for (int which = 0; which < kEntityConceptCount; ++which) {
    concept_bits.emplace(kEntityConceptNames[which], impl.entity_concept_base + which);
    impl.concept_names.emplace_back(kEntityConceptNames[which]);
  }
  if (concept_bits.size() > kMaxConcepts)
    throw std::runtime_error(file + ": at most " + std::to_string(kMaxConcepts) + " concepts, entity ones included");
  if (!impl.set->Compile()) throw std::runtime_error(file + ": the concept patterns do not compile together");
  if (auto it = concept_bits.find("FOLLOWUP"); it != concept_bits.end()) impl.follow_up_bit = static_cast<int>(it->second);
  if (auto it = concept_bits.find("QUESTION"); it != concept_bits.end()) impl.question_bit = static_cast<int>(it->second);

  auto mask_of = [&](const boost::json::value& names, const std::string& where) {
    ConceptMask mask;
    if (!names.is_array()) throw std::runtime_error(where + " must be an array of concept names");
    for (const auto& name : names.get_array()) {
      const auto it = name.is_string() ? concept_bits.find(std::string_view(name.get_string())) : concept_bits.end();
      if (it == concept_bits.end()) throw std::runtime_error(where + ": unknown concept " + boost::json::serialize(name));
      mask.set(it->second);
    }
    return mask;
  };
  if (const auto* subjects = root->if_contains("subjects")) impl.subjects = mask_of(*subjects, file + ": subjects");
  for (const auto& [intent, spec_value] : root->at("intents").as_object()) {
    const std::string where = file + ": intent " + std::string(intent);
    const auto* spec = spec_value.if_object();
    if (!spec || !spec->contains("rules") || !spec->at("rules").is_array())
      throw std::runtime_error(where + " needs an array \"rules\"");
    require_known_keys(*spec, {"rules", "examples", "traits"}, where);
    const std::size_t intent_index = matcher->intent_names_.size();
    matcher->intent_names_.emplace_back(intent);
    for (const auto& rule_value : spec->at("rules").as_array()) {
      const auto* rule = rule_value.if_object();
      if (!rule || !rule->contains("all") || !rule->contains("w") || !rule->at("w").is_number())
        throw std::runtime_error(where + ": each rule needs \"all\" and a numeric \"w\"");
      require_known_keys(*rule, {"all", "none", "w"}, where + ": a rule");
      Impl::Rule compiled{intent_index, mask_of(rule->at("all"), where), 0, rule->at("w").to_number<double>()};
      if (const auto* none = rule->if_contains("none")) compiled.none = mask_of(*none, where);
      impl.rules.push_back(compiled);
    }
    if (const auto* examples = spec->if_contains("examples")) {
      const auto not_text = [](const boost::json::value& example) { return !example.is_string(); };
      if (!examples->is_array() || std::any_of(examples->get_array().begin(), examples->get_array().end(), not_text))
        throw std::runtime_error(where + ": \"examples\" must be an array of strings");
      for (const auto& example : examples->get_array())
        matcher->examples_.push_back({std::string(intent), std::string(example.get_string())});
    }
  }
  const auto number = [&](const char* key, double& into) {
    const auto* value = root->if_contains(key);
    if (!value) return;
    if (!value->is_number()) throw std::runtime_error(file + ": \"" + key + "\" must be a number");
    into = value->to_number<double>();
  };
  number("min_score", matcher->min_score_);
  if (const auto* ask_back = root->if_contains("ask_back")) load_ask_backs(*ask_back, file + ": ask_back", *matcher);
  number("follow_up_override", matcher->follow_up_override_);
  return matcher;
}

void Matcher::load_ask_backs(const boost::json::value& spec, const std::string& where, Matcher& matcher) {
  auto& impl = *matcher.impl_;
  const auto* object = spec.if_object();
  const auto* margin = object ? object->if_contains("margin") : nullptr;
  const auto* pairs = object ? object->if_contains("pairs") : nullptr;
  if (!margin || !margin->is_number() || !pairs || !pairs->is_array())
    throw std::runtime_error(where + " needs a numeric \"margin\" and an array \"pairs\"");
  require_known_keys(*object, {"margin", "pairs"}, where);
  impl.ask_back_margin = margin->to_number<double>();
  const auto intent_index = [&](const boost::json::value& name) {
    const auto it = name.is_string() ? std::find(matcher.intent_names_.begin(), matcher.intent_names_.end(),
                                                 std::string_view(name.get_string()))
                                     : matcher.intent_names_.end();
    if (it == matcher.intent_names_.end())
      throw std::runtime_error(where + ": unknown intent " + boost::json::serialize(name));
    return static_cast<std::size_t>(it - matcher.intent_names_.begin());
  };
  for (const auto& pair_value : pairs->get_array()) {
    const auto* pair = pair_value.if_object();
    const auto* intents = pair ? pair->if_contains("intents") : nullptr;
    const auto* question = pair ? pair->if_contains("question") : nullptr;
    const auto* options = pair ? pair->if_contains("options") : nullptr;
    const auto two = [](const boost::json::value* list) {
      return list && list->is_array() && list->get_array().size() == 2;
    };
    if (!two(intents) || !question || !question->is_string() || !two(options))
      throw std::runtime_error(where + ": each pair needs two \"intents\", a \"question\" and two \"options\"");
    require_known_keys(*pair, {"intents", "question", "options"}, where + ": a pair");
    Impl::AskBackPair compiled{intent_index(intents->get_array()[0]), intent_index(intents->get_array()[1]), {}};
    if (compiled.first == compiled.second) throw std::runtime_error(where + ": a pair needs two different intents");
    compiled.ask.question = std::string(question->get_string());
    for (std::size_t i = 0; i < 2; ++i) {
      const auto& text = options->get_array()[i];
      if (!text.is_string() || text.get_string().empty())
        throw std::runtime_error(where + ": an option must be a non-empty string");
      compiled.ask.options.push_back(
          {std::string(intents->get_array()[i].get_string()), std::string(text.get_string())});
    }
    impl.ask_backs.push_back(std::move(compiled));
  }
}

namespace {

Classification decide(const std::vector<double>& scores, const std::vector<std::string>& intent_names) {
  Classification result;
  // Ties go to the intent listed first in the data file.
  const auto best = std::max_element(scores.begin(), scores.end());
  if (*best <= 0) return result;
  const auto best_index = static_cast<std::size_t>(best - scores.begin());
  result.intent = intent_names[best_index];
  result.score = *best;
  for (std::size_t i = 0; i < scores.size(); ++i)
    if (i != best_index) result.runner_up = std::max(result.runner_up, scores[i]);
  const double margin = std::min(1.0, result.score - result.runner_up);
  result.confidence = result.score / (result.score + 1.0) * (0.6 + 0.4 * margin);
  return result;
}

}  // namespace

Classification Matcher::classify(std::string_view normalized, const Entities& entities) const {
  return classify(normalized, entities, {}, Entities{});
}

Classification Matcher::classify(std::string_view normalized, const Entities& entities, std::string_view context,
                                 const Entities& context_entities) const {
  ConceptMask present = impl_->concepts(normalized, entities, coverage_);
  const bool own_subject = (present & impl_->subjects).any();
  if (!context.empty())
    present |= impl_->concepts(context, context_entities, coverage_) & impl_->subjects;

  std::vector<double> scores(intent_names_.size(), 0.0);
  for (const auto& rule : impl_->rules)
    if ((present & rule.all) == rule.all && (present & rule.none).none())
      scores[rule.intent] = std::max(scores[rule.intent], rule.weight);

  Classification result = decide(scores, intent_names_);
  if (result.score >= min_score_) {
    // Ties go to the intent listed first, as in decide().
    const auto best = static_cast<std::size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
    for (const auto& pair : impl_->ask_backs) {
      if (pair.first != best && pair.second != best) continue;
      const double other = scores[pair.first == best ? pair.second : pair.first];
      if (other >= min_score_ && result.score - other <= impl_->ask_back_margin + kScoreTolerance) {
        result.ask_back = &pair.ask;
        result.ask_back_score = other;
        break;
      }
    }
  }
  result.follow_up_marker = impl_->follow_up_bit >= 0 && present.test(static_cast<std::size_t>(impl_->follow_up_bit));
  result.own_subject = own_subject;
  result.question_form = impl_->question_bit >= 0 && present.test(static_cast<std::size_t>(impl_->question_bit));
  return result;
}

std::vector<std::string> Matcher::concepts(std::string_view normalized, const Entities& entities) const {
  const ConceptMask present = impl_->concepts(normalized, entities, coverage_);
  std::vector<std::string> names;
  for (std::size_t bit = 0; bit < impl_->concept_names.size(); ++bit)
    if (present.test(bit)) names.push_back(impl_->concept_names[bit]);
  return names;
}

}  // namespace intents
