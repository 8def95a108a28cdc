// topic.explain: the best passages for the question, grouped by their section.
#include <algorithm>
#include <map>

#include "bot/handlers/handler.hpp"
#include "bot/text_format.hpp"

namespace bot {
namespace {

constexpr std::size_t kSearchDepth = 12;
constexpr std::size_t kWholeSectionUpTo = 10;  // a section this small is answered whole
constexpr std::size_t kMaxPassages = 12;
// A chat answer: the lead and about this many characters more (a phone screen); the rest on
// request ("More about ...").
constexpr std::size_t kChatCharacters = 900;

// "more about iaas", "tell me more about mlops": the whole of what the short answer left out.
bool asks_for_more(std::string_view question) {
  for (std::string_view start : {"more about ", "tell me more about ", "more on ", "explain more about "})
    if (question.starts_with(start)) return true;
  return false;
}

// "What is IaaS (Infrastructure as a Service)?" -> "IaaS (Infrastructure as a Service)": what a
// section is about, for "More about ...".
std::string subject_of_section(std::string title) {
  for (std::string_view start : {"What is ", "What are ", "What Is ", "What Are "})
    if (title.starts_with(start)) title.erase(0, start.size());
  while (!title.empty() && (title.back() == '?' || title.back() == ' ')) title.pop_back();
  return title;
}

// "Virtual Machines (VMs): Fully customizable ...": a labelled line reads as a list item.
bool labelled_line(std::string_view text) {
  const auto colon = text.find(": ");
  return colon != std::string_view::npos && colon < 60;
}

// Of the passages defining a subject, the first in a document about one of the corpus's roles
// (the team's own articles), else the first: beside thousands of other documents ("What is a
// 'record'?" in a Perl manual), the articles' own definitions come first.
int preferred_definition(const knowledge::KnowledgeBase& kb, const std::vector<int>& ids) {
  const auto& about = kb.facts().document_roles;
  for (int id : ids)
    if (about.contains(kb.document_of(id))) return id;
  return ids.empty() ? -1 : ids.front();
}

// The passage that defines a word of the question ("what is iaas" -> "IaaS provides ..."),
// found in the definitions read at index time; -1 when the question names no defined subject.
// Stopwords ("what", "is") are no subject, though a document may open with them.
int definition_for(const knowledge::KnowledgeBase& kb, std::string_view question) {
  const auto& definitions = kb.facts().definitions;
  std::size_t i = 0;
  while (i < question.size()) {
    auto end = question.find(' ', i);
    if (end == std::string_view::npos) end = question.size();
    const std::string word(question.substr(i, end - i));
    i = end + 1;
    if (kb.searchable_words(word) == 0) continue;
    if (const auto it = definitions.find(word); it != definitions.end() && !it->second.empty())
      return preferred_definition(kb, it->second);
    // "load balancers" is defined under its first word; a plural asks for the singular too.
    if (word.size() > 3 && word.back() == 's')
      if (const auto it = definitions.find(word.substr(0, word.size() - 1)); it != definitions.end())
        return preferred_definition(kb, it->second);
  }
  return -1;
}

}  // namespace

void answer_topic(const HandlerContext& ctx, Answer& answer) {
  // A question that names only a defined subject ("what is mlops") is answered by its
  // definition's section; searching for a word most passages hold would add only noise.
  const int definition = definition_for(ctx.kb, ctx.question);
  std::vector<knowledge::SearchHit> hits;
  if (definition < 0 || ctx.kb.searchable_words(ctx.question) > 1) hits = ctx.kb.search(ctx.question, kSearchDepth);
  // The passages holding the most of the question's words first; among those, the passages of
  // documents about the corpus's roles (the team's articles, beside any others), BM25 deciding
  // among the rest.
  const auto& about = ctx.kb.facts().document_roles;
  auto of_role_document = [&](const knowledge::SearchHit& hit) { return about.contains(ctx.kb.document_of(hit.passage)); };
  std::stable_sort(hits.begin(), hits.end(), [&](const auto& a, const auto& b) {
    if (a.matched != b.matched) return a.matched > b.matched;
    return of_role_document(a) && !of_role_document(b);
  });
  if (definition >= 0) {
    hits.erase(std::remove_if(hits.begin(), hits.end(), [&](const auto& hit) { return hit.passage == definition; }),
               hits.end());
    hits.insert(hits.begin(), knowledge::SearchHit{definition, 0, 1, 1});
  }
  if (hits.empty() || hits.front().matched == 0) return answer_out_of_scope(ctx, answer);

  // Each passage read once: the hits', and those of the sections chosen.
  std::map<int, knowledge::Passage> read;
  auto passage = [&](int id) -> const knowledge::Passage& {
    auto it = read.find(id);
    if (it == read.end()) it = read.emplace(id, ctx.kb.passage(id).value_or(knowledge::Passage{})).first;
    return it->second;
  };

  // The lead's section, then at most one more whose best hit holds as many of the words: of a
  // document about a role too, when the lead's is (a man page's "Scheduler load balancing" does
  // not follow the article's load balancers).
  std::vector<std::string> sections;
  const bool lead_of_role = of_role_document(hits.front());
  for (const auto& hit : hits) {
    const auto& section = passage(hit.passage).section;
    if (std::find(sections.begin(), sections.end(), section) != sections.end()) continue;
    if (!sections.empty() && lead_of_role && !of_role_document(hit)) continue;
    if (sections.size() == 1 && hit.matched < hits[1 < hits.size() ? 1 : 0].matched) break;
    sections.push_back(section);
    if (sections.size() == 2) break;
  }
  std::vector<int> chosen;
  for (const auto& section : sections) {
    // Every passage under that title, in any document: one more than a whole section may hold
    // says whether it is small enough.
    std::vector<int> in_section;
    for (auto& each : ctx.kb.passages_titled(section, kWholeSectionUpTo + 1)) {
      in_section.push_back(each.id);
      read.emplace(each.id, std::move(each));
    }
    if (in_section.size() > kWholeSectionUpTo) {
      in_section.clear();
      for (const auto& hit : hits)
        if (passage(hit.passage).section == section) in_section.push_back(hit.passage);
    }
    for (int id : in_section)
      if (chosen.size() < kMaxPassages) chosen.push_back(id);
  }

  // The best hit leads; a few more follow in document order under their section titles.
  const int lead = hits.front().passage;
  const bool whole = asks_for_more(ctx.question);
  bool left_out = false;
  if (!whole) {
    // The passages that hold the question's words first, the others after, in document order.
    std::vector<int> kept;
    std::size_t length = 0;
    auto is_hit = [&](int id) {
      return std::any_of(hits.begin(), hits.end(), [&](const auto& hit) { return hit.passage == id && hit.matched > 0; });
    };
    for (int pass = 0; pass < 2; ++pass)
      for (int id : chosen)
        if (id != lead && is_hit(id) == (pass == 0) && std::find(kept.begin(), kept.end(), id) == kept.end() &&
            length + passage(id).text.size() <= kChatCharacters) {
          kept.push_back(id);
          length += passage(id).text.size();
        }
    left_out = chosen.size() > kept.size() + 1;
    std::sort(kept.begin(), kept.end());
    chosen = std::move(kept);
  }
  const auto* lead_passage = &passage(lead);
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
    const auto& shown = passage(id);
    if (shown.section != last_section) answer.text += "\n**" + shown.section + "**\n\n";
    last_section = shown.section;
    if (shown.group != last_group && !shown.group.empty()) answer.text += "\n**" + shown.group + "**\n\n";
    last_group = shown.group;
    const bool bullet = shown.kind == knowledge::PassageKind::item || labelled_line(shown.text);
    answer.text += (bullet ? "- " : "\n") + shown.text + "\n";
    if (answer.sources.size() < 3) add_source(answer, ctx.kb, id);
  }
  answer.suggestions = {"Why is MLOps important?", "What is IaaS?", "Which tools are used in MLOps?"};
  if (left_out) answer.suggestions.insert(answer.suggestions.begin(), "More about " + subject_of_section(lead_passage->section));
}

}  // namespace bot
