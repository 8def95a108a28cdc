// tools.list: the role's tools, the groups the question asks for (a category, or words of a
// group's name such as "vector databases"), else all of them.
#include <algorithm>

#include <boost/json.hpp>

#include "bot/handlers/handler.hpp"
#include "bot/handlers/salary_text.hpp"
#include "bot/text_format.hpp"

namespace bot {
namespace {

// Words every tools question has, which name no group.
constexpr std::string_view kToolWords[] = {"tool", "use", "used", "name", "list", "popular", "common", "software",
                                           "know", "learn", "work", "need", "best", "top", "which", "mlop"};

std::vector<const knowledge::ToolGroup*> groups_of(const HandlerContext& ctx) {
  std::vector<const knowledge::ToolGroup*> listed, prose;
  for (const auto& group : ctx.kb.facts().tools)
    if (group.role == ctx.role) (group.from_prose ? prose : listed).push_back(&group);
  // A catalogue says which tools a role uses; names in running text are the fallback.
  return listed.empty() ? prose : listed;
}

}  // namespace

void answer_tools(const HandlerContext& ctx, Answer& answer) {
  const auto& category = ctx.entities.tool_category;
  const auto groups = groups_of(ctx);
  const std::string label = ctx.roles.label(ctx.role);
  if (groups.empty()) {
    answer.text = "The documents name no tools for " + with_article(label) + ".";
    return;
  }
  // The groups the question names: by category, then by the words of their names.
  auto terms = ctx.matcher.terms(ctx.question);
  const auto role_words = ctx.matcher.terms(label);
  std::erase_if(terms, [&](const std::string& term) {
    return std::find(role_words.begin(), role_words.end(), term) != role_words.end() ||
           std::any_of(std::begin(kToolWords), std::end(kToolWords), [&](std::string_view word) { return term == word; });
  });
  std::vector<double> scores;
  double best = 0;
  for (const auto* group : groups) {
    double score = (category && group->category == *category) ? 3 : 0;
    score += ctx.matcher.overlap(terms, group->label);
    scores.push_back(score);
    best = std::max(best, score);
  }
  boost::json::array tools;
  std::string listing;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (best > 0 && scores[i] < best) continue;
    const auto& group = *groups[i];
    listing += "**" + group.label + "**: ";
    for (std::size_t t = 0; t < group.tools.size(); ++t) {
      listing += (t ? ", " : "") + group.tools[t];
      tools.emplace_back(group.tools[t]);
    }
    listing += "\n\n";
    if (!group.passages.empty()) add_source(answer, ctx.kb, group.passages.front());
  }
  if (category && best < 3)
    answer.text = "The documents have no " + display_name(*category) + " tools for " + with_article(label) +
                  "; the tools they do name:\n\n" + listing;
  else
    answer.text = (best > 0 ? "Tools for this, from the documents:\n\n" : "The tools the documents name for " +
                                                                                with_article(label) + ":\n\n") +
                  listing;
  answer.data["tools"] = std::move(tools);
  if (category) answer.data["category"] = *category;
  answer.suggestions = {"What skills does " + with_article(label) + " need?", "What does " + with_article(label) + " do?"};
}

}  // namespace bot
