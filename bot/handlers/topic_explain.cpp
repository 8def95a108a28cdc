// topic.explain: the best passages for the question, grouped by their section.
#include <algorithm>
#include <map>

#include "bot/handlers/handler.hpp"
#include "bot/text_format.hpp"

namespace bot {
namespace {

constexpr std::size_t kSearchDepth = 200;  // every passage of a small corpus: a definition can rank low on BM25
constexpr std::size_t kWholeSectionUpTo = 10;  // a section this small is answered whole
constexpr std::size_t kMaxPassages = 12;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// A definition names its subject first and then says what it is: "IaaS provides ...",
// "DVC (Data Version Control)", "Load Balancers: Tools that ...". Such passages come before
// others that merely mention a word of the question.
int defines_question_word(const knowledge::Passage& passage, std::string_view question) {
  const std::string text = lower(passage.text.substr(0, 48));
  std::size_t i = 0;
  while (i < question.size()) {
    auto end = question.find(' ', i);
    if (end == std::string_view::npos) end = question.size();
    const auto word = question.substr(i, end - i);
    i = end + 1;
    if (word.size() < 3 || !text.starts_with(word)) continue;
    // 2: "X (...)", "X is a", "X provides", "X: ..."; 1: "X is ..." (often a claim, not a definition).
    const std::string_view rest = std::string_view(text).substr(0, 36);
    for (std::string_view marker : {" (", " is a ", " is an ", ": ", " provides ", " refers ", " means "})
      if (rest.find(marker, word.size()) != std::string_view::npos) return 2;
    if (rest.find(" is ", word.size()) != std::string_view::npos) return 1;
  }
  return 0;
}

}  // namespace

void answer_topic(const HandlerContext& ctx, Answer& answer) {
  auto hits = ctx.kb.search(ctx.question, kSearchDepth);
  if (hits.empty() || hits.front().matched == 0) return answer_out_of_scope(ctx, answer);
  std::stable_sort(hits.begin(), hits.end(), [&](const auto& a, const auto& b) {
    const int a_first = defines_question_word(*ctx.kb.passage(a.passage), ctx.question);
    const int b_first = defines_question_word(*ctx.kb.passage(b.passage), ctx.question);
    return std::tie(b.matched, b_first) < std::tie(a.matched, a_first);
  });

  // Sections in the order of their best hit; at most two, the second only if its best hit is
  // as good as the first's (as many words, and a definition if the first is one).
  const auto key = [&](const knowledge::SearchHit& hit) {
    return std::make_pair(hit.matched, defines_question_word(*ctx.kb.passage(hit.passage), ctx.question));
  };
  std::vector<std::string> sections;
  for (const auto& hit : hits) {
    const auto& section = ctx.kb.passage(hit.passage)->section;
    if (std::find(sections.begin(), sections.end(), section) != sections.end()) continue;
    if (!sections.empty() && key(hit) < key(hits.front())) break;
    sections.push_back(section);
    if (sections.size() == 2) break;
  }
  std::vector<int> chosen;
  for (const auto& section : sections) {
    std::vector<int> in_section;
    for (const auto& passage : ctx.kb.passages())
      if (passage.section == section) in_section.push_back(passage.id);
    if (in_section.size() > kWholeSectionUpTo) {
      in_section.clear();
      for (const auto& hit : hits)
        if (ctx.kb.passage(hit.passage)->section == section) in_section.push_back(hit.passage);
    }
    for (int id : in_section)
      if (chosen.size() < kMaxPassages) chosen.push_back(id);
  }

  // The best hit leads; the rest follow in document order under their section titles.
  const int lead = hits.front().passage;
  const auto* lead_passage = ctx.kb.passage(lead);
  answer.text = (lead_passage->kind == knowledge::PassageKind::item && !lead_passage->group.empty()
                     ? lead_passage->group + ": "
                     : "") +
                lead_passage->text + "\n";
  add_source(answer, ctx.kb, lead);
  std::string last_section = lead_passage->section;
  std::string last_group = lead_passage->group;
  answer.text = "**" + last_section + "**\n\n" + answer.text;
  for (int id : chosen) {
    if (id == lead) continue;
    const auto* passage = ctx.kb.passage(id);
    if (passage->section != last_section) answer.text += "\n**" + passage->section + "**\n\n";
    last_section = passage->section;
    if (passage->group != last_group && !passage->group.empty()) answer.text += "\n*" + passage->group + "*\n";
    last_group = passage->group;
    answer.text += (passage->kind == knowledge::PassageKind::item ? "- " : "") + passage->text + "\n";
    if (answer.sources.size() < 3) add_source(answer, ctx.kb, id);
  }
  answer.suggestions = {"Why is MLOps important?", "What is IaaS?", "Which tools are used in MLOps?"};
}

}  // namespace bot
