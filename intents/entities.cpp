#include "intents/entities.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>
#include <stdexcept>

#include <re2/re2.h>
#include <re2/set.h>

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

// A compiled pattern and its index in Patterns::any.
struct IndexedPattern {
  std::unique_ptr<RE2> re;
  int set_index = -1;
};

// The patterns of an RE2::Set that one text matches.
class PatternHits {
 public:
  PatternHits(const RE2::Set& any, std::string_view text) {
    any.Match(re2::StringPiece(text.data(), text.size()), &matched_);
    std::sort(matched_.begin(), matched_.end());
  }
  bool operator()(const IndexedPattern& pattern) const {
    return std::binary_search(matched_.begin(), matched_.end(), pattern.set_index);
  }

 private:
  std::vector<int> matched_;
};

}  // namespace

// One regex per vocabulary kind, with one capturing group per canonical value, so a single
// scan finds every value the text names and in which order. A question names few kinds, so
// one RE2::Set pass over all the patterns first tells which of them are worth a scan.
struct EntityExtractor::Patterns {
  struct Kind {
    IndexedPattern pattern;
    std::vector<std::string> values;
  };
  std::map<std::string, Kind, std::less<>> kinds;
  IndexedPattern years_range, years_single, experience_of, months, zero_experience;
  std::unique_ptr<RE2> lone_number;
  std::unique_ptr<RE2> occupation, standalone_occupation;  // null when the vocabulary has none
  std::unordered_set<std::string> not_title_words;          // stopwords and qualifiers
  std::unordered_map<std::string, double> numbers;
  RE2::Set any{pattern_options(), RE2::UNANCHORED};

  double number(const std::string& text) const {
    if (auto it = numbers.find(text); it != numbers.end()) return it->second;
    return std::stod(text);
  }

  IndexedPattern add(const std::string& pattern, const std::string& what) {
    IndexedPattern indexed{compile(pattern, what)};
    std::string error;
    indexed.set_index = any.Add(pattern, &error);
    if (indexed.set_index < 0) throw std::runtime_error("bad pattern for " + what + ": " + error);
    return indexed;
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
    compiled.pattern = patterns->add("\\b(?:" + join(groups, "|") + ")\\b", "vocabulary kind " + kind);
    if (compiled.pattern.re->NumberOfCapturingGroups() != static_cast<int>(entries.size()))
      throw std::runtime_error("vocabulary kind " + kind + ": use (?:...) inside patterns, not capturing groups");
    patterns->kinds.emplace(kind, std::move(compiled));
  }

  std::vector<std::string> words;
  for (const auto& [word, value] : vocabulary_->numbers()) words.push_back(word);
  std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  const std::string number = "(\\d{1,3}(?:\\.\\d+)?|" + join(words, "|") + ")";
  patterns->numbers = vocabulary_->numbers();
  patterns->years_range = patterns->add("\\b" + number + " ?(?:-|to) ?" + number + " ?\\+? ?years?\\b", "experience range");
  patterns->years_single = patterns->add("\\b" + number + " ?\\+? ?years?\\b", "experience");
  patterns->experience_of = patterns->add("\\bexperience (?:of |is |= )?(\\d{1,2}(?:\\.\\d+)?)\\b(?: years?)?", "experience");
  patterns->months = patterns->add("\\b(\\d{1,2}) ?months?\\b", "months");
  patterns->zero_experience = patterns->add("\\b(?:" + join(vocabulary_->zero_experience(), "|") + ")\\b", "zero experience");
  // Digits only: alone, the number words are too often other words ("an", Hindi "do").
  patterns->lone_number = compile("(?:^| )(\\d{1,2}(?:\\.\\d+)?)(?: |$)", "lone number");
  const auto& occupations = vocabulary_->occupations();
  if (!occupations.heads.empty())
    patterns->occupation = compile("\\b((?:[a-z0-9+#&-]+ ){1,3})(" + join(occupations.heads, "|") + ")(?:s|es)?\\b",
                                   "occupation");
  if (!occupations.standalone.empty())
    patterns->standalone_occupation =
        compile("\\b((?:[a-z0-9+#&-]+ ){0,2})(" + join(occupations.standalone, "|") + ")(?:s|es)?\\b", "occupation");
  patterns->not_title_words = vocabulary_->stopwords();
  for (const auto& word : occupations.qualifiers) patterns->not_title_words.insert(word);
  if (!patterns->any.Compile()) throw std::runtime_error("the entity patterns do not fit in RE2's memory budget");
  patterns_ = std::move(patterns);
}

