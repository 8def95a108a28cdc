// salary.factors and salary.trends: what moves the role's pay, and how it is moving. From the
// role's sections on the topic; where its documents have none, their sentences that answer best.
#include <algorithm>

#include <boost/json.hpp>

#include "bot/handlers/handler.hpp"
#include "bot/handlers/role_passages.hpp"
#include "bot/handlers/salary_text.hpp"
#include "bot/text_format.hpp"

namespace bot {
namespace {

constexpr std::size_t kBestSentences = 3;

bool has(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// The percentages of the role on `topic`, and the certification premium with a certification.
void add_percentage(const HandlerContext& ctx, Answer& answer, const char* topic, const std::string& lead) {
  const auto& facts = ctx.kb.facts();
  const auto* percentage = facts.percentage(topic, ctx.role);
  if (!percentage) return;
  if (answer.text.find(percentage->quote) == std::string::npos) answer.text += lead + percentage->quote + "\n";
  answer.data[topic] = {{"low_pct", percentage->low}, {"high_pct", percentage->high}};
  add_source(answer, ctx.kb, percentage->passage);
}

// The factor a question is about: what it names ("does location matter") or an entity it has.
std::string factor_in_question(const HandlerContext& ctx) {
  for (const auto& factor : ctx.extractor.values("factor", ctx.question))
    if (factor != "experience" || !ctx.entities.experience_years) return factor;
  const auto& entities = ctx.entities;
  if (entities.certification) return "education";
  if (entities.city) return "location";
  if (entities.industry) return "industry";
  if (entities.company_type) return "company";
  if (!entities.skill.empty()) return "skills";
  return {};
}

// The sentences of the role's documents that answer best: the question's words, and the kind of
// thing it asks about (an industry, a city, a company type) named in the sentence.
void best_sentences(const HandlerContext& ctx, Answer& answer, const std::string& factor) {
  auto sentences = ranked_sentences(ctx, role_passages(ctx, ctx.role), 200);
  const char* kind = factor == "industry" ? "industry" : factor == "location" ? "city" : factor == "company" ? "company_type" : nullptr;
  if (kind)
    for (auto& sentence : sentences)
      if (!ctx.extractor.values(kind, lower_words(sentence.text)).empty()) sentence.score += 2;
  std::stable_sort(sentences.begin(), sentences.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  // The best sentences, and only those nearly as good as the best.
  const int floor = sentences.empty() ? 1 : std::max(1, sentences.front().score - 1);
  std::size_t shown = 0;
  for (const auto& sentence : sentences) {
    if (sentence.score < floor || shown == kBestSentences) break;
    answer.text += "- " + sentence.text + "\n";
    add_source(answer, ctx.kb, sentence.passage);
    ++shown;
  }
}

// "Which city pays the most?": the role's figures by city, highest first, where the documents
// give one figure a city (a table of pay by city). Nothing when a city has several (by
// experience): the overview's table shows those.
void city_ranking(const HandlerContext& ctx, Answer& answer) {
  std::vector<const knowledge::SalaryFigure*> by_city;
  for (const auto* figure : ctx.kb.facts().salaries_of(ctx.role)) {
    if (figure->city.empty() || !figure->company_type.empty() || !figure->industry.empty() || figure->currency != "INR") continue;
    if (std::any_of(by_city.begin(), by_city.end(), [&](const auto* other) { return other->city == figure->city; })) return;
    by_city.push_back(figure);
  }
  if (by_city.size() < 2) return;
  std::stable_sort(by_city.begin(), by_city.end(),
                   [](const auto* a, const auto* b) { return std::tie(a->max, a->min) > std::tie(b->max, b->min); });
  answer.text += "By city, the documents give " + with_article(ctx.roles.label(ctx.role)) + " (highest first):\n\n";
  boost::json::array cities;
  for (const auto* figure : by_city) {
    answer.text += "- **" + display_name(figure->city) + "**: " + amount_text(*figure) + "\n";
    cities.push_back({{"city", figure->city}, {"min_lpa", figure->min}, {"max_lpa", figure->max}});
    add_source(answer, ctx.kb, figure->passage);
  }
  answer.text += "\n**" + display_name(by_city.front()->city) + "** pays the most, **" + display_name(by_city.back()->city) +
                 "** the least.";
  answer.data["cities"] = std::move(cities);
}

}  // namespace

void answer_salary_factors(const HandlerContext& ctx, Answer& answer) {
  const auto& facts = ctx.kb.facts();
  const std::string label = ctx.roles.label(ctx.role);
  const std::string factor = factor_in_question(ctx);
  std::vector<int> focused;
  for (int id : facts.passages_of(facts.factor_passages, factor))
    if (facts.role_of_passage(id) == ctx.role) focused.push_back(id);
  if (factor == "location") city_ranking(ctx, answer);
  if (!answer.text.empty()) answer.text += "\n\n";
  std::vector<int> shown = focused;
  if (!focused.empty()) {
    answer.text += "What the documents say about **" + factor + "** and " + label + " pay:\n\n";
  } else {
    shown = role_section(ctx, "factors", ctx.role);
    if (!shown.empty()) answer.text += "The documents name these factors behind " + with_article(label) + "'s salary in India:\n\n";
  }
  if (!shown.empty()) {
    // The passage that answers the question's own words first; the rest in document order.
    const auto best = ranked_sentences(ctx, shown, 1);
    if (!best.empty() && best.front().score > 0) {
      const auto at = std::find(shown.begin(), shown.end(), best.front().passage);
      if (at != shown.end()) std::rotate(shown.begin(), at, at + 1);
    }
    std::string last_group;
    for (int id : shown) {
      const auto passage = ctx.kb.passage(id);
      if (!passage) continue;
      if (passage->group != last_group && !passage->group.empty() && focused.empty())
        answer.text += "**" + passage->group + "**\n";
      last_group = passage->group;
      answer.text += "- " + passage->text + "\n";
      if (answer.sources.size() < 4) add_source(answer, ctx.kb, id);
    }
  } else if (answer.sources.empty()) {
    answer.text = "What the documents say about " + with_article(label) + "'s pay:\n\n";
    best_sentences(ctx, answer, factor);
  }
  if (factor == "education" || ctx.entities.certification)
    add_percentage(ctx, answer, "certification_hike", "\n**Certifications:** ");
  while (answer.text.ends_with("\n\n")) answer.text.pop_back();
  if (answer.sources.empty()) answer.text = "The documents say nothing about what moves " + with_article(label) + "'s pay.";
  answer.data["factor"] = factor.empty() ? boost::json::value(nullptr) : boost::json::value(factor);
  answer.suggestions = {"Does location matter for " + label + " pay?", "Which skills increase " + label + " salary?",
                        "How much does a certification add?"};
}

void answer_salary_trends(const HandlerContext& ctx, Answer& answer) {
  const auto& facts = ctx.kb.facts();
  const std::string label = ctx.roles.label(ctx.role);
  answer.text = "How " + label + " pay in India is moving, according to the documents:\n\n";
  const auto section = role_section(ctx, "trends", ctx.role);
  for (int id : section) {
    const auto passage = ctx.kb.passage(id);
    if (!passage) continue;
    answer.text += (passage->kind == knowledge::PassageKind::item ? "- " : "") + passage->text + "\n";
    add_source(answer, ctx.kb, id);
  }
  // Percentages the role's documents give on growth and premiums, the best for the question first.
  std::vector<int> percentage_passages;
  for (const auto& percentage : facts.percentages)
    if (percentage.role == ctx.role && (has(percentage.topics, "yearly_growth") || has(percentage.topics, "certification_hike") ||
                                        has(percentage.topics, "premium")))
      percentage_passages.push_back(percentage.passage);
  for (const auto& sentence : ranked_sentences(ctx, percentage_passages, kBestSentences)) {
    if (answer.text.find(sentence.text) != std::string::npos || (section.size() && sentence.score == 0)) continue;
    if (sentence.text.find('%') == std::string::npos) continue;
    answer.text += "- " + sentence.text + "\n";
    add_source(answer, ctx.kb, sentence.passage);
  }
  for (const char* topic : {"yearly_growth", "certification_hike"})
    if (const auto* percentage = facts.percentage(topic, ctx.role))
      answer.data[topic] = {{"low_pct", percentage->low}, {"high_pct", percentage->high}};
  if (answer.sources.empty()) answer.text = "The documents say nothing about how " + label + " pay is moving.";
  answer.suggestions = {"Which skills raise " + label + " pay?", "Compare " + label + " with other tech roles"};
}

}  // namespace bot
