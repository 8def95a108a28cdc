// Salary figures, roles and tools in the layouts documents use: tables of any orientation, label
// lines, prose with lakh, rupee and crore amounts, other currencies. Every figure is tied to
// what its row, column, label or sentence states, and to the role it was stated for.
#include <catch2/catch.hpp>

#include <algorithm>

#include "bot/knowledge_labeler.hpp"
#include "intents/entities.hpp"
#include "intents/normalize.hpp"
#include "intents/vocabulary.hpp"
#include "knowledge/facts.hpp"
#include "knowledge/document_reader.hpp"

namespace {

const std::string kSource = MLOPS_BOT_SOURCE_DIR;

struct Reader {
  std::shared_ptr<const intents::Vocabulary> vocabulary = intents::Vocabulary::load(kSource + "/intents/data/entities.json");
  intents::EntityExtractor extractor{vocabulary};
  intents::Normalizer normalizer{vocabulary, nullptr};
  bot::KnowledgeLabeler labeler{normalizer, extractor};
  knowledge::RoleLexicon lexicon = bot::role_lexicon(*vocabulary);

  knowledge::Facts facts_of(const std::vector<knowledge::Document>& documents) const {
    std::vector<knowledge::Passage> passages;
    std::map<std::string, std::string> titles;
    for (const auto& document : documents) {
      titles[document.id] = document.title;
      for (auto passage : document.passages) {
        passage.id = static_cast<int>(passages.size());
        passages.push_back(std::move(passage));
      }
    }
    return knowledge::extract_facts(passages, titles, labeler, lexicon);
  }
};

// The figure of `role` whose every stated attribute equals the given one (empty: not stated).
const knowledge::SalaryFigure* figure(const knowledge::Facts& facts, const std::string& role, double min, double max) {
  for (const auto* each : facts.salaries_of(role))
    if (each->min == Approx(min) && each->max == Approx(max)) return each;
  return nullptr;
}

knowledge::Passage row(const std::string& doc, std::vector<std::string> cells, std::vector<std::string> header,
                       std::string caption) {
  knowledge::Passage passage;
  passage.doc = doc;
  passage.section = "Pay";
  passage.kind = knowledge::PassageKind::table_row;
  for (const auto& cell : cells) passage.text += (passage.text.empty() ? "" : " | ") + cell;
  passage.cells = std::move(cells);
  passage.header = std::move(header);
  passage.caption = std::move(caption);
  return passage;
}

}  // namespace

TEST_CASE("prose figures in lakh, rupees and crore, by experience and by employer", "[facts][layouts]") {
  const Reader reader;
  const auto document = knowledge::read_document("cyber", R"(Cybersecurity Analyst Salary in India

How pay grows with experience

Freshers usually start between 4 and 7 lakh a year, and that range holds for most people through their first two years. With three to six years of experience, most analysts earn 10–18 LPA. Senior analysts with seven to ten years typically take home between ₹18,00,000 and ₹30,00,000 per annum. After ten years the title usually becomes security architect, and packages of ₹30 lakh to ₹55 lakh are common. At the very top, heads of cybersecurity at the largest companies have been hired at ₹2 crore to ₹4 crore a year.

Company type makes a big difference

IT services companies such as TCS hire SOC analysts in large batches. They are the lowest payers: analysts there generally earn 3.5 to 14 LPA. Funded startups typically offer 8 to 20 LPA, often with ESOPs on top. India has roughly 4.16 lakh security professionals.
)", knowledge::DocumentFormat::text);
  const auto facts = reader.facts_of({document});
  REQUIRE(facts.role("cybersecurity_analyst"));
  CHECK(facts.document_roles.at("cyber") == "cybersecurity_analyst");

  const auto* fresher = figure(facts, "cybersecurity_analyst", 4, 7);
  REQUIRE(fresher);
  CHECK(fresher->level == "entry");
  CHECK(fresher->years_from == 0);
  CHECK(fresher->years_to == 2);
  const auto* mid = figure(facts, "cybersecurity_analyst", 10, 18);
  REQUIRE(mid);
  CHECK(mid->years_from == 3);
  CHECK(mid->years_to == 6);
  CHECK(mid->level == "mid");
  const auto* senior = figure(facts, "cybersecurity_analyst", 18, 30);
  REQUIRE(senior);
  CHECK(senior->level == "senior");
  const auto* architect = figure(facts, "cybersecurity_analyst", 30, 55);
  REQUIRE(architect);
  CHECK(architect->years_from == 10);
  CHECK_FALSE(architect->years_to);
  const auto* heads = figure(facts, "cybersecurity_analyst", 200, 400);
  REQUIRE(heads);
  CHECK(heads->level == "lead");
  const auto* services = figure(facts, "cybersecurity_analyst", 3.5, 14);
  REQUIRE(services);
  CHECK(services->company_type == "it_services");  // from the sentence the figure leans on
  const auto* startups = figure(facts, "cybersecurity_analyst", 8, 20);
  REQUIRE(startups);
  CHECK(startups->company_type == "startup");
  // A count in lakh is no pay.
  CHECK_FALSE(figure(facts, "cybersecurity_analyst", 4.16, 4.16));
  // A title in running text that shares the document's subject names the same role.
  const auto& aliases = facts.role("cybersecurity_analyst")->aliases;
  CHECK(std::find(aliases.begin(), aliases.end(), "soc analyst") != aliases.end());
  CHECK(std::find(aliases.begin(), aliases.end(), "security architect") != aliases.end());
}

