#include "bot/handlers/mentions.hpp"

#include "bot/text_format.hpp"

namespace bot {
namespace {

// The passage that names `value`, of the role asked about and about pay if possible.
std::optional<knowledge::Passage> best_mention(const HandlerContext& ctx, const std::string& key) {
  const auto& facts = ctx.kb.facts();
  const auto& ids = facts.passages_of(facts.mentions, key);
  for (int pass = 0; pass < 2; ++pass)
    for (int id : ids) {
      if (facts.role_of_passage(id) != ctx.role) continue;
      if (pass == 1 || facts.pay_passages.contains(id)) return ctx.kb.passage(id);
    }
  for (int id : ids)
    if (facts.pay_passages.contains(id) && facts.role_of_passage(id).empty()) return ctx.kb.passage(id);
  return std::nullopt;
}

}  // namespace

void describe_mention(const HandlerContext& ctx, Answer& answer, const std::string& kind, const std::string& value,
                      const std::string& factor) {
  const auto& facts = ctx.kb.facts();
  const std::string name = display_name(value);
  if (const auto passage = best_mention(ctx, kind + ":" + value)) {
    answer.text += "\n\n**" + name + ":** the documents give no separate figure, but say: “" +
                   sentence_with(passage->text, "") + "”";
    add_source(answer, ctx.kb, passage->id);
    return;
  }
  const bool named_elsewhere = !facts.passages_of(facts.mentions, kind + ":" + value).empty();
  answer.text += "\n\n**" + name + ":** the documents give no figure for " + name +
                 (named_elsewhere ? " for this role." : " and do not name it.");
  std::vector<int> general;
  for (int id : facts.passages_of(facts.factor_passages, factor))
    if (facts.role_of_passage(id) == ctx.role) general.push_back(id);
  if (!general.empty()) {
    const auto passage = ctx.kb.passage(general.back());
    answer.text += " On " + factor + " in general they say: “" + sentence_with(passage->text, "") + "”";
    add_source(answer, ctx.kb, passage->id);
  }
}

}  // namespace bot
