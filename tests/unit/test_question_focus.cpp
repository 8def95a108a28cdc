// Long posts: sentences, the main question, the asker's situation from the context, the other
// questions as suggestions.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "intents/entities.hpp"
#include "intents/matcher.hpp"
#include "intents/normalize.hpp"
#include "intents/question_focus.hpp"
#include "intents/vocabulary.hpp"

namespace {

const std::string kData = std::string(MLOPS_BOT_SOURCE_DIR) + "/intents/data";

struct Reader {
  std::shared_ptr<const intents::Vocabulary> vocabulary = intents::Vocabulary::load(kData + "/entities.json");
  intents::Normalizer normalize{vocabulary, nullptr};
  intents::EntityExtractor extractor{vocabulary};
  std::shared_ptr<const intents::Matcher> matcher = intents::Matcher::load(kData + "/intents.json");
  intents::Focus read(std::string_view text) { return intents::read_question(text, normalize, extractor, *matcher); }
};

std::vector<std::string> texts(const std::vector<intents::Sentence>& sentences) {
  std::vector<std::string> out;
  for (const auto& sentence : sentences) out.emplace_back(sentence.text);
  return out;
}

}  // namespace

TEST_CASE("sentences end at . ? ! and the danda, not inside numbers or abbreviations", "[focus]") {
  using V = std::vector<std::string>;
  CHECK(texts(intents::split_sentences("Hi! What is MLOps?")) == V{"Hi!", "What is MLOps?"});
  CHECK(texts(intents::split_sentences("I have 3.5 yrs. MLOps vs. DevOps, e.g. pay?")) ==
        V{"I have 3.5 yrs.", "MLOps vs. DevOps, e.g. pay?"});
  CHECK(texts(intents::split_sentences("Like... I am new here?! thanks")) == V{"Like...", "I am new here?!", "thanks"});
  CHECK(texts(intents::split_sentences("first line\nsecond line")) == V{"first line", "second line"});
  CHECK(texts(intents::split_sentences("IaaS क्या है? (What is IaaS?)")) == V{"IaaS क्या है?", "(What is IaaS?)"});
  CHECK(texts(intents::split_sentences("DevOps क्या है?(in Hindi)")) == V{"DevOps क्या है?", "(in Hindi)"});
  CHECK(texts(intents::split_sentences("मुझे बताइए। सैलरी कितनी है")) == V{"मुझे बताइए।", "सैलरी कितनी है"});
  CHECK(texts(intents::split_sentences("the U.S. market")) == V{"the U.S. market"});
  CHECK(texts(intents::split_sentences("a B.E. degree. Enough?")) == V{"a B.E. degree.", "Enough?"});
  CHECK(texts(intents::split_sentences("mlops salary")) == V{"mlops salary"});
  CHECK(intents::split_sentences("").empty());
  CHECK(intents::split_sentences(" ?!... ").empty());
  const auto marked = intents::split_sentences("I work in Pune. Is MLOps a good career?");
  REQUIRE(marked.size() == 2);
  CHECK_FALSE(marked[0].question_mark);
  CHECK(marked[1].question_mark);
}

TEST_CASE("one sentence is read whole, as before", "[focus]") {
  Reader r;
  const auto focus = r.read("What does an MLOps engineer with 3 years earn in Pune");
  CHECK(focus.normalized == r.normalize("What does an MLOps engineer with 3 years earn in Pune"));
  CHECK(focus.classification.intent == "salary.estimate");
  CHECK(focus.entities.experience_years == 3);
  CHECK(focus.other_questions.empty());
}

TEST_CASE("a long post is answered by its question, the context describes the asker", "[focus]") {
  Reader r;
  SECTION("the question decides, not the context around it") {
    const auto focus = r.read(
        "I'm in 3rd year of B.Tech in Pune. Stumbled on MLOps last week and it looks interesting. "
        "What skills do I need?");
    CHECK(focus.classification.intent == "role.skills");
    CHECK(focus.entities.city == "pune");
  }
  SECTION("pay words in the context do not make a salary question") {
    const auto focus = r.read("I earn 12 LPA as a DevOps engineer with 5 years. What does an MLOps engineer do?");
    CHECK(focus.classification.intent == "role.responsibilities");
    CHECK(focus.normalized == "what does an mlops engineer do");
  }
  SECTION("experience and city come from the context") {
    const auto focus = r.read("I have 3 years of experience and live in Bangalore. What salary can I expect in MLOps?");
    CHECK(focus.classification.intent == "salary.estimate");
    CHECK(focus.entities.experience_years == 3);
    CHECK(focus.entities.city == "bengaluru");
  }
  SECTION("a question with no subject of its own is about what the post names") {
    CHECK(r.read("Who is a machine learning engineer? Moreover, what do they do?").classification.intent ==
          "out_of_scope");
    CHECK(r.read("My startup offered me ESOPs. What should I be aware of?").classification.intent == "out_of_scope");
    const auto focus = r.read("Stumbled upon the term MLOps. What is the skillset required for this?");
    CHECK(focus.classification.intent == "role.skills");
    CHECK(focus.entities.role == std::vector<std::string>{"mlops_engineer"});
  }
  SECTION("a comparison of kinds of company asked about the post's offers") {
    const auto focus = r.read(
        "I got two offers for MLOps roles, one from an MNC and one from a startup. Which usually pays better?");
    CHECK(focus.classification.intent == "salary.factors");
    CHECK(focus.entities.company_type == "mnc");
  }
  SECTION("Hinglish question words mark the question") {
    const auto focus = r.read("Main 5 saal se DevOps mein hoon. MLOps mein kitni salary milegi?");
    CHECK(focus.classification.intent == "salary.estimate");
    CHECK(focus.entities.experience_years == 5);
  }
}

TEST_CASE("the main question is the last one understood, the others are offered", "[focus]") {
  Reader r;
  const auto focus = r.read("What is MLOps? And how much do MLOps engineers earn? Thanks!");
  CHECK(focus.classification.intent == "salary.estimate");
  CHECK(focus.other_questions == std::vector<std::string>{"What is MLOps?"});

  // A question that leans on a claim made before it: the whole post is read.
  const auto claim = r.read("My friend says MLOps pays well. Is that true for freshers?");
  CHECK(claim.classification.intent == "salary.estimate");
  CHECK(claim.entities.experience_years == 0);
  // The asker's own role is context: with MLOps named, the question is about MLOps pay.
  CHECK(r.read("I'm a Java developer with 6 years. I want to move into MLOps. What would my salary be?")
            .classification.intent == "salary.estimate");

  const auto fallback = r.read("What skills do I need for MLOps? Any suggestions?");
  CHECK(fallback.classification.intent == "role.skills");
  CHECK(fallback.other_questions.empty());

  // A question that names no subject is no suggestion: tapped alone it would mean nothing.
  const auto pronoun = r.read("Stumbled upon MLOps. What is this about? What skills does it need?");
  CHECK(pronoun.other_questions.empty());
}

TEST_CASE("statements only, and hostile posts", "[focus]") {
  Reader r;
  const auto statements = r.read("I work in Pune. I like MLOps salary discussions.");
  CHECK(statements.normalized == "i work in pune i like mlops salary discussions");
  CHECK(statements.classification.intent == "salary.estimate");
  CHECK(r.read("?!?! ... ??").normalized.empty());
  std::string huge;
  for (int i = 0; i < 2000; ++i) huge += "Why? ";
  const auto focus = r.read(huge);
  CHECK(focus.normalized.size() <= intents::Normalizer::kMaxInputBytes);
}
