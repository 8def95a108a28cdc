// role.responsibilities, role.skills, role.qualifications: lists the documents give.
#include <algorithm>

#include <boost/json.hpp>

#include "bot/handlers/handler.hpp"
#include "bot/text_format.hpp"

namespace bot {
namespace {

// The passages of the first section on `topic` (several sections may share a topic).
std::vector<int> first_section(const knowledge::KnowledgeBase& kb, const std::string& topic) {
  const auto& facts = kb.facts();
  const auto& ids = facts.passages_of(facts.section_passages, topic);
  std::vector<int> section;
  for (int id : ids) {
    if (!section.empty() && kb.passage(id)->section != kb.passage(section.front())->section) break;
    section.push_back(id);
  }
  return section;
}

std::vector<int> items_of(const knowledge::KnowledgeBase& kb, const std::vector<int>& ids) {
  std::vector<int> items;
  std::copy_if(ids.begin(), ids.end(), std::back_inserter(items),
               [&](int id) { return kb.passage(id)->kind == knowledge::PassageKind::item; });
  return items;
}

void cite_all(Answer& answer, const knowledge::KnowledgeBase& kb, const std::vector<int>& ids, std::size_t limit = 3) {
  for (std::size_t i = 0; i < ids.size() && i < limit; ++i) add_source(answer, kb, ids[i]);
}

}  // namespace

void answer_responsibilities(const HandlerContext& ctx, Answer& answer) {
  const auto& facts = ctx.kb.facts();
  if (ctx.entities.level) {
    if (const auto* band = facts.band_for_level(*ctx.entities.level); band && !band->responsibilities.empty()) {
      answer.text = "At the **" + band->label + "** level the documents list these responsibilities:\n\n";
      for (const auto& item : band->responsibilities) answer.text += "- " + item + "\n";
      answer.data["level"] = band->level;
      add_source(answer, ctx.kb, band->passage);
      answer.suggestions = {"What does a " + display_name(band->level) + " MLOps engineer earn?",
                            "What skills does an MLOps engineer need?"};
      return;
    }
  }
  const auto section = items_of(ctx.kb, first_section(ctx.kb, "responsibilities"));
  answer.text = "An MLOps engineer builds and runs the path from a model to production. The documents list:\n\n" +
                bullet_list(ctx.kb, section);
  cite_all(answer, ctx.kb, section);
  answer.suggestions = {"What does a senior MLOps engineer do?", "What skills does an MLOps engineer need?",
                        "Which tools do MLOps engineers use?"};
}

void answer_skills(const HandlerContext& ctx, Answer& answer) {
  const auto section = items_of(ctx.kb, first_section(ctx.kb, "skills"));
  answer.text.clear();
  for (const auto& skill : ctx.entities.skill) {
    const auto& facts = ctx.kb.facts();
    const auto& mentions = facts.passages_of(facts.mentions, "skill:" + skill);
    const auto in_list = std::find_if(mentions.begin(), mentions.end(), [&](int id) {
      return std::find(section.begin(), section.end(), id) != section.end();
    });
    if (in_list != mentions.end())
      answer.text += "Yes: **" + display_name(skill) + "** is among the skills the documents list (" +
                     ctx.kb.passage(*in_list)->text + ").\n\n";
    else
      answer.text += "The documents do not list **" + display_name(skill) + "** among the skills an MLOps engineer needs.\n\n";
  }
  answer.text += "The skills the documents list for an MLOps engineer:\n\n" + bullet_list(ctx.kb, section);
  cite_all(answer, ctx.kb, section);
  answer.suggestions = {"Which certifications help?", "Which tools are used in MLOps?", "Which skills increase salary?"};
}

void answer_qualifications(const HandlerContext& ctx, Answer& answer) {
  const auto section = first_section(ctx.kb, "qualifications");
  answer.text = "What the documents say about qualifications for MLOps:\n\n";
  std::string last_group;
  for (int id : section) {
    const auto* passage = ctx.kb.passage(id);
    if (passage->kind == knowledge::PassageKind::item && passage->group != last_group && !passage->group.empty())
      answer.text += "\n**" + passage->group + "**\n";
    last_group = passage->group;
    answer.text += (passage->kind == knowledge::PassageKind::item ? "- " : "") + passage->text + "\n";
  }
  cite_all(answer, ctx.kb, section, 4);
  answer.suggestions = {"How much does a certification raise pay?", "What skills do I need for MLOps?"};
}

}  // namespace bot