TEST_CASE("label lines, and another role's bands in a list under a heading", "[facts][layouts]") {
  const Reader reader;
  const auto document = knowledge::read_document("ba", R"(# Business Analyst Salary in India

## Salary at a glance

Entry level (0–2 yrs): ₹5–8 LPA. Associate BAs document requirements.

Senior (6–9 yrs): ₹15–24 LPA. Leads analysis on large programmes.

## Business Analyst vs Data Analyst

Data analysts usually start a little below business analysts.

## Business Analyst vs Product Manager

- Associate Product Manager (0–2 yrs): ₹8–15 LPA
- Product Manager (2–5 yrs): ₹15–30 LPA
)", knowledge::DocumentFormat::markdown);
  const auto facts = reader.facts_of({document});
  const auto* entry = figure(facts, "business_analyst", 5, 8);
  REQUIRE(entry);
  CHECK(entry->level == "entry");
  CHECK(entry->label == "Entry level (0–2 yrs)");
  REQUIRE(figure(facts, "business_analyst", 15, 24));
  CHECK(figure(facts, "business_analyst", 15, 24)->level == "senior");
  const auto* pm = figure(facts, "product_manager", 15, 30);
  REQUIRE(pm);
  CHECK(pm->years_from == 2);
  CHECK(pm->level == "mid");
  CHECK_FALSE(figure(facts, "business_analyst", 15, 30));
  // Named in a heading, but with no figures: a role of its own that has none.
  REQUIRE(facts.role("data_analyst"));
  CHECK(facts.salaries_of("data_analyst").empty());
  // What the level does, from the sentences after its figure.
  const auto duties = std::find_if(facts.duties.begin(), facts.duties.end(),
                                   [](const auto& each) { return each.role == "business_analyst" && each.level == "senior"; });
  REQUIRE(duties != facts.duties.end());
  CHECK(duties->items.front() == "Leads analysis on large programmes.");
}