EntityExtractor::~EntityExtractor() = default;

namespace {

// The values whose capturing group of `re` matches in `text`, in the order the text names
// them, each once. Group i of `re` stands for values[i].
std::vector<std::string> scan(const RE2& re, const std::vector<std::string>& values, std::string_view text) {
  std::vector<std::string> found;
  const int groups = static_cast<int>(values.size());
  std::vector<re2::StringPiece> captures(groups);
  std::vector<RE2::Arg> args(groups);
  std::vector<const RE2::Arg*> arg_pointers(groups);
  for (int i = 0; i < groups; ++i) {
    args[i] = &captures[i];
    arg_pointers[i] = &args[i];
  }
  re2::StringPiece input(text.data(), text.size());
  while (true) {
    const char* before = input.data();
    if (!RE2::FindAndConsumeN(&input, re, arg_pointers.data(), groups)) break;
    for (int i = 0; i < groups; ++i) {
      if (captures[i].data() == nullptr) continue;
      if (std::find(found.begin(), found.end(), values[i]) == found.end()) found.push_back(values[i]);
      break;
    }
    if (input.data() == before) break;  // an empty match cannot advance: stop rather than spin
  }
  return found;
}

// Where a kind's pattern matches in `text`: [begin, end) of each match, in order. Each value
// is one capturing group covering its whole match (the pattern's \b are zero-width), so the whole
// match is the span: found without asking RE2 for the groups, which would make it track every
// value's group through the text. Searching on from each match's end within the whole text sees
// the same word boundaries as consuming the text would (a match ends at one).
std::vector<std::pair<std::size_t, std::size_t>> match_spans(const RE2& re, std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  const re2::StringPiece whole(text.data(), text.size());
  re2::StringPiece match;
  for (std::size_t at = 0; at <= text.size() && re.Match(whole, at, text.size(), RE2::UNANCHORED, &match, 1);) {
    const auto begin = static_cast<std::size_t>(match.data() - text.data());
    spans.emplace_back(begin, begin + match.size());
    if (match.empty()) break;  // an empty match cannot advance: stop rather than spin
    at = begin + match.size();
  }
  return spans;
}

}  // namespace

std::vector<std::string> EntityExtractor::unknown_occupations(std::string_view normalized) const {
  std::vector<std::string> unknown;
  const auto& known = patterns_->kinds.at("role").pattern;
  const auto known_spans = match_spans(*known.re, normalized);
  auto covered = [&](std::size_t at) {
    for (const auto& [begin, end] : known_spans)
      if (at >= begin && at < end) return true;
    return false;
  };
  for (const RE2* re : {patterns_->occupation.get(), patterns_->standalone_occupation.get()}) {
    if (!re) continue;
    re2::StringPiece input(normalized.data(), normalized.size());
    std::string words, head;
    while (RE2::FindAndConsume(&input, *re, &words, &head)) {
      const std::size_t head_at = static_cast<std::size_t>(input.data() - normalized.data()) - 1;
      if (covered(head_at)) continue;
      // The title is the run of words before the head that are neither stopwords nor qualifiers.
      std::vector<std::string> title;
      std::size_t start = 0;
      while (start < words.size()) {
        auto end = words.find(' ', start);
        if (end == std::string::npos) end = words.size();
        std::string word = words.substr(start, end - start);
        if (patterns_->not_title_words.contains(word) || std::all_of(word.begin(), word.end(), ::isdigit)) title.clear();
        else if (!word.empty()) title.push_back(std::move(word));
        start = end + 1;
      }
      const bool standalone = re == patterns_->standalone_occupation.get();
      if (title.empty() && !standalone) continue;
      std::string phrase;
      for (const auto& word : title) phrase += word + " ";
      unknown.push_back(phrase + head);
    }
  }
  return unknown;
}

