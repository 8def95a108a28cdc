// Greetings, thanks, goodbyes, help and the honest "not in my documents", built from what the
// documents cover rather than a fixed list.
#include "bot/handlers/handler.hpp"
#include "bot/handlers/salary_text.hpp"

namespace bot {
namespace {

constexpr std::size_t kMaxRolesNamed = 6;

// "MLOps Engineer, Cloud Engineer and Business Analyst": the roles the documents give pay for.
std::string covered_roles(const HandlerContext& ctx) {
  const auto& roles = ctx.roles.roles_with_figures();
  std::string names;
  const std::size_t count = std::min(roles.size(), kMaxRolesNamed);
  for (std::size_t i = 0; i < count; ++i)
    names += (i == 0 ? "" : i + 1 == count ? " and " : ", ") + ctx.roles.label(roles[i]);
  if (roles.size() > kMaxRolesNamed) names += " and " + std::to_string(roles.size() - kMaxRolesNamed) + " more roles";
  return names.empty() ? "the careers my documents describe" : names;
}

std::vector<std::string> starters(const HandlerContext& ctx) {
  const std::string role = ctx.roles.default_role().empty() ? std::string() : ctx.roles.label(ctx.roles.default_role());
  if (role.empty()) return {};
  std::vector<std::string> questions = {"What does " + with_article(role) + " with 3 years earn?",
                                        "What skills does " + with_article(role) + " need?"};
  const auto& roles = ctx.roles.roles_with_figures();
  if (roles.size() > 1) questions.push_back("Compare " + role + " with " + ctx.roles.label(roles[1]) + " pay");
  questions.push_back("Which tools does " + with_article(role) + " use?");
  return questions;
}

}  // namespace

void answer_greet(const HandlerContext& ctx, Answer& answer) {
  answer.text = "Hello! I answer questions about careers in India from my documents: pay by experience, level, city "
                "and employer for " + covered_roles(ctx) + ", how they compare, skills, tools and what the jobs involve.";
  answer.suggestions = starters(ctx);
}

void answer_thanks(const HandlerContext& ctx, Answer& answer) {
  answer.text = "You're welcome! Ask me anything else about " + covered_roles(ctx) + " careers in India.";
  answer.suggestions = starters(ctx);
}

void answer_bye(const HandlerContext&, Answer& answer) { answer.text = "Goodbye, and good luck with your career!"; }

void answer_help(const HandlerContext& ctx, Answer& answer) {
  const std::string role = ctx.roles.default_role().empty() ? "MLOps engineer" : ctx.roles.label(ctx.roles.default_role());
  answer.text =
      "I answer from my documents, always with the source. They cover " + covered_roles(ctx) + ". You can ask:\n\n"
      "- **Pay:** \"What does " + with_article(role) + " with 3 years in Bengaluru earn?\", \"fresher package\"\n"
      "- **Comparisons:** \"" + role + " vs data scientist salary\", \"compare with other tech roles\"\n"
      "- **What moves pay:** \"Does a certification increase salary?\", \"How fast are salaries growing?\"\n"
      "- **The job:** responsibilities, skills, qualifications and certifications\n"
      "- **Tools:** \"CI/CD tools\", \"which tools do they use?\"\n"
      "- **Concepts:** \"What is MLOps?\", \"Explain IaaS\"\n\n"
      "Follow-ups work too: \"and with 8 years?\", \"what about Pune?\".";
  answer.suggestions = starters(ctx);
}

void answer_out_of_scope(const HandlerContext& ctx, Answer& answer) {
  answer.text = "Sorry, my documents don't cover that.";
  for (const auto& title : ctx.unknown_titles) {
    answer.text = "Sorry, my documents say nothing about " + title + (title.ends_with('s') ? "" : "s") + ".";
    break;
  }
  answer.text += " I can answer from what they say about " + covered_roles(ctx) +
                 ": pay, comparisons, skills, qualifications, tools and the concepts they explain.";
  answer.data = {};
  answer.sources.clear();
  answer.suggestions = starters(ctx);
}

}  // namespace bot