TEST_CASE("tables: experience by city with the unit in the caption, and roles by level", "[facts][layouts]") {
  const Reader reader;
  knowledge::Document cloud;
  cloud.id = "cloud";
  cloud.title = "Cloud Engineer Salary in India";
  const std::vector<std::string> header{"Experience", "Bengaluru", "Pune"};
  const std::string caption = "Cloud engineer salary, ₹ lakh per annum (LPA)";
  cloud.passages.push_back(row("cloud", {"0–2 years (associate)", "6–12", "4.5–9"}, header, caption));
  cloud.passages.push_back(row("cloud", {"8+ years (lead / architect)", "40–70", "32–52"}, header, caption));
  knowledge::Document survey;
  survey.id = "survey";
  survey.title = "Tech Salaries Survey";
  const std::vector<std::string> by_level{"Role", "Entry", "Senior"};
  survey.passages.push_back(row("survey", {"Data Engineer", "₹5–9 LPA", "₹20–32 LPA"}, by_level, ""));
  survey.passages.push_back(row("survey", {"Site Reliability Engineer", "$90,000", "$150,000"}, by_level, ""));
  const auto facts = reader.facts_of({cloud, survey});

  const auto* pune = figure(facts, "cloud_engineer", 4.5, 9);
  REQUIRE(pune);
  CHECK(pune->city == "pune");
  CHECK(pune->level == "entry");
  CHECK(pune->years_to == 2);
  const auto* lead = figure(facts, "cloud_engineer", 40, 70);
  REQUIRE(lead);
  CHECK(lead->city == "bengaluru");
  CHECK(lead->level == "lead");

  const auto* data_senior = figure(facts, "data_engineer", 20, 32);
  REQUIRE(data_senior);
  CHECK(data_senior->level == "senior");
  CHECK(data_senior->label.find("Data Engineer") != std::string::npos);
  // Another currency keeps its unit: never read as lakh.
  const auto* sre = figure(facts, "site_reliability_engineer", 150000, 150000);
  REQUIRE(sre);
  CHECK(sre->currency == "USD");
  CHECK(sre->level == "senior");
  CHECK(facts.salaries_of("cloud_engineer").size() == 4);
}

TEST_CASE("tools from catalogues with labels and from sentences of the work", "[facts][layouts]") {
  const Reader reader;
  const auto document = knowledge::read_document("soc", R"(# SOC Analyst Salary in India

## What the work looks like

Analysts triage alerts in Splunk, Microsoft Sentinel or IBM QRadar, and examine machines through tools such as CrowdStrike Falcon and SentinelOne. Hiring is strong in Bengaluru, Hyderabad and Pune.

## Tools

- Infrastructure as code: Terraform, Pulumi, AWS CloudFormation
- CI/CD: Jenkins, GitHub Actions
)", knowledge::DocumentFormat::markdown);
  const auto facts = reader.facts_of({document});
  std::vector<std::string> prose, infrastructure;
  for (const auto& group : facts.tools) {
    if (group.from_prose) prose.insert(prose.end(), group.tools.begin(), group.tools.end());
    if (group.label == "Infrastructure as code") infrastructure = group.tools;
    if (group.label == "CI/CD") CHECK(group.category == "cicd");
    CHECK(group.role == "soc_analyst");
  }
  CHECK(infrastructure == std::vector<std::string>{"Terraform", "Pulumi", "AWS CloudFormation"});
  for (const char* tool : {"Splunk", "Microsoft Sentinel", "IBM QRadar", "CrowdStrike Falcon", "SentinelOne"})
    CHECK(std::find(prose.begin(), prose.end(), tool) != prose.end());
  CHECK(std::find(prose.begin(), prose.end(), "Pune") == prose.end());
}

TEST_CASE("an acronym beside its expansion is defined wherever it stands", "[facts][layouts]") {
  const Reader reader;
  const auto document = knowledge::read_document("siem", R"(# Security Careers

An analyst's day revolves around a SIEM (security information and event management) platform, which gathers logs.
Global capability centres (GCCs), the in-house technology hubs of multinationals, pay well.
)", knowledge::DocumentFormat::markdown);
  const auto facts = reader.facts_of({document});
  CHECK_FALSE(facts.passages_of(facts.definitions, "siem").empty());
  CHECK_FALSE(facts.passages_of(facts.definitions, "gcc").empty());
}

