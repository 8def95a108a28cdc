#include "adapters/cli/facts_listing.hpp"

#include <boost/json.hpp>

#include "knowledge/amounts.hpp"
#include "knowledge/knowledge_base.hpp"

namespace cli {
namespace {

boost::json::object source(const knowledge::KnowledgeBase& kb, int passage, const std::string& quote) {
  const auto where = kb.passage(passage);
  if (!where) return {{"quote", quote}};
  return {{"doc", where->doc}, {"section", where->section}, {"quote", quote.empty() ? where->text : quote}};
}

boost::json::object& counts_of(boost::json::object& documents, const knowledge::KnowledgeBase& kb, int passage) {
  const auto& doc = kb.document_of(passage);
  auto& entry = documents[doc.empty() ? std::string("?") : doc];
  if (!entry.is_object()) entry = {{"salaries", 0}, {"tool_groups", 0}, {"percentages", 0}, {"definitions", 0}};
  return entry.as_object();
}

void count(boost::json::object& counts, const char* kind) { counts[kind] = counts[kind].to_number<std::int64_t>() + 1; }

}  // namespace

boost::json::object facts_listing(const bot::Engine& engine) {
  const auto& kb = engine.knowledge();
  const auto& facts = kb.facts();
  boost::json::object documents;
  boost::json::array roles, salaries, tools, percentages, definitions;
  for (const auto& role : facts.roles)
    roles.push_back({{"id", role.id}, {"label", role.label},
                     {"aliases", boost::json::array(role.aliases.begin(), role.aliases.end())},
                     {"documents", boost::json::array(role.docs.begin(), role.docs.end())},
                     {"salary_figures", facts.salaries_of(role.id).size()}});
  for (const auto& f : facts.salaries) {
    boost::json::object figure{{"role", f.role}, {"amount", knowledge::format_amount(f.min, f.max, f.open_ended, f.currency)},
                               {"min", f.min}, {"max", f.max}, {"currency", f.currency},
                               {"unit", f.unit}, {"open_ended", f.open_ended}, {"source", source(kb, f.passage, f.quote)}};
    for (const auto& [key, value] : {std::pair{"label", &f.label}, {"level", &f.level}, {"city", &f.city},
                                     {"company_type", &f.company_type}, {"industry", &f.industry}})
      if (!value->empty()) figure[key] = *value;
    if (f.years_from) figure["years_from"] = *f.years_from;
    if (f.years_to) figure["years_to"] = *f.years_to;
    if (f.overall) figure["overall"] = true;
    salaries.push_back(std::move(figure));
    count(counts_of(documents, kb, f.passage), "salaries");
  }
  for (const auto& group : facts.tools) {
    if (group.passages.empty()) continue;
    boost::json::object entry{{"role", group.role}, {"label", group.label},
                              {"tools", boost::json::array(group.tools.begin(), group.tools.end())},
                              {"source", source(kb, group.passages.front(), "")}};
    if (!group.category.empty()) entry["category"] = group.category;
    if (group.from_prose) entry["from_prose"] = true;
    tools.push_back(std::move(entry));
    count(counts_of(documents, kb, group.passages.front()), "tool_groups");
  }
  for (const auto& p : facts.percentages) {
    percentages.push_back({{"role", p.role}, {"topics", boost::json::array(p.topics.begin(), p.topics.end())},
                           {"low", p.low}, {"high", p.high}, {"source", source(kb, p.passage, p.quote)}});
    count(counts_of(documents, kb, p.passage), "percentages");
  }
  for (const auto& [subject, passages] : facts.definitions) {
    if (passages.empty()) continue;
    definitions.push_back({{"subject", subject}, {"source", source(kb, passages.front(), "")}});
    count(counts_of(documents, kb, passages.front()), "definitions");
  }
  for (const auto& [doc, role] : facts.document_roles)
    if (auto* entry = documents.if_contains(doc); entry && entry->is_object()) entry->as_object()["role"] = role;
  return {{"roles", std::move(roles)},          {"salaries", std::move(salaries)},
          {"tools", std::move(tools)},          {"percentages", std::move(percentages)},
          {"definitions", std::move(definitions)}, {"documents", std::move(documents)}};
}

}  // namespace cli