std::optional<double> EntityExtractor::lone_number(std::string_view normalized) const {
  const re2::StringPiece text(normalized.data(), normalized.size());
  if (std::count(normalized.begin(), normalized.end(), ' ') > 3) return std::nullopt;
  std::string number;
  if (!RE2::PartialMatch(text, *patterns_->lone_number, &number)) return std::nullopt;
  const double years = patterns_->number(number);
  if (years > kMaxYears) return std::nullopt;
  return years;
}

std::vector<std::string> EntityExtractor::values(std::string_view kind, std::string_view normalized) const {
  const auto it = patterns_->kinds.find(kind);
  if (it == patterns_->kinds.end()) return {};
  return scan(*it->second.pattern.re, it->second.values, normalized);
}

std::vector<std::vector<std::string>> EntityExtractor::values_of_kinds(std::span<const std::string_view> kinds,
                                                                       std::string_view normalized) const {
  // Most texts the index labels (a passage of a man page) name no value of most kinds: one pass
  // of the set instead of one pass of each kind's pattern. Should the set fail (its DFA out of
  // memory on a long text), every kind is scanned.
  std::vector<int> matched;
  RE2::Set::ErrorInfo error{};
  const bool known = patterns_->any.Match(re2::StringPiece(normalized.data(), normalized.size()), &matched, &error) ||
                     error.kind == RE2::Set::kNoError;
  std::sort(matched.begin(), matched.end());
  std::vector<std::vector<std::string>> found(kinds.size());
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    const auto it = patterns_->kinds.find(kinds[k]);
    if (it == patterns_->kinds.end()) continue;
    const auto& [pattern, values] = it->second;
    if (known && !std::binary_search(matched.begin(), matched.end(), pattern.set_index)) continue;
    found[k] = scan(*pattern.re, values, normalized);
  }
  return found;
}

Entities EntityExtractor::extract(std::string_view normalized) const {
  const PatternHits hits(patterns_->any, normalized);
  auto all = [&](const char* kind) -> std::vector<std::string> {
    const auto& [pattern, values] = patterns_->kinds.at(kind);
    if (!hits(pattern)) return {};
    return scan(*pattern.re, values, normalized);
  };
  auto first = [&](const char* kind) -> std::optional<std::string> {
    auto found = all(kind);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
  };
  Entities entities;
  entities.level = first("level");
  entities.city = first("city");
  entities.certification = first("certification");
  entities.industry = first("industry");
  entities.company_type = first("company_type");
  entities.role = all("role");
  entities.tool_category = first("tool_category");
  // "cloud engineers" names a role, not the cloud tools: a tool category inside a role's name is none.
  if (entities.tool_category && !entities.role.empty()) {
    std::string without_roles(normalized);
    for (const auto& [begin, end] : match_spans(*patterns_->kinds.at("role").pattern.re, normalized))
      std::fill(without_roles.begin() + static_cast<std::ptrdiff_t>(begin), without_roles.begin() + static_cast<std::ptrdiff_t>(end), ' ');
    const auto& [pattern, values] = patterns_->kinds.at("tool_category");
    const auto found = scan(*pattern.re, values, without_roles);
    entities.tool_category = found.empty() ? std::nullopt : std::optional<std::string>(found.front());
  }
  entities.skill = all("skill");

  const re2::StringPiece text(normalized.data(), normalized.size());
  auto match = [&](const IndexedPattern& pattern, auto*... captures) {
    return hits(pattern) && RE2::PartialMatch(text, *pattern.re, captures...);
  };
  std::string low, high;
  if (match(patterns_->years_range, &low, &high)) {
    const double from = patterns_->number(low), to = patterns_->number(high);
    if (from < to && to <= kMaxYears) entities.experience_range = std::make_pair(from, to);
  } else if (match(patterns_->years_single, &low) || match(patterns_->experience_of, &low)) {
    if (const double years = patterns_->number(low); years <= kMaxYears) entities.experience_years = years;
  } else if (match(patterns_->months, &low)) {
    entities.experience_years = std::stod(low) / 12.0;
  } else if (match(patterns_->zero_experience)) {
    entities.experience_years = 0;
  }
  return entities;
}

}  // namespace intents
