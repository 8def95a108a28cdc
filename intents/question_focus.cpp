#include "intents/question_focus.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

#include "intents/normalize.hpp"

namespace intents {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Words after which a full stop does not end a sentence ("vs. DevOps", "approx. 10 LPA").
constexpr std::array<std::string_view, 14> kAbbreviations = {"vs", "eg",     "ie", "mr",     "mrs",    "ms",  "dr",
                                                             "st", "approx", "no", "b.tech", "m.tech", "inc", "ltd"};

bool ends_in_abbreviation(std::string_view before) {
  std::size_t start = before.size();
  while (start > 0 && !is_space(before[start - 1])) --start;
  std::string word;
  for (char c : before.substr(start)) word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  // Initials: "U.S. market", "e.g. MLflow", "B.E. degree".
  bool initials = !word.empty();
  for (std::size_t i = 0; i < word.size(); ++i)
    if (word[i] != '.' && i + 1 < word.size() && word[i + 1] != '.') initials = false;
  return initials || std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

constexpr std::string_view kDanda = "\xE0\xA5\xA4";  // U+0964 DEVANAGARI DANDA, Hindi's full stop

// Asker's situation: what the rest of a message says about them fills what the question leaves out.
void fill_asker(Entities& entities, const Entities& whole) {
  if (!entities.experience_years && !entities.experience_range && !entities.level) {
    entities.experience_years = whole.experience_years;
    entities.experience_range = whole.experience_range;
    entities.level = whole.level;
  }
  if (!entities.city) entities.city = whole.city;
  if (!entities.industry) entities.industry = whole.industry;
  if (!entities.company_type) entities.company_type = whole.company_type;
  if (!entities.certification) entities.certification = whole.certification;
}

// A question that names no subject ("what do they do?") is about what the message names.
void fill_subject(Entities& entities, const Entities& whole) {
  if (entities.role.empty()) entities.role = whole.role;
  if (entities.skill.empty()) entities.skill = whole.skill;
  if (!entities.tool_category) entities.tool_category = whole.tool_category;
}

std::string join(const std::vector<std::string>& parts, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    if (parts[i].empty()) continue;
    if (!out.empty()) out += ' ';
    out += parts[i];
  }
  return out;
}

}  // namespace

std::vector<Sentence> split_sentences(std::string_view raw) {
  std::vector<Sentence> sentences;
  auto emit = [&](std::size_t from, std::size_t to) {
    const auto text = trim(raw.substr(from, to - from));
    // A piece of punctuation alone ("...", "?!") is no sentence.
    const bool has_word = std::any_of(text.begin(), text.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             static_cast<unsigned char>(c) >= 0x80;
    });
    if (!has_word) return;
    const auto end = text.find_last_not_of(".!\"')]*");
    sentences.push_back({text, end != std::string_view::npos && text[end] == '?'});
  };
  std::size_t start = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    std::size_t mark_length = 0;
    if (c == '.' || c == '?' || c == '!') mark_length = 1;
    else if (raw.substr(i, kDanda.size()) == kDanda) mark_length = kDanda.size();
    if (c == '\n') {
      emit(start, i);
      start = i + 1;
      continue;
    }
    if (mark_length == 0) continue;
    // A run of marks ("?!", "...") ends where the run does.
    std::size_t end = i + mark_length;
    while (end < raw.size() && (raw[end] == '.' || raw[end] == '?' || raw[end] == '!' || raw[end] == '"' ||
                                raw[end] == '\'' || raw[end] == ')'))
      ++end;
    if (end < raw.size() && !is_space(raw[end])) {  // "3.5", "ci/cd.yaml", "?(What is IaaS?)"
      if (c != '.' && raw[end] == '(') {
        emit(start, end);
        start = end;
      }
      i = end - 1;
      continue;
    }
    if (c == '.' && end == i + 1 && ends_in_abbreviation(raw.substr(start, i - start))) continue;
    emit(start, end);
    start = end;
    i = end - 1;
  }
  emit(start, raw.size());
  return sentences;
}

Focus read_question(std::string_view raw, const Normalizer& normalize, const EntityExtractor& extractor,
                    const Matcher& matcher) {
  if (raw.size() > Normalizer::kMaxInputBytes) raw = raw.substr(0, Normalizer::kMaxInputBytes);
  Focus focus;
  const auto sentences = split_sentences(raw);
  if (sentences.size() <= 1) {
    focus.normalized = normalize(raw);
    focus.entities = extractor.extract(focus.normalized);
    focus.classification = matcher.classify(focus.normalized, focus.entities);
    return focus;
  }

  std::vector<std::string> normalized;
  std::vector<Entities> entities;
  std::vector<Classification> alone;  // each sentence read on its own
  std::vector<std::size_t> questions;
  for (const auto& sentence : sentences) {
    normalized.push_back(normalize(sentence.text));
    entities.push_back(extractor.extract(normalized.back()));
    alone.push_back(matcher.classify(normalized.back(), entities.back()));
    if (!normalized.back().empty() && (sentence.question_mark || alone.back().question_form))
      questions.push_back(normalized.size() - 1);
  }
  const std::string whole = join(normalized, normalized.size());
  const Entities whole_entities = extractor.extract(whole);
  if (questions.empty()) {  // statements only: read as one text, as before
    focus.normalized = whole;
    focus.entities = whole_entities;
    focus.classification = matcher.classify(focus.normalized, focus.entities);
    return focus;
  }

  // The last question a rule understands is the main one; when none is, the whole post ("My
  // friend says MLOps pays well. Is that true for freshers?"); when not even that, the last
  // question (which may continue the conversation: "Thanks! And with 5 years?").
  // A question naming no subject borrows the post's: the whole post lends the same subjects as
  // the rest of it, since the question itself has none.
  std::size_t main = questions.back();
  Classification main_classification;
  Entities main_entities;
  const auto first_considered =
      questions.size() > kMaxQuestionsConsidered ? questions.size() - kMaxQuestionsConsidered : 0;
  for (auto it = questions.rbegin(); it != questions.rend() - static_cast<std::ptrdiff_t>(first_considered); ++it) {
    // Whether a question names its subject is judged on its own words, before the asker's
    // situation (a startup, a city) is added from the rest of the message.
    const bool own_subject = alone[*it].own_subject;
    Entities candidate = entities[*it];
    fill_asker(candidate, whole_entities);
    Classification classification;
    if (own_subject) {
      classification = matcher.classify(normalized[*it], candidate);
    } else {
      classification = matcher.classify(normalized[*it], candidate, whole, whole_entities);
      fill_subject(candidate, whole_entities);
    }
    classification.own_subject = own_subject;
    const bool understood = classification.score >= matcher.min_score();
    if (understood || it == questions.rbegin()) {
      main = *it;
      main_classification = std::move(classification);
      main_entities = std::move(candidate);
    }
    if (understood) break;
  }
  if (main_classification.score < matcher.min_score()) {
    auto classification = matcher.classify(whole, whole_entities);
    if (classification.score >= matcher.min_score()) {
      focus.normalized = whole;
      focus.entities = whole_entities;
      focus.classification = std::move(classification);
      return focus;
    }
  }
  focus.classification = std::move(main_classification);
  focus.entities = std::move(main_entities);
  focus.normalized = focus.classification.own_subject ? normalized[main] : join(normalized, main + 1);
  for (const std::size_t question : questions)
    if (question != main && alone[question].own_subject && alone[question].score >= matcher.min_score() &&
        focus.other_questions.size() < kMaxOtherQuestions)
      focus.other_questions.emplace_back(sentences[question].text);
  return focus;
}

}  // namespace intents
