#include "bot/handlers/role_passages.hpp"

#include <algorithm>

#include "knowledge/sentences.hpp"

namespace bot {

std::vector<int> role_section(const HandlerContext& ctx, const std::string& topic, const std::string& role) {
  const auto& facts = ctx.kb.facts();
  std::vector<int> section;
  std::string doc, title;
  for (int id : facts.passages_of(facts.section_passages, topic)) {
    if (facts.role_of_passage(id) != role) continue;
    const auto passage = ctx.kb.passage(id);
    if (section.empty()) {
      doc = passage->doc;
      title = passage->parent.empty() ? passage->section : passage->parent;
    } else if (passage->doc != doc || (passage->section != title && passage->parent != title)) {
      break;
    }
    section.push_back(id);
  }
  return section;
}

std::vector<RankedSentence> ranked_sentences(const HandlerContext& ctx, const std::vector<int>& ids,
                                             std::size_t limit) {
  return ranked_sentences(ctx, ids, limit, ctx.matcher.terms(ctx.question));
}

std::vector<RankedSentence> ranked_sentences(const HandlerContext& ctx, const std::vector<int>& ids,
                                             std::size_t limit, const std::vector<std::string>& terms) {
  std::vector<RankedSentence> sentences;
  for (const auto& passage : ctx.kb.passages(ids)) {
    if (passage.kind != knowledge::PassageKind::paragraph) {
      sentences.push_back({passage.text, passage.id, ctx.matcher.overlap(terms, passage.text)});
      continue;
    }
    for (const auto sentence : knowledge::sentences_of(passage.text))
      sentences.push_back({std::string(sentence), passage.id, ctx.matcher.overlap(terms, sentence)});
  }
  std::stable_sort(sentences.begin(), sentences.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  if (sentences.size() > limit) sentences.resize(limit);
  return sentences;
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
