// The seed document read as plain text, and the facts read out of the shipped document: every figure must equal the text.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "bot/knowledge_labeler.hpp"
#include "intents/entities.hpp"
#include "intents/normalize.hpp"
#include "intents/vocabulary.hpp"
#include "knowledge/facts.hpp"
#include "knowledge/fts_query.hpp"
#include "knowledge/document_reader.hpp"

namespace {

const std::string kSource = MLOPS_BOT_SOURCE_DIR;

std::string shipped_document() {
  std::ifstream in(kSource + "/knowledge/corpus/mlops-engineer-salary-india.txt");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Labels {
  std::shared_ptr<const intents::Vocabulary> vocabulary = intents::Vocabulary::load(kSource + "/intents/data/entities.json");
  intents::EntityExtractor extractor{vocabulary};
  intents::Normalizer normalizer{vocabulary, nullptr};
  bot::KnowledgeLabeler labeler{normalizer, extractor};
};

const knowledge::Passage* find_passage(const knowledge::Document& document, std::string_view text) {
  for (const auto& passage : document.passages)
    if (passage.text.find(text) != std::string::npos) return &passage;
  return nullptr;
}

}  // namespace

TEST_CASE("ingestion finds sections, groups, items and table rows", "[ingest]") {
  const auto document = knowledge::read_document("mlops-engineer-salary-india", shipped_document(), knowledge::DocumentFormat::text);
  CHECK(document.title == "MLops Engineer Salary in India");

  const auto* introduction = find_passage(document, "MLOps (Machine Learning Operations) is a set of practices");
  REQUIRE(introduction);
  CHECK(introduction->section == "Introduction to MLOps");
  CHECK(introduction->kind == knowledge::PassageKind::paragraph);

  const auto* dvc = find_passage(document, "DVC (Data Version Control)");
  REQUIRE(dvc);
  CHECK(dvc->section == "MLOps Tools and Technologies");
  CHECK(dvc->group == "Version Control & Experiment Tracking");
  CHECK(dvc->kind == knowledge::PassageKind::item);

  const auto* row = find_passage(document, "Data Scientist | ₹8–20 LPA");
  REQUIRE(row);
  CHECK(row->kind == knowledge::PassageKind::table_row);
  CHECK(row->section == "Comparative Salary Analysis: MLOps vs. Other Tech Roles");

  const auto* salary = find_passage(document, "Salary: ₹40 LPA – ₹60+ LPA");
  REQUIRE(salary);
  CHECK(salary->group == "Lead/Architect-Level (10+ years)");
}

TEST_CASE("ingestion splits sentences run together and drops repeated lines", "[ingest]") {
  const auto document = knowledge::read_document("doc", shipped_document(), knowledge::DocumentFormat::text);
  CHECK(find_passage(document, "salary levels.Automating") == nullptr);
  REQUIRE(find_passage(document, "Automating data ingestion, preprocessing, and model training"));
  int mnc_lines = 0, entry_salary_lines = 0;
  for (const auto& passage : document.passages) {
    mnc_lines += passage.text == "MNCs and Big Tech offer higher packages." ? 1 : 0;
    entry_salary_lines += passage.text == "Salary: ₹6 LPA – ₹10 LPA" ? 1 : 0;
  }
  CHECK(mnc_lines == 1);
  CHECK(entry_salary_lines == 1);
  // The same title may open two sections: both keep their passages.
  CHECK(find_passage(document, "Experience and expertise in handling production-grade ML systems")->section ==
        "Factors Influencing MLOps Engineer Salaries in India");
}

TEST_CASE("ingestion of odd input never fails", "[ingest]") {
  CHECK(knowledge::read_document("empty", "", knowledge::DocumentFormat::text).passages.empty());
  CHECK(knowledge::read_document("blank", "\n\n   \n", knowledge::DocumentFormat::text).passages.empty());
  const auto markdown = knowledge::read_document("md", "# Title\n\n## Pay\n- Junior: ₹5–8 LPA\n", knowledge::DocumentFormat::text);
  REQUIRE(markdown.passages.size() == 1);
  CHECK(markdown.passages[0].section == "Pay");
  CHECK(markdown.passages[0].kind == knowledge::PassageKind::item);
}

namespace {

knowledge::Facts seed_facts(const Labels& labels, const knowledge::Document& document) {
  const knowledge::RoleLexicon lexicon = bot::role_lexicon(*labels.vocabulary);
  return knowledge::extract_facts(document.passages, {{document.id, document.title}}, labels.labeler, lexicon);
}

}  // namespace

TEST_CASE("the facts extracted from the shipped document equal its figures", "[facts]") {
  Labels labels;
  const auto document = knowledge::read_document("mlops-engineer-salary-india", shipped_document(), knowledge::DocumentFormat::text);
  const auto facts = seed_facts(labels, document);
  CHECK(facts.document_roles.at("mlops-engineer-salary-india") == "mlops_engineer");

  struct Band { const char* level; double from; std::optional<double> to; double min, max; bool open; };
  const Band expected_bands[] = {{"entry", 0, 2, 6, 10, false}, {"mid", 2, 5, 10, 20, false},
                                 {"senior", 5, std::nullopt, 20, 40, true}, {"lead", 10, std::nullopt, 40, 60, true}};
  std::vector<const knowledge::SalaryFigure*> bands;
  const knowledge::SalaryFigure* overall = nullptr;
  for (const auto* figure : facts.salaries_of("mlops_engineer")) {
    if (figure->overall) overall = figure;
    else bands.push_back(figure);
  }
  REQUIRE(bands.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    INFO(expected_bands[i].level);
    const auto& band = *bands[i];
    CHECK(band.level == expected_bands[i].level);
    CHECK(band.years_from == expected_bands[i].from);
    CHECK(band.years_to == expected_bands[i].to);
    CHECK(band.min == expected_bands[i].min);
    CHECK(band.max == expected_bands[i].max);
    CHECK(band.currency == "INR");
  }
  // The document states the senior band twice, once as "₹20–40+": one fact, open-ended.
  CHECK(bands[2]->open_ended);
  CHECK(bands[3]->open_ended);
  REQUIRE(overall);
  CHECK(overall->min == 10);
  CHECK(overall->max == 25);

  const auto duties = std::find_if(facts.duties.begin(), facts.duties.end(), [](const auto& d) { return d.level == "entry"; });
  REQUIRE(duties != facts.duties.end());
  CHECK(duties->items == std::vector<std::string>{"assisting in pipelines", "basic deployments", "documentation"});

  // The comparison table's rows: each role's figure across levels, from the row that names it.
  struct Role { const char* role; double min, max; };
  const Role expected_roles[] = {{"data_scientist", 8, 20}, {"devops_engineer", 6, 18}, {"ml_engineer", 8, 22},
                                 {"cloud_engineer", 6, 16}};
  for (const auto& expected : expected_roles) {
    INFO(expected.role);
    const auto figures = facts.salaries_of(expected.role);
    REQUIRE(figures.size() == 1);
    CHECK(figures[0]->overall);
    CHECK(figures[0]->min == expected.min);
    CHECK(figures[0]->max == expected.max);
  }
  REQUIRE(facts.role("ml_engineer"));
  CHECK(facts.role("ml_engineer")->label == "Machine Learning Engineer");

  REQUIRE(facts.percentage("yearly_growth"));
  CHECK(facts.percentage("yearly_growth")->low == 20);
  CHECK(facts.percentage("yearly_growth")->high == 30);
  REQUIRE(facts.percentage("certification_hike"));
  CHECK(facts.percentage("certification_hike")->low == 15);
  CHECK(facts.percentage("certification_hike")->high == 25);

  const std::vector<std::pair<std::string, std::vector<std::string>>> expected_tools = {
      {"version_control", {"Git", "GitHub", "GitLab", "MLflow", "DVC"}},
      {"orchestration", {"Apache Airflow", "Kubeflow Pipelines", "Prefect", "Luigi"}},
      {"serving", {"TensorFlow Serving", "TorchServe", "BentoML", "Seldon Core"}},
      {"cicd", {"Jenkins", "GitHub Actions", "GitLab CI/CD", "Argo CD"}},
      {"cloud", {"AWS SageMaker", "Azure Machine Learning", "Google Vertex AI"}},
      {"containers", {"Docker", "Kubernetes", "Helm"}}};
  std::vector<const knowledge::ToolGroup*> catalogue;
  for (const auto& group : facts.tools)
    if (!group.from_prose) catalogue.push_back(&group);
  REQUIRE(catalogue.size() == expected_tools.size());
  for (std::size_t i = 0; i < expected_tools.size(); ++i) {
    CHECK(catalogue[i]->category == expected_tools[i].first);
    CHECK(catalogue[i]->tools == expected_tools[i].second);
    CHECK(catalogue[i]->role == "mlops_engineer");
  }

  // Lists by vocabulary: cities, industries, company types, certifications, skills.
  CHECK_FALSE(facts.passages_of(facts.mentions, "city:bengaluru").empty());
  CHECK_FALSE(facts.passages_of(facts.mentions, "city:hyderabad").empty());
  CHECK(facts.passages_of(facts.mentions, "city:mumbai").empty());
  CHECK_FALSE(facts.passages_of(facts.mentions, "industry:fintech").empty());
  CHECK_FALSE(facts.passages_of(facts.mentions, "company_type:mnc").empty());
  CHECK_FALSE(facts.passages_of(facts.mentions, "certification:aws_ml").empty());
  CHECK_FALSE(facts.passages_of(facts.mentions, "certification:cka").empty());
  CHECK_FALSE(facts.passages_of(facts.factor_passages, "location").empty());
  CHECK(facts.passages_of(facts.section_passages, "skills").size() >= 9);
  CHECK_FALSE(facts.passages_of(facts.definitions, "iaas").empty());
  CHECK_FALSE(facts.passages_of(facts.definitions, "dvc").empty());
}

TEST_CASE("labelling a text by several kinds at once gives each kind's labels", "[facts]") {
  // The index labels each passage by all its kinds in one call (the text normalised once):
  // the labels must be those of one call a kind, in the order of the kinds.
  Labels labels;
  const std::string_view kinds[] = {"city", "role", "level", "unknown kind", "pay_words", "city"};
  for (const std::string_view text : {"Senior MLOps engineers in Bengaluru and Pune earn ₹20–40 LPA.",
                                      "A data scientist's salary at a startup in Hyderabad", "", "नमस्ते 3yrs exp"}) {
    INFO(text);
    const auto together = labels.labeler.labels_of_kinds(kinds, text);
    REQUIRE(together.size() == std::size(kinds));
    for (std::size_t k = 0; k < std::size(kinds); ++k) CHECK(together[k] == labels.labeler.labels(kinds[k], text));
  }
  const auto found = labels.labeler.labels_of_kinds(kinds, "Senior MLOps engineers in Bengaluru and Pune");
  CHECK(found[0] == std::vector<std::string>{"bengaluru", "pune"});
  CHECK(found[1] == std::vector<std::string>{"mlops_engineer"});
  CHECK(found[2] == std::vector<std::string>{"senior"});
  CHECK(found[3].empty());
}

TEST_CASE("facts survive their JSON form", "[facts]") {
  Labels labels;
  const auto document = knowledge::read_document("doc", shipped_document(), knowledge::DocumentFormat::text);
  const auto facts = seed_facts(labels, document);
  const auto again = knowledge::facts_from_json(knowledge::to_json(facts));
  CHECK(knowledge::to_json(again) == knowledge::to_json(facts));
}

TEST_CASE("every user text becomes a safe FTS5 query", "[fts]") {
  knowledge::QueryVocabulary vocabulary;
  vocabulary.stopwords = {"what", "is", "the"};
  vocabulary.synonyms = {{"pay", {"salary"}}};
  const auto query = knowledge::build_fts_query("what is the pay", vocabulary);
  CHECK(query.match == "\"pay\" OR \"salary\"");
  CHECK(query.groups == "0,0");
  CHECK(query.group_count == 1);

  const char* hostile[] = {"\" OR 1=1 --", "NEAR(a b)", "a* AND NOT b", "col:value", "(((", "'; DROP TABLE passages; --",
                           "\"\"\"", "-", "AND OR NOT NEAR"};
  for (const char* text : hostile) {
    INFO(text);
    const auto built = knowledge::build_fts_query(text, vocabulary);
    // Only quoted words joined by OR: no operator, column filter or unbalanced quote survives.
    CHECK(built.match.find('*') == std::string::npos);
    CHECK(built.match.find(':') == std::string::npos);
    CHECK(built.match.find('(') == std::string::npos);
    CHECK(std::count(built.match.begin(), built.match.end(), '"') % 2 == 0);
  }
  // A frequent word (a large corpus's "options"): only the passages holding another word are
  // ranked, over all the words as before; with only frequent words, those holding the rarest.
  vocabulary.frequent = {{"options", 40000}, {"provide", 5000}};
  const auto restricted = knowledge::build_fts_query("what is the storage options iaas provide", vocabulary);
  CHECK(restricted.match == "(\"storage\" OR \"iaas\") AND (\"storage\" OR \"options\" OR \"iaas\" OR \"provide\")");
  CHECK(restricted.groups == "0,2,0,1,2,3");
  CHECK(restricted.group_count == 4);
  const auto only_frequent = knowledge::build_fts_query("options provide pay", vocabulary);
  CHECK(only_frequent.match == "(\"pay\" OR \"salary\") AND (\"options\" OR \"provide\" OR \"pay\" OR \"salary\")");
  const auto all_frequent = knowledge::build_fts_query("options provide", vocabulary);
  CHECK(all_frequent.match == "(\"provide\") AND (\"options\" OR \"provide\")");
  CHECK(all_frequent.groups == "1,0,1");
  vocabulary.frequent.clear();
  CHECK(knowledge::build_fts_query("", vocabulary).match.empty());
  CHECK(knowledge::build_fts_query("what is the", vocabulary).match.empty());
  const std::string long_word(10000, 'a');
  CHECK(knowledge::build_fts_query(long_word, vocabulary).match.size() <= knowledge::kMaxTermBytes + 2);
}
