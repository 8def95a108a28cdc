// role.responsibilities, role.skills, role.qualifications: what the role's documents list.
#include <algorithm>

#include <boost/json.hpp>

#include "bot/handlers/handler.hpp"
#include "bot/handlers/role_passages.hpp"
#include "bot/handlers/salary_text.hpp"
#include "bot/text_format.hpp"
#include "knowledge/sentences.hpp"

namespace bot {
namespace {

constexpr std::size_t kMaxProseSentences = 5;

std::vector<int> items_of(const knowledge::KnowledgeBase& kb, const std::vector<int>& ids) {
  std::vector<int> items;
  std::copy_if(ids.begin(), ids.end(), std::back_inserter(items),
               [&](int id) {
                 const auto passage = kb.passage(id);
                 return passage && passage->kind == knowledge::PassageKind::item;
               });
  return items;
}

void cite_all(Answer& answer, const knowledge::KnowledgeBase& kb, const std::vector<int>& ids, std::size_t limit = 3) {
  for (std::size_t i = 0; i < ids.size() && i < limit; ++i) add_source(answer, kb, ids[i]);
}

// Certification words: in a section on skills and certifications alike, which sentences are which.
bool about_credentials(std::string_view text) {
  std::string lowered(text);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), ::tolower);
  for (std::string_view word : {"certif", "degree", "diploma", "bachelor", "master", "mba", "phd", "course", "credential"})
    if (lowered.find(word) != std::string::npos) return true;
  return false;
}

// A section's content as a list: its items, or else its sentences (at most a few), those that
// `keep` accepts.
std::string listing(const HandlerContext& ctx, Answer& answer, const std::vector<int>& section,
                    bool (*keep)(std::string_view) = nullptr, bool keep_value = true) {
  const auto items = items_of(ctx.kb, section);
  if (!items.empty() && !keep) {
    cite_all(answer, ctx.kb, items);
    return bullet_list(ctx.kb, items);
  }
  std::string out;
  std::size_t count = 0;
  // Prose keeps the document's order: it reads as written.
  for (int id : section) {
    const auto passage = ctx.kb.passage(id);
    std::vector<std::string_view> sentences{passage->text};
    if (passage->kind == knowledge::PassageKind::paragraph) sentences = knowledge::sentences_of(passage->text);
    for (const auto sentence : sentences) {
      if (keep && keep(sentence) != keep_value) continue;
      if (count++ >= kMaxProseSentences) break;
      out += "- " + std::string(sentence) + "\n";
      add_source(answer, ctx.kb, passage->id);
    }
  }
  return out;
}

std::string nothing_on(const HandlerContext& ctx, const std::string& what) {
  return "The documents do not list the " + what + " of " + with_article(ctx.roles.label(ctx.role)) + ".";
}

// "Product Manager", "Who is a Data Engineer?", "What does an SRE actually do?": the headings
// (as knowledge::heading_key gives them) that are the role's name, or ask what it is or does.
std::vector<std::string> role_headings(const std::string& label) {
  const std::string name = knowledge::heading_key(label);
  return {name, "who is a " + name, "who is an " + name, "what is a " + name,
          "what is an " + name, "what does a " + name + " do", "what does an " + name + " do",
          "what does a " + name + " actually do", "what does an " + name + " actually do",
          "role of a " + name, "role of an " + name, "the " + name + " role", name + " role",
          "about the " + name + " role"};
}

// The passages of the first section headed by the role's name (see heading_on_role), in order:
// the passages under each heading that names it, read by the heading's key, the first run of
// consecutive ones under one title kept.
std::vector<int> section_on_role(const HandlerContext& ctx, const std::string& role) {
  // A bound on what one heading reads: a role's section is a few dozen passages, but a heading
  // key may be shared by many documents of a large corpus.
  constexpr std::size_t kMaxSectionPassages = 200;
  std::vector<knowledge::Passage> headed;
  for (const auto& heading : role_headings(ctx.roles.label(role))) {
    auto found = ctx.kb.passages_under_heading(heading, kMaxSectionPassages);
    std::move(found.begin(), found.end(), std::back_inserter(headed));
  }
  std::sort(headed.begin(), headed.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  // The section starts at its first passage that is not a table row.
  const auto start = std::find_if(headed.begin(), headed.end(),
                                  [](const auto& passage) { return passage.kind != knowledge::PassageKind::table_row; });
  std::vector<int> section;
  for (auto it = start; it != headed.end(); ++it) {
    if (it != start && (it->id != std::prev(it)->id + 1 || it->section != start->section)) break;
    if (it->kind != knowledge::PassageKind::table_row) section.push_back(it->id);
  }
  return section;
}

// The paragraph a document about `role` opens with, before its first heading: such a document
// says there what the role is and does. -1 when no document is about the role.
int opening_of_role_document(const HandlerContext& ctx, const std::string& role) {
  int opening = -1;
  for (const auto& [doc, doc_role] : ctx.kb.facts().document_roles) {
    if (doc_role != role) continue;
    const auto passages = ctx.kb.document_passages(doc);
    for (const auto& passage : passages) {
      if (passage.section != passages.front().section || !passage.parent.empty()) continue;
      // The first in passage order, as documents are read in that order.
      if (passage.kind == knowledge::PassageKind::paragraph) {
        if (opening < 0 || passage.id < opening) opening = passage.id;
        break;
      }
    }
  }
  return opening;
}

// A role whose documents have no section on a topic may still say it in passing ("you automate
// changes with Python scripts", "no degree is required"): the sentences of the role's documents that hold
// the question's words, not counting the role's names or the topic's words, which any sentence
// of its documents or any question on the topic holds. Cited; empty when none holds one.
std::string sentences_on(const HandlerContext& ctx, Answer& answer, std::string_view topic_words) {
  auto terms = ctx.matcher.terms(ctx.question);
  std::string names = ctx.roles.label(ctx.role) + " " + std::string(topic_words);
  for (const auto& name : ctx.roles.names(ctx.role)) names += " " + name;
  const auto named = ctx.matcher.terms(names);
  std::erase_if(terms, [&](const std::string& term) { return std::find(named.begin(), named.end(), term) != named.end(); });
  if (terms.empty()) return {};
  const auto ranked = ranked_sentences(ctx, role_passages(ctx, ctx.role), kMaxProseSentences, terms);
  std::string out;
  std::vector<std::string_view> said;  // a page that repeats its introduction says it once here
  for (const auto& sentence : ranked) {
    if (sentence.score == 0) break;
    if (std::find(said.begin(), said.end(), sentence.text) != said.end()) continue;
    said.push_back(sentence.text);
    out += "- " + sentence.text + "\n";
    add_source(answer, ctx.kb, sentence.passage);
  }
  return out;
}

}  // namespace