TEST_CASE("the label after each figure, a list run together with bars, a monthly column", "[facts][layouts]") {
  const Reader reader;
  const auto prose = knowledge::read_document("swe", R"(# Software Engineer Salary in India

## Pay by level

Software engineers in India earn INR 4-6 lakhs per year for entry-level positions, INR 6-10 lakhs per year for mid-level positions, and INR 10-20 lakhs per year for senior-level positions.

## At a glance

- Fresher salary: ₹4–6 LPA | Mid-level: ₹10–16 LPA | US average: $95,000/year
)", knowledge::DocumentFormat::markdown);
  knowledge::Document devops;
  devops.id = "devops";
  devops.title = "DevOps Engineer Salary in India";
  const std::vector<std::string> header{"Level", "Experience", "Annual CTC", "Monthly In-Hand*"};
  devops.passages.push_back(row("devops", {"Entry", "0-1 years", "₹5.5 LPA", "₹38,473"}, header, ""));
  const auto facts = reader.facts_of({prose, devops});

  // "INR 6-10 lakhs per year for mid-level positions": the words after a figure name its level.
  const auto* mid = figure(facts, "software_engineer", 6, 10);
  REQUIRE(mid);
  CHECK(mid->level == "mid");
  const auto* senior = figure(facts, "software_engineer", 10, 20);
  REQUIRE(senior);
  CHECK(senior->level == "senior");
  // Each part between bars is its own label: the dollars are no fresher's pay.
  const auto* fresher = figure(facts, "software_engineer", 4, 6);
  REQUIRE(fresher);
  CHECK(fresher->level == "entry");
  const auto* us = figure(facts, "software_engineer", 95000, 95000);
  REQUIRE(us);
  CHECK(us->currency == "USD");
  CHECK(us->level.empty());
  CHECK(us->label.find("Fresher") == std::string::npos);
  // A monthly column is not read as yearly pay.
  CHECK(figure(facts, "devops_engineer", 5.5, 5.5));
  CHECK(facts.salaries_of("devops_engineer").size() == 1);
}

TEST_CASE("a level in a column's header beats a word of the row's label", "[facts][layouts]") {
  const Reader reader;
  knowledge::Document data;
  data.id = "data";
  data.title = "Data Engineer Salary in India";
  const std::vector<std::string> header{"Company Type", "Junior (0–3 yrs)", "Senior (4–7 yrs)"};
  data.passages.push_back(row("data", {"Mid-size Startups (Series A–C)", "₹10–18L", "₹20–35L"}, header, ""));
  data.passages.push_back(row("data", {"Tier-1 Indian Product (Flipkart, Swiggy)", "₹18–30L", "₹60–1 Cr"}, header, ""));
  const auto facts = reader.facts_of({data});
  const auto* junior = figure(facts, "data_engineer", 10, 18);
  REQUIRE(junior);
  CHECK(junior->level == "entry");
  CHECK(junior->company_type == "startup");
  const auto* senior = figure(facts, "data_engineer", 60, 100);
  REQUIRE(senior);
  CHECK(senior->level == "senior");
  CHECK(senior->company_type == "product");
}

TEST_CASE("tools in a skills list's brackets and in a table's skills column", "[facts][layouts]") {
  const Reader reader;
  const auto devops = knowledge::read_document("devops", R"(# DevOps Engineer Salary in India

## Key Skills Required

- ✓Linux/Unix
- ✓CI/CD (Jenkins, GitLab)
- ✓Terraform/Ansible
)", knowledge::DocumentFormat::markdown);
  knowledge::Document data;
  data.id = "data";
  data.title = "Data Engineer Salary in India";
  data.passages.push_back(row("data", {"Data Engineer", "Pipelines", "Python, Spark, Kafka, Airflow, SQL"},
                              {"Role", "Primary Output", "Core Skills"}, ""));
  const auto facts = reader.facts_of({devops, data});
  auto tools_of = [&](const std::string& role, const std::string& label) -> std::vector<std::string> {
    for (const auto& group : facts.tools)
      if (group.role == role && group.label == label) return group.tools;
    return {};
  };
  CHECK(tools_of("devops_engineer", "CI/CD") == std::vector<std::string>{"Jenkins", "GitLab"});
  CHECK(tools_of("data_engineer", "Core Skills") == std::vector<std::string>{"Python", "Spark", "Kafka", "Airflow", "SQL"});
}

