#include "bot/handlers/mentions.hpp"

#include "bot/text_format.hpp"

namespace bot {
namespace {

// The passage that names `value` and talks about pay, or else the first that names it.
const knowledge::Passage* best_mention(const knowledge::KnowledgeBase& kb, const std::string& key) {
  const auto& facts = kb.facts();
  const auto& ids = facts.passages_of(facts.mentions, key);
  for (int id : ids)
    if (facts.pay_passages.contains(id)) return kb.passage(id);
  return ids.empty() ? nullptr : kb.passage(ids.front());
}

}  // namespace

void describe_mention(const HandlerContext& ctx, Answer& answer, const std::string& kind, const std::string& value,
                      const std::string& factor) {
  const auto& facts = ctx.kb.facts();
  const std::string name = display_name(value);
  if (const auto* passage = best_mention(ctx.kb, kind + ":" + value)) {
    answer.text += "\n\n**" + name + ":** the documents give no separate figure, but say: “" +
                   sentence_with(passage->text, "") + "”";
    add_source(answer, ctx.kb, passage->id);
    return;
  }
  answer.text += "\n\n**" + name + ":** the documents give no figure for " + name + " and do not name it.";
  const auto& general = facts.passages_of(facts.factor_passages, factor);
  if (!general.empty()) {
    const auto* passage = ctx.kb.passage(general.back());
    answer.text += " On " + factor + " in general they say: “" + sentence_with(passage->text, "") + "”";
    add_source(answer, ctx.kb, passage->id);
  }
}

}  // namespace bot
