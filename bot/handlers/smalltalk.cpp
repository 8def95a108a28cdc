// Greetings, thanks, goodbyes, help and the honest "not in my documents".
#include "bot/handlers/handler.hpp"

namespace bot {
namespace {

const std::vector<std::string> kStarters = {"What does an MLOps engineer with 3 years earn?",
                                            "Compare MLOps with Data Scientist pay", "What skills do I need for MLOps?",
                                            "Which tools are used for model serving?"};

}  // namespace

void answer_greet(const HandlerContext&, Answer& answer) {
  answer.text = "Hello! I answer questions about MLOps careers in India: pay by experience, level, city and "
                "certification, how it compares with other tech roles, skills, tools and what the job involves.";
  answer.suggestions = kStarters;
}

void answer_thanks(const HandlerContext&, Answer& answer) {
  answer.text = "You're welcome! Ask me anything else about MLOps careers in India.";
  answer.suggestions = kStarters;
}

void answer_bye(const HandlerContext&, Answer& answer) {
  answer.text = "Goodbye, and good luck with your MLOps career!";
}

void answer_help(const HandlerContext&, Answer& answer) {
  answer.text =
      "I answer from my documents about MLOps careers in India, always with the source. You can ask:\n\n"
      "- **Pay:** \"What does an MLOps engineer with 3 years in Bengaluru earn?\", \"fresher mlops package\"\n"
      "- **Comparisons:** \"MLOps vs data scientist salary\", \"compare with other tech roles\"\n"
      "- **What moves pay:** \"Does a CKA certification increase salary?\", \"How fast are salaries growing?\"\n"
      "- **The job:** responsibilities, skills, qualifications and certifications\n"
      "- **Tools:** \"CI/CD tools for ML\", \"model serving tools\"\n"
      "- **Concepts:** \"What is MLOps?\", \"Explain IaaS\"\n\n"
      "Follow-ups work too: \"and with 8 years?\", \"what about Pune?\".";
  answer.suggestions = kStarters;
}

void answer_out_of_scope(const HandlerContext&, Answer& answer) {
  answer.text = "Sorry, my documents don't cover that. I can only answer from what they say about MLOps careers in "
                "India: pay, comparisons with data scientists, DevOps, ML and cloud engineers, skills, "
                "qualifications, tools and concepts such as MLOps and IaaS.";
  answer.data = {};
  answer.sources.clear();
  answer.suggestions = kStarters;
}

}  // namespace bot
