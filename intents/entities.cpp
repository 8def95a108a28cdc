#include "intents/entities.hpp"

#include <algorithm>
#include <stdexcept>

#include <re2/re2.h>

#include "intents/vocabulary.hpp"

namespace intents {
namespace {

RE2::Options pattern_options() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(true);  // the text is already lower case
  return options;
}

std::unique_ptr<RE2> compile(const std::string& pattern, const std::string& what) {
  auto re = std::make_unique<RE2>(pattern, pattern_options());
  if (!re->ok()) throw std::runtime_error("bad pattern for " + what + ": " + re->error());
  return re;
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

// Ignore numbers no career has, such as a year ("2024 years").
constexpr double kMaxYears = 45;

}  // namespace

// One regex per vocabulary kind, with one capturing group per canonical value, so a single
// scan finds every value the text names and in which order.
struct EntityExtractor::Patterns {
  struct Kind {
    std::unique_ptr<RE2> re;
    std::vector<std::string> values;
  };
  std::map<std::string, Kind, std::less<>> kinds;
  std::unique_ptr<RE2> years_range, years_single, experience_of, months, zero_experience;
  std::unordered_map<std::string, double> numbers;

  double number(const std::string& text) const {
    if (auto it = numbers.find(text); it != numbers.end()) return it->second;
    return std::stod(text);
  }
};

EntityExtractor::EntityExtractor(std::shared_ptr<const Vocabulary> vocabulary)
    : vocabulary_(std::move(vocabulary)) {
  auto patterns = std::make_unique<Patterns>();
  for (const auto& [kind, entries] : vocabulary_->kinds()) {
    std::vector<std::string> groups;
    Patterns::Kind compiled;
    for (const auto& entry : entries) {
      groups.push_back("(" + join(entry.patterns, "|") + ")");
      compiled.values.push_back(entry.value);
    }
    compiled.re = compile("\\b(?:" + join(groups, "|") + ")\\b", "vocabulary kind " + kind);
    if (compiled.re->NumberOfCapturingGroups() != static_cast<int>(entries.size()))
      throw std::runtime_error("vocabulary kind " + kind + ": use (?:...) inside patterns, not capturing groups");
    patterns->kinds.emplace(kind, std::move(compiled));
  }

  std::vector<std::string> words;
  for (const auto& [word, value] : vocabulary_->numbers()) words.push_back(word);
  std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  const std::string number = "(\\d{1,3}(?:\\.\\d+)?|" + join(words, "|") + ")";
  patterns->numbers = vocabulary_->numbers();
  patterns->years_range = compile("\\b" + number + " ?(?:-|to) ?" + number + " ?\\+? ?years?\\b", "experience range");
  patterns->years_single = compile("\\b" + number + " ?\\+? ?years?\\b", "experience");
  patterns->experience_of = compile("\\bexperience (?:of |is |= )?(\\d{1,2}(?:\\.\\d+)?)\\b(?: years?)?", "experience");
  patterns->months = compile("\\b(\\d{1,2}) ?months?\\b", "months");
  patterns->zero_experience = compile("\\b(?:" + join(vocabulary_->zero_experience(), "|") + ")\\b", "zero experience");
  patterns_ = std::move(patterns);
}

EntityExtractor::~EntityExtractor() = default;

std::vector<std::string> EntityExtractor::values(std::string_view kind, std::string_view normalized) const {
  std::vector<std::string> found;
  const auto it = patterns_->kinds.find(kind);
  if (it == patterns_->kinds.end()) return found;
  const auto& [re, values] = it->second;
  const int groups = static_cast<int>(values.size());
  std::vector<re2::StringPiece> captures(groups);
  std::vector<RE2::Arg> args(groups);
  std::vector<const RE2::Arg*> arg_pointers(groups);
  for (int i = 0; i < groups; ++i) {
    args[i] = &captures[i];
    arg_pointers[i] = &args[i];
  }
  re2::StringPiece input(normalized.data(), normalized.size());
  while (true) {
    const char* before = input.data();
    if (!RE2::FindAndConsumeN(&input, *re, arg_pointers.data(), groups)) break;
    for (int i = 0; i < groups; ++i) {
      if (captures[i].data() == nullptr) continue;
      if (std::find(found.begin(), found.end(), values[i]) == found.end()) found.push_back(values[i]);
      break;
    }
    if (input.data() == before) break;  // an empty match cannot advance: stop rather than spin
  }
  return found;
}

Entities EntityExtractor::extract(std::string_view normalized) const {
  Entities entities;
  auto first = [&](const char* kind) -> std::optional<std::string> {
    auto found = values(kind, normalized);
    if (found.empty()) return std::nullopt;
    return found.front();
  };
  entities.level = first("level");
  entities.city = first("city");
  entities.certification = first("certification");
  entities.industry = first("industry");
  entities.company_type = first("company_type");
  entities.tool_category = first("tool_category");
  entities.role = values("role", normalized);
  entities.skill = values("skill", normalized);

  const re2::StringPiece text(normalized.data(), normalized.size());
  std::string low, high;
  if (RE2::PartialMatch(text, *patterns_->years_range, &low, &high)) {
    const double from = patterns_->number(low), to = patterns_->number(high);
    if (from < to && to <= kMaxYears) entities.experience_range = std::make_pair(from, to);
  } else if (RE2::PartialMatch(text, *patterns_->years_single, &low) ||
             RE2::PartialMatch(text, *patterns_->experience_of, &low)) {
    if (const double years = patterns_->number(low); years <= kMaxYears) entities.experience_years = years;
  } else if (RE2::PartialMatch(text, *patterns_->months, &low)) {
    entities.experience_years = std::stod(low) / 12.0;
  } else if (RE2::PartialMatch(text, *patterns_->zero_experience)) {
    entities.experience_years = 0;
  }
  return entities;
}

}  // namespace intents