TEST_CASE("a numbered title names the figure its 'Experience: N years' line gives", "[facts][layouts]") {
  const Reader reader;
  const auto document = knowledge::read_document("pm", R"(Product Manager Salary in India

Common Roles and Their Salaries

4. Lead Product Manager

Experience: 8-12 years Salary Range: ?4,000,000 to ?8,000,000 per annum

5. Director of Product Management

Experience: 12 years Salary Range: ?7,000,000 to ?15,000,000 per annum
)", knowledge::DocumentFormat::text);
  const auto facts = reader.facts_of({document});
  const auto* director = figure(facts, "product_manager", 70, 150);
  REQUIRE(director);
  CHECK(director->label.find("Director of Product Management") != std::string::npos);
  CHECK(director->years_from == 12);
}

TEST_CASE("a row's average and monthly columns are notes on its band, not bands of their own", "[facts][layouts]") {
  const Reader reader;
  knowledge::Document network;
  network.id = "network";
  network.title = "Network Engineer Pay in India";
  const std::vector<std::string> header{"Grade", "Pay Band", "Median Package", "Take-home per month"};
  network.passages.push_back(
      row("network", {"Associate (1–3 yrs)", "₹7 LPA - ₹11 LPA", "₹9 LPA", "₹62,300"}, header, ""));
  // A column that states a level of its own keeps its figure, even inside the row's range.
  const std::vector<std::string> by_city{"City", "Range", "Senior (6+ yrs)"};
  network.passages.push_back(row("network", {"Pune", "₹10–25 LPA", "₹18 LPA"}, by_city, ""));
  const auto facts = reader.facts_of({network});

  const auto* band = figure(facts, "network_engineer", 7, 11);
  REQUIRE(band);
  CHECK(band->level == "entry");
  CHECK(band->notes.find("Median Package: ₹9 LPA") != std::string::npos);
  CHECK(band->notes.find("Take-home per month: ₹62,300") != std::string::npos);
  CHECK_FALSE(figure(facts, "network_engineer", 9, 9));
  const auto* senior = figure(facts, "network_engineer", 18, 18);
  REQUIRE(senior);
  CHECK(senior->level == "senior");
  // The notes survive the knowledge base's round trip.
  const auto again = knowledge::facts_from_json(knowledge::to_json(facts));
  CHECK(figure(again, "network_engineer", 7, 11)->notes == band->notes);
}

TEST_CASE("a FAQ heading that asks how a factor bears on pay files its answer under that factor", "[facts][layouts]") {
  const Reader reader;
  const auto document = knowledge::read_document("net", R"(# Network Engineer Pay in India

## Questions people ask

### Does the city change a network engineer's salary?

Yes: Chennai and Kochi pay network engineers above the national median.

### What certifications exist?

Vendor courses are common.
)", knowledge::DocumentFormat::markdown);
  const auto facts = reader.facts_of({document});
  const auto& location = facts.passages_of(facts.factor_passages, "location");
  REQUIRE(location.size() == 1);
  // The answer under the question, not the other question's.
  CHECK(document.passages.at(static_cast<std::size_t>(location.front())).text.starts_with("Yes: Chennai"));
}

TEST_CASE("a hyphenated adjective before a title is no part of the role's name", "[facts][layouts][roles]") {
  const Reader reader;
  const auto document = knowledge::read_document("qa", R"(# How to Become a QA Engineer

## End-to-End QA Engineer Roadmap

### Stage 1 — Basics

| Topic | What to Learn |
|---|---|
| Selenium | Locators, waits |

## Site-Reliability Engineer pay

- Entry level (0–2 yrs): ₹5–8 LPA
)", knowledge::DocumentFormat::markdown);
  const auto facts = reader.facts_of({document});
  std::vector<std::string> roles;
  for (const auto& role : facts.roles) roles.push_back(role.id);
  CHECK(std::find(roles.begin(), roles.end(), "qa_engineer") != roles.end());
  CHECK(std::find(roles.begin(), roles.end(), "end_qa_engineer") == roles.end());
  // A compound that is all capitals is part of the title.
  CHECK(std::find(roles.begin(), roles.end(), "site_reliability_engineer") != roles.end());
  // The roadmap's table is the QA engineer's, and a roadmap is what to learn: skills.
  const auto& skills = facts.passages_of(facts.section_passages, "skills");
  REQUIRE(skills.size() == 1);
  CHECK(facts.role_of_passage(skills.front()) == "qa_engineer");
}

