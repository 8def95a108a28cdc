// market.demand: demand for the role, where and in which industries, from the role's documents.
#include <algorithm>
#include <string>
#include <vector>

#include "bot/handlers/handler.hpp"
#include "bot/handlers/role_passages.hpp"
#include "bot/handlers/salary_text.hpp"
#include "bot/text_format.hpp"

namespace bot {
namespace {

constexpr std::size_t kBestSentences = 3;

bool asks_about(const HandlerContext& ctx, std::string_view factor) {
  const auto factors = ctx.extractor.values("factor", ctx.question);
  return std::find(factors.begin(), factors.end(), factor) != factors.end();
}

}  // namespace

void answer_demand(const HandlerContext& ctx, Answer& answer) {
  const auto& facts = ctx.kb.facts();
  const std::string label = ctx.roles.label(ctx.role);
  const auto demand = role_section(ctx, "demand", ctx.role);

  if (const auto& industry = ctx.entities.industry) {
    for (int id : facts.passages_of(facts.mentions, "industry:" + *industry)) {
      if (std::find(demand.begin(), demand.end(), id) == demand.end()) continue;
      answer.text = "What the documents say " + display_name(*industry) + " uses it for: **" + ctx.kb.passage(id)->text +
                    "**\n\n";
      add_source(answer, ctx.kb, id);
      break;
    }
  }
  if (ctx.entities.city || asks_about(ctx, "location")) {
    std::vector<int> places;
    for (int id : facts.passages_of(facts.factor_passages, "location"))
      if (facts.role_of_passage(id) == ctx.role) places.push_back(id);
    if (!places.empty()) {
      answer.text += "The documents do not count jobs by city; they name these cities as paying more:\n\n";
      for (int id : places) {
        answer.text += "- " + ctx.kb.passage(id)->text + "\n";
        add_source(answer, ctx.kb, id);
      }
      answer.text += "\n";
    }
  }
  if (!demand.empty()) {
    answer.text += "Demand for " + label + "s in India, according to the documents:\n\n";
    std::string last_group;
    for (int id : demand) {
      const auto passage = ctx.kb.passage(id);
      if (passage->group != last_group && !passage->group.empty()) answer.text += "\n**" + passage->group + "**\n";
      last_group = passage->group;
      answer.text += (passage->kind == knowledge::PassageKind::item ? "- " : "") + passage->text + "\n";
      if (answer.sources.size() < 4) add_source(answer, ctx.kb, id);
    }
  } else {
    // No section on demand: the sentences of the role's documents that answer best, those naming
    // an industry first when the question asks which industry. The role's own name is in every
    // sentence of its documents, and says nothing of demand.
    auto terms = ctx.matcher.terms(ctx.question);
    std::string names = label;
    for (const auto& name : ctx.roles.names(ctx.role)) names += " " + name;
    // Compared as stems: "engineering" is the role's name too.
    std::erase_if(terms, [&](const std::string& term) { return ctx.matcher.overlap({term}, names) > 0; });
    auto sentences = ranked_sentences(ctx, role_passages(ctx, ctx.role), 200, terms);
    const bool industry = asks_about(ctx, "industry");
    const bool city = asks_about(ctx, "location");
    // "Which companies hire ...?": the sentence naming employers ("at Razorpay, Flipkart and GCCs").
    const bool company = asks_about(ctx, "company");
    for (auto& sentence : sentences) {
      const auto words = lower_words(sentence.text);
      if (industry && !ctx.extractor.values("industry", words).empty()) sentence.score += 2;
      if (city && !ctx.extractor.values("city", words).empty()) sentence.score += 2;
      if (company && !ctx.extractor.values("company_type", words).empty()) sentence.score += 2;
    }
    std::stable_sort(sentences.begin(), sentences.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
    answer.text += "What the documents say about demand for " + label + "s:\n\n";
    // The best sentences, and only those nearly as good as the best.
    const int floor = sentences.empty() ? 1 : std::max(1, sentences.front().score - 1);
    std::size_t shown = 0;
    std::vector<std::string> said;  // a page that repeats its introduction says it once here
    for (const auto& sentence : sentences) {
      if (std::find(said.begin(), said.end(), sentence.text) != said.end()) continue;
      said.push_back(sentence.text);
      if (sentence.score < floor || shown++ == kBestSentences) break;
      answer.text += "- " + sentence.text + "\n";
      add_source(answer, ctx.kb, sentence.passage);
    }
  }
  if (answer.sources.empty()) answer.text = "The documents say nothing about demand for " + label + "s.";
  answer.suggestions = {"Which cities pay " + label + "s more?", "What does " + with_article(label) + " earn?",
                        "Which industries pay the most?"};
}

}  // namespace bot