void answer_responsibilities(const HandlerContext& ctx, Answer& answer) {
  const auto& facts = ctx.kb.facts();
  const std::string label = ctx.roles.label(ctx.role);
  if (ctx.entities.level) {
    for (const auto& duties : facts.duties) {
      if (duties.role != ctx.role || duties.level != *ctx.entities.level || duties.items.empty()) continue;
      answer.text = "At the **" + duties.label + "** level the documents list these responsibilities:\n\n";
      for (const auto& item : duties.items) answer.text += "- " + item + "\n";
      answer.data["level"] = duties.level;
      add_source(answer, ctx.kb, duties.passage);
      answer.suggestions = {"What does " + with_article(display_name(duties.level) + "-level " + label) + " earn?",
                            "What skills does " + with_article(label) + " need?"};
      return;
    }
  }
  auto section = role_section(ctx, "responsibilities", ctx.role);
  if (section.empty()) section = section_on_role(ctx, ctx.role);
  if (section.empty()) {
    const int opening = opening_of_role_document(ctx, ctx.role);
    if (opening < 0) {
      answer.text = nothing_on(ctx, "responsibilities");
      return;
    }
    section = {opening};
  }
  answer.text = "What " + with_article(label) + " does, according to the documents:\n\n" + listing(ctx, answer, section);
  answer.suggestions = {"What does a senior " + label + " do?", "What skills does " + with_article(label) + " need?",
                        "Which tools do they use?"};
}

void answer_skills(const HandlerContext& ctx, Answer& answer) {
  const std::string label = ctx.roles.label(ctx.role);
  const auto section = role_section(ctx, "skills", ctx.role);
  answer.text.clear();
  const auto& facts = ctx.kb.facts();
  for (const auto& skill : ctx.entities.skill) {
    const auto& mentions = facts.passages_of(facts.mentions, "skill:" + skill);
    const auto in_list = std::find_if(mentions.begin(), mentions.end(), [&](int id) {
      return std::find(section.begin(), section.end(), id) != section.end();
    });
    if (in_list != mentions.end())
      answer.text += "Yes: **" + display_name(skill) + "** is among the skills the documents list (" +
                     ctx.kb.passage(*in_list)->text + ").\n\n";
    else
      answer.text += "The documents do not list **" + display_name(skill) + "** among the skills " +
                     with_article(label) + " needs.\n\n";
  }
  if (section.empty()) {
    const auto said = sentences_on(ctx, answer, "skill need know learn");
    answer.text += said.empty() ? nothing_on(ctx, "skills")
                                : "The documents have no list of skills for " + with_article(label) +
                                      "; what they say that bears on the question:\n\n" + said;
    return;
  }
  // A section on skills and certifications alike: the sentences about skills.
  const auto topics = facts.passages_of(facts.section_passages, "qualifications");
  const bool mixed = std::find(topics.begin(), topics.end(), section.front()) != topics.end();
  answer.text += "The skills the documents list for " + with_article(label) + ":\n\n" +
                 (mixed ? listing(ctx, answer, section, about_credentials, false) : listing(ctx, answer, section));
  answer.suggestions = {"Which certifications help?", "Which tools do they use?", "Which skills increase salary?"};
}

void answer_qualifications(const HandlerContext& ctx, Answer& answer) {
  const std::string label = ctx.roles.label(ctx.role);
  const auto section = role_section(ctx, "qualifications", ctx.role);
  if (section.empty()) {
    const auto said = sentences_on(ctx, answer, "qualification need");
    answer.text = said.empty() ? nothing_on(ctx, "qualifications")
                               : "The documents have no section on qualifications for " + with_article(label) +
                                     "; what they say that bears on the question:\n\n" + said;
    return;
  }
  const auto& facts = ctx.kb.facts();
  const auto skills = facts.passages_of(facts.section_passages, "skills");
  const bool mixed = std::find(skills.begin(), skills.end(), section.front()) != skills.end();
  answer.text = "What the documents say about qualifications for " + with_article(label) + ":\n\n";
  if (mixed) {
    answer.text += listing(ctx, answer, section, about_credentials, true);
  } else {
    std::string last_group;
    for (int id : section) {
      const auto passage = ctx.kb.passage(id);
      if (passage->kind == knowledge::PassageKind::item && passage->group != last_group && !passage->group.empty())
        answer.text += "\n**" + passage->group + "**\n";
      last_group = passage->group;
      answer.text += (passage->kind == knowledge::PassageKind::item ? "- " : "") + passage->text + "\n";
    }
    cite_all(answer, ctx.kb, section, 4);
  }
  answer.suggestions = {"How much does a certification raise pay?", "What skills does " + with_article(label) + " need?"};
}

}  // namespace bot