TEST_CASE("titles offered as alternatives over a band are each stated it", "[facts][layouts][roles]") {
  const Reader reader;
  // Plain text: a numbered heading line, its band on the line after.
  const auto text = knowledge::read_document("qa", R"(QA Engineer Salary in India

Common Roles and Their Salaries

3. Senior QA Engineer / Test Architect

Experience: 8-12 years Salary Range: ?2,000,000 to ?3,500,000 per annum
)", knowledge::DocumentFormat::text);
  // Markdown: a list item's label names two titles with "or"; a comparison names two and states neither.
  const auto markdown = knowledge::read_document("net", R"(# Network Engineer Pay in India

## Bands

- Network Engineer or NOC Engineer (2–5 yrs): ₹6–11 LPA

## Network Engineer vs Cloud Architect

Network engineers earn less: ₹9 LPA on average.
)", knowledge::DocumentFormat::markdown);
  const auto facts = reader.facts_of({text, markdown});
  REQUIRE(figure(facts, "qa_engineer", 20, 35));
  const auto* architect = figure(facts, "test_architect", 20, 35);
  REQUIRE(architect);
  CHECK(architect->years_from == 8);
  CHECK(figure(facts, "network_engineer", 6, 11));
  CHECK(figure(facts, "noc_engineer", 6, 11));
  CHECK_FALSE(figure(facts, "cloud_architect", 9, 9));
}

TEST_CASE("a table whose first column is headed as tools names one tool a row", "[facts][layouts]") {
  const Reader reader;
  const auto markdown = knowledge::read_document("qa", R"(# QA Engineer Career in India

## Stage 2 — Automation

| Library | What to Learn |
|---|---|
| Selenium | Locators, waits |
| Playwright | Fixtures, traces |
)", knowledge::DocumentFormat::markdown);
  const auto html = knowledge::read_document("net", R"(<html><head><title>Network Engineer Career in India</title></head>
<body><h1>Network Engineer Career in India</h1><h2>What to practise on</h2>
<table><tr><th>Tool</th><th>Why</th></tr><tr><td>Wireshark</td><td>Reading packets</td></tr>
<tr><td>GNS3</td><td>Labs without hardware</td></tr></table></body></html>)", knowledge::DocumentFormat::html);
  const auto facts = reader.facts_of({markdown, html});
  auto tools_of = [&](const std::string& role, const std::string& label) -> std::vector<std::string> {
    for (const auto& group : facts.tools)
      if (group.role == role && group.label == label) return group.tools;
    return {};
  };
  CHECK(tools_of("qa_engineer", "Library") == std::vector<std::string>{"Selenium", "Playwright"});
  CHECK(tools_of("network_engineer", "Tool") == std::vector<std::string>{"Wireshark", "GNS3"});
  // The second column's words are no tools.
  for (const auto& group : facts.tools) CHECK(group.label != "What to Learn");
}

TEST_CASE("a table of tools by category: a group a row, lower-case names kept, the heading names no role",
          "[facts][layouts]") {
  const Reader reader;
  const auto markdown = knowledge::read_document("data-engineer-career", R"(# Data Engineer Career in India

## Tools Data Engineers Use

| Category | Tools |
|---|---|
| Orchestration | Apache Airflow, Dagster, Prefect |
| Processing | Apache Spark, dbt |
)", knowledge::DocumentFormat::markdown);
  const auto facts = reader.facts_of({markdown});
  auto tools_of = [&](const std::string& label) -> std::vector<std::string> {
    for (const auto& group : facts.tools)
      if (group.role == "data_engineer" && group.label == label) return group.tools;
    return {};
  };
  CHECK(tools_of("Orchestration") == std::vector<std::string>{"Apache Airflow", "Dagster", "Prefect"});
  CHECK(tools_of("Processing") == std::vector<std::string>{"Apache Spark", "dbt"});
  // "Tools Data Engineers Use" speaks of data engineers: "tools" is no part of a title.
  for (const auto& role : facts.roles) CHECK(role.id != "tools_data_engineer");
}
