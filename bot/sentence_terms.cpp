#include "bot/sentence_terms.hpp"

#include <algorithm>
#include <functional>
#include <memory>

#include "knowledge/sentences.hpp"

namespace bot {
namespace {

const std::vector<SentenceTerms::Sentence> kNone;

}  // namespace

SentenceTerms::SentenceTerms(const knowledge::KnowledgeBase& kb, const TextMatcher& matcher)
    : kb_(kb), matcher_(matcher), read_(kb.passage_count()) {}

std::uint64_t SentenceTerms::bit_of(std::string_view stem) {
  return std::uint64_t{1} << (std::hash<std::string_view>{}(stem) & 63);
}

int SentenceTerms::Sentence::overlap(const std::vector<std::string>& terms,
                                     const std::vector<std::uint64_t>& term_bits) const {
  int held = 0;
  for (std::size_t i = 0; i < terms.size(); ++i)
    if ((bits & term_bits[i]) && std::binary_search(stems.begin(), stems.end(), terms[i])) ++held;
  return held;
}

std::vector<SentenceTerms::Sentence> SentenceTerms::read(const knowledge::Passage& passage) const {
  std::vector<Sentence> sentences;
  auto add = [&](std::string_view text) {
    Sentence sentence{std::string(text), 0, matcher_.stems(text)};
    for (const auto& stem : sentence.stems) sentence.bits |= bit_of(stem);
    sentences.push_back(std::move(sentence));
  };
  if (passage.kind != knowledge::PassageKind::paragraph)
    add(passage.text);
  else
    for (const auto sentence : knowledge::sentences_of(passage.text)) add(sentence);
  return sentences;
}

const std::vector<SentenceTerms::Sentence>& SentenceTerms::of(int id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= read_.size()) return kNone;
  const auto slot = static_cast<std::size_t>(id);
  if (const auto* ready = read_.find(slot)) return *ready;
  // Read from the file only the first time: the sentences keep their own text.
  const auto passage = kb_.passage(id);
  if (!passage) return kNone;
  return *read_.keep(slot, std::make_unique<const std::vector<Sentence>>(read(*passage))).first;
}

}  // namespace bot
