// The document readers: the plain-text reader's structure (headings, lists and groups, tables
// with header cells and captions).
#include <catch2/catch.hpp>

#include "knowledge/document_reader.hpp"

namespace {

using knowledge::DocumentFormat;
using knowledge::PassageKind;
using Cells = std::vector<std::string>;

knowledge::Document read(std::string_view bytes, DocumentFormat format) { return knowledge::read_document("doc", bytes, format); }

const knowledge::Passage* find(const knowledge::Document& document, std::string_view text) {
  for (const auto& passage : document.passages)
    if (passage.text.find(text) != std::string::npos) return &passage;
  return nullptr;
}

std::vector<const knowledge::Passage*> rows_of(const knowledge::Document& document) {
  std::vector<const knowledge::Passage*> rows;
  for (const auto& passage : document.passages)
    if (passage.kind == PassageKind::table_row) rows.push_back(&passage);
  return rows;
}

}  // namespace

TEST_CASE("formats are told by the file name's extension", "[readers]") {
  CHECK(knowledge::format_of("a.txt") == DocumentFormat::text);
  CHECK(knowledge::format_of("a.TEXT") == DocumentFormat::text);
  CHECK(knowledge::format_of("dir/a.md") == DocumentFormat::markdown);
  CHECK(knowledge::format_of("a.Markdown") == DocumentFormat::markdown);
  CHECK(knowledge::format_of("a.html") == DocumentFormat::html);
  CHECK(knowledge::format_of("a.HTM") == DocumentFormat::html);
  CHECK(knowledge::format_of("a.pdf") == DocumentFormat::pdf);
  CHECK_FALSE(knowledge::format_of("a.docx"));
  CHECK_FALSE(knowledge::format_of("README"));
  CHECK(std::string(knowledge::to_string(DocumentFormat::markdown)) == "markdown");
}

TEST_CASE("plain text: headings, items, groups and tables with their header and caption", "[readers][text]") {
  const auto document = read(
      "Data Engineer Salary in India\n"
      "Data engineers build the pipelines that feed analytics.\n"
      "Salary by Level\n"
      "Here is how pay grows with experience:\n"
      "Level | Experience | Salary |\n"
      "Junior | 0–2 years | ₹6–10 LPA |\n"
      "Senior | 5+ years | ₹20–35 LPA |\n"
      "Tools of the Trade\n"
      "1. Orchestration\n"
      "- Airflow\n"
      "- Dagster\n"
      "Certifications:\n"
      "- Databricks Data Engineer\n"
      "Most teams value projects over certificates.\n"
      "By City\n"
      "| City | Band |\n"
      "|---|---|\n"
      "| Pune | 8–14 |\n",
      DocumentFormat::text);
  CHECK(document.title == "Data Engineer Salary in India");
  CHECK(document.format == DocumentFormat::text);
  CHECK(find(document, "Data engineers build")->section == "Data Engineer Salary in India");

  const auto rows = rows_of(document);
  REQUIRE(rows.size() == 3);  // the header rows are no passages
  CHECK(rows[0]->text == "Junior | 0–2 years | ₹6–10 LPA");
  CHECK(rows[0]->cells == Cells{"Junior", "0–2 years", "₹6–10 LPA"});
  CHECK(rows[0]->header == Cells{"Level", "Experience", "Salary"});
  CHECK(rows[0]->caption == "Here is how pay grows with experience:");
  CHECK(rows[0]->section == "Salary by Level");
  CHECK(rows[2]->cells == Cells{"Pune", "8–14"});
  CHECK(rows[2]->header == Cells{"City", "Band"});  // a |---| row under the first makes it the header
  CHECK(rows[2]->caption.empty());

  CHECK(find(document, "Airflow")->group == "Orchestration");
  CHECK(find(document, "Airflow")->kind == PassageKind::item);
  CHECK(find(document, "Databricks")->group == "Certifications");
  CHECK(find(document, "Most teams value")->group.empty());  // prose after the items leaves their group
  CHECK_FALSE(find(document, "Orchestration"));              // a label is no passage
}

TEST_CASE("plain text: sentence-case headings between blank lines, # nesting, run-together sentences", "[readers][text]") {
  const auto document = read(
      "Security Analyst Pay in India\n\n"
      "Pay has climbed fast.\n\n"
      "How pay grows with experience\n\n"
      "Freshers start between 4 and 7 lakh.Seniors earn more.\n\n"
      "## Company types\n\n"
      "### Startups\n\n"
      "Startups offer 8 to 20 LPA.\n",
      DocumentFormat::text);
  CHECK(document.title == "Security Analyst Pay in India");
  CHECK(find(document, "Freshers start")->section == "How pay grows with experience");
  CHECK(find(document, "Freshers start")->text == "Freshers start between 4 and 7 lakh.");
  CHECK(find(document, "Seniors earn more.")->section == "How pay grows with experience");
  const auto* startups = find(document, "Startups offer");
  CHECK(startups->section == "Startups");
  CHECK(startups->parent == "Company types");
  // Old Mac line ends are line ends too.
  const auto mac = read("Mac Title Here\rFirst line.\rSecond line.\r", DocumentFormat::text);
  CHECK(mac.title == "Mac Title Here");
  CHECK(mac.passages.size() == 2);
  // A lone short line at the end, with nothing under it, stays text.
  CHECK(find(read("Title Here\n\nSome text.\n\nthanks for reading\n", DocumentFormat::text), "thanks for reading"));
}
