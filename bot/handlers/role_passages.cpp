#include "bot/handlers/role_passages.hpp"

#include <algorithm>


namespace bot {

std::vector<int> role_section(const HandlerContext& ctx, const std::string& topic, const std::string& role) {
  const auto& facts = ctx.kb.facts();
  struct Section {
    std::string doc, title;
    std::vector<int> ids;
  };
  std::vector<Section> sections;
  for (int id : facts.passages_of(facts.section_passages, topic)) {
    if (facts.role_of_passage(id) != role) continue;
    const auto passage = ctx.kb.passage(id);
    if (sections.empty() || passage->doc != sections.back().doc ||
        (passage->section != sections.back().title && passage->parent != sections.back().title))
      sections.push_back({passage->doc, passage->parent.empty() ? passage->section : passage->parent, {}});
    sections.back().ids.push_back(id);
  }
  if (sections.empty()) return {};
  // "Educational Qualifications" and "Top Certifications": the one whose title the question's
  // words name ("which certifications"), else the first.
  const auto terms = ctx.matcher.terms(ctx.question);
  const Section* best = &sections.front();
  int best_words = 0;
  for (const auto& section : sections)
    if (const int words = ctx.matcher.overlap(terms, section.title); words > best_words) {
      best = &section;
      best_words = words;
    }
  return best->ids;
}

std::vector<RankedSentence> ranked_sentences(const HandlerContext& ctx, const std::vector<int>& ids,
                                             std::size_t limit) {
  return ranked_sentences(ctx, ids, limit, ctx.matcher.terms(ctx.question));
}

std::vector<RankedSentence> ranked_sentences(const HandlerContext& ctx, const std::vector<int>& ids,
                                             std::size_t limit, const std::vector<std::string>& terms) {
  std::vector<std::uint64_t> term_bits;
  term_bits.reserve(terms.size());
  for (const auto& term : terms) term_bits.push_back(SentenceTerms::bit_of(term));
  // Best first, ties in the documents' order: the sentences holding a term sorted (few), then
  // those holding none in order, as far as the limit reaches. Only those kept are copied.
  struct Scored {
    std::string_view text;
    int passage;
    int score;
  };
  std::vector<Scored> holding, others;
  for (int id : ids)
    for (const auto& sentence : ctx.sentences.of(id)) {
      const int score = sentence.overlap(terms, term_bits);
      if (score > 0)
        holding.push_back({sentence.text, id, score});
      else if (others.size() < limit)
        others.push_back({sentence.text, id, 0});
    }
  std::stable_sort(holding.begin(), holding.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  std::vector<RankedSentence> ranked;
  for (const auto* part : {&holding, &others})
    for (const auto& scored : *part) {
      if (ranked.size() == limit) return ranked;
      ranked.push_back({std::string(scored.text), scored.passage, scored.score});
    }
  return ranked;
}

std::vector<int> role_passages(const HandlerContext& ctx, const std::string& role) {
  const auto& facts = ctx.kb.facts();
  std::vector<int> ids;
  for (const auto& [id, passage_role] : facts.passage_roles)
    if (passage_role == role) ids.push_back(id);
  for (const auto& [doc, doc_role] : facts.document_roles)
    if (doc_role == role)
      for (int id : ctx.kb.document_passage_ids(doc)) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace bot
