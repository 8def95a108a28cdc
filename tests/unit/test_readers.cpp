// The document readers: each format's structure (headings, lists and groups, tables with header
// cells and captions), the same content giving the same passages in every format, the
// development documents, hostile input, and the corpus listing and index built from them.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "knowledge/document_reader.hpp"
#include "knowledge/index_builder.hpp"
#include "knowledge/knowledge_base.hpp"

namespace {

using knowledge::DocumentFormat;
using knowledge::PassageKind;
using Cells = std::vector<std::string>;

const std::string kSource = MLOPS_BOT_SOURCE_DIR;
const std::string kDocsDev = kSource + "/tests/eval/docs-dev/";

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

knowledge::Document read(std::string_view bytes, DocumentFormat format) { return knowledge::read_document("doc", bytes, format); }

knowledge::Document read_file(const std::string& name) {
  const auto format = knowledge::format_of(name);
  REQUIRE(format);
  return knowledge::read_document("doc", file_bytes(kDocsDev + name), *format);
}

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

std::vector<std::string> sections_of(const knowledge::Document& document) {
  std::vector<std::string> sections;
  for (const auto& passage : document.passages)
    if (sections.empty() || sections.back() != passage.section) sections.push_back(passage.section);
  return sections;
}

// Everything a passage says but its id and document, for comparing formats.
std::string describe(const knowledge::Passage& passage) {
  std::string text = std::string(knowledge::to_string(passage.kind)) + " [" + passage.section + "] [" + passage.parent +
                     "] [" + passage.group + "] " + passage.text;
  if (passage.kind == PassageKind::table_row) {
    text += " cells:";
    for (const auto& cell : passage.cells) text += " {" + cell + "}";
    text += " header:";
    for (const auto& cell : passage.header) text += " {" + cell + "}";
    text += " caption: " + passage.caption;
  }
  return text;
}

std::vector<std::string> describe(const knowledge::Document& document) {
  std::vector<std::string> passages;
  for (const auto& passage : document.passages) passages.push_back(describe(passage));
  return passages;
}

// A PDF of standard-font text placed where it is told (top-down coordinates, points), one
// page per entry; enough to test layouts without binary fixtures.
struct PdfText {
  double x, y, size;
  std::string text;
  bool bold = false;
};

std::string make_pdf(const std::vector<std::vector<PdfText>>& pages, const std::string& title = {},
                     const std::string& extra_trailer = {}) {
  std::vector<std::string> objects;  // object n is objects[n - 1]
  const int font = 3, bold_font = 4, info = 5, first_page = 6;
  std::string kids;
  for (std::size_t i = 0; i < pages.size(); ++i) kids += std::to_string(first_page + 2 * i) + " 0 R ";
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  objects.push_back("<< /Title (" + title + ") >>");
  for (std::size_t i = 0; i < pages.size(); ++i) {
    std::string content;
    for (const auto& run : pages[i]) {
      std::ostringstream op;
      op << "BT /" << (run.bold ? "F2" : "F1") << " " << run.size << " Tf " << run.x << " " << (792 - run.y - run.size)
         << " Td (" << run.text << ") Tj ET\n";
      content += op.str();
    }
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 " +
                      std::to_string(font) + " 0 R /F2 " + std::to_string(bold_font) + " 0 R >> >> /Contents " +
                      std::to_string(first_page + 2 * i + 1) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream");
  }
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const auto xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (auto offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R /Info " + std::to_string(info) +
         " 0 R " + extra_trailer + " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// Runs `read` and fails when it takes longer than `seconds` (a hang shows as a slow test, not a stuck one).
template <typename Read>
void within(double seconds, Read read) {
  const auto start = std::chrono::steady_clock::now();
  read();
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < seconds);
}

struct TemporaryFolder {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("mlops-bot-readers-" + std::to_string(getpid()) + "-" + std::to_string(counter()++));
  TemporaryFolder() { std::filesystem::create_directories(path); }
  ~TemporaryFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  static int& counter() {
    static int value = 0;
    return value;
  }
  void write(const std::string& name, std::string_view bytes) const {
    std::filesystem::create_directories((path / name).parent_path());
    std::ofstream(path / name, std::ios::binary) << bytes;
  }
};

class NoLabels : public knowledge::Labeler {
 public:
  std::vector<std::string> labels(std::string_view, std::string_view) const override { return {}; }
};

// An index's input: the corpus and its signature; no examples, stamps, lexicon or progress bar.
knowledge::IndexInput index_input(const std::filesystem::path& corpus, std::string signature) {
  knowledge::IndexInput input;
  input.corpus_dir = corpus;
  input.signature = std::move(signature);
  return input;
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

TEST_CASE("plain text: a short capitalised line that states pay is a figure, not a heading", "[readers][text]") {
  const auto document = read(
      "Network Engineer Pay in India\n\n"
      "Pay by title\n\n"
      "Network Engineer ₹7L /yr\n"
      "Principal Network Architect₹41L /yr\n\n"
      "Where They Work\n\n"
      "Telecom operators hire most of them.\n",
      DocumentFormat::text);
  const auto* first = find(document, "Network Engineer ₹7L");
  REQUIRE(first);
  CHECK(first->section == "Pay by title");
  const auto* glued = find(document, "Principal Network Architect₹41L");
  REQUIRE(glued);
  CHECK(glued->section == "Pay by title");
  // A short line without a figure is still a heading.
  CHECK(find(document, "Telecom operators")->section == "Where They Work");
}

TEST_CASE("Markdown: headings nest, markup goes, lists flatten, labels group, GFM tables", "[readers][markdown]") {
  const auto document = read(
      "# Business Analyst Salary\n\n"
      "Intro with a [link](https://example.com/x) and `code` and ![a chart](chart.png) *emphasis*.\n\n"
      "## Salary at a glance\n\n"
      "**Entry level (0–2 yrs):** ₹5–8 LPA. Associate BAs document requirements &amp; notes.\n\n"
      "## How it compares\n\n"
      "### BA vs PM\n\n"
      "Product management pays more at every stage, which is why moving to PM is a popular switch:\n\n"
      "- Associate PM (0–2 yrs): ₹8–15 LPA\n"
      "- Certifications:\n"
      "  - CSPO\n"
      "  - PMP\n"
      "- Product sense\n\n"
      "Skills:\n\n"
      "* SQL\n"
      "* Excel\n\n"
      "1. Cloud Platforms\n\n"
      "- AWS\n\n"
      "## Pay table\n\n"
      "All figures in lakh per annum (&#8377;).\n\n"
      "| Level | Pay |\n"
      "|:--|--:|\n"
      "| **Junior** | 5–8 |\n"
      "| Mid |\n"
      "| Senior | 15–24 |\n\n"
      "<div class=\"note\"><p>Figures from <b>2025</b> surveys.</p></div>\n",
      DocumentFormat::markdown);
  CHECK(document.title == "Business Analyst Salary");
  CHECK(document.passages.front().text == "Intro with a link and code and emphasis.");
  CHECK(document.passages.front().section == "Business Analyst Salary");

  const auto* entry = find(document, "Entry level");
  REQUIRE(entry);
  CHECK(entry->text == "Entry level (0–2 yrs): ₹5–8 LPA. Associate BAs document requirements & notes.");
  CHECK(entry->kind == PassageKind::paragraph);
  CHECK(entry->group.empty());

  const auto* associate = find(document, "Associate PM");
  CHECK(associate->section == "BA vs PM");
  CHECK(associate->parent == "How it compares");
  CHECK(associate->group.empty());
  CHECK(find(document, "CSPO")->group == "Certifications");
  CHECK(find(document, "PMP")->kind == PassageKind::item);
  CHECK(find(document, "Product sense")->group.empty());  // the label's sub-list ended
  CHECK(find(document, "SQL")->group == "Skills");
  CHECK(find(document, "AWS")->group == "Cloud Platforms");  // one numbered item before a list: a label

  const auto rows = rows_of(document);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0]->cells == Cells{"Junior", "5–8"});
  CHECK(rows[0]->header == Cells{"Level", "Pay"});
  CHECK(rows[1]->cells == Cells{"Mid", ""});  // a short row is filled up to the header's width
  CHECK(rows[1]->text == "Mid");
  CHECK(rows[0]->caption == "All figures in lakh per annum (₹).");
  CHECK(rows[0]->section == "Pay table");
  CHECK(rows[0]->parent.empty());
  CHECK(find(document, "Figures from 2025 surveys.")->kind == PassageKind::paragraph);
}

TEST_CASE("Markdown: YAML front matter gives the title and no passages", "[readers][markdown]") {
  const auto document = read("---\ntitle: \"Data Engineer Pay\"\ndate: 2025-01-01\n---\n\n## Bands\n\nJuniors earn 6–10 LPA.\n",
                             DocumentFormat::markdown);
  CHECK(document.title == "Data Engineer Pay");
  REQUIRE(document.passages.size() == 1);
  CHECK(document.passages[0].section == "Bands");
  // A rule that opens no front matter stays a rule.
  CHECK(read("---\n\nJust text.\n", DocumentFormat::markdown).passages.size() == 1);
  CHECK(read("---\nJust text.\n\n---\n\nMore text.\n", DocumentFormat::markdown).passages.size() == 2);
}

TEST_CASE("HTML: furniture skipped, headings nest, items with labels, definitions, tables", "[readers][html]") {
  const auto document = read(
      "<!DOCTYPE html><html><head><title>Page title</title><style>p{color:red}</style>"
      "<script>var x = '<p>not text</p>';</script></head><body>"
      "<nav><ul><li>Home</li><li>About</li></ul></nav>"
      "<h1>Cloud Engineer&nbsp;Salary</h1>"
      "<p>Cloud   engineers\n build &amp; run <a href='x'>estates</a>.</p>"
      "<h2>Tools</h2><ul>"
      "<li><strong>Infrastructure as code:</strong> Terraform, Pulumi</li>"
      "<li>Containers<ul><li>Docker</li><li>Kubernetes</li></ul></li>"
      "<li hidden>Secret</li></ul>"
      "<h3>Terms</h3><dl><dt>IaC</dt><dd>Infrastructure as code</dd><dt>SRE:</dt><dd>Site reliability</dd></dl>"
      "<p><b>Entry:</b> 6–12 LPA<br><b>Senior:</b> 24–40 LPA</p>"
      "<p>One line<br>broken in two</p>"
      "<h2>Pay</h2><p>Figures in lakh.</p>"
      "<table><caption>Salary, ₹ LPA</caption><thead><tr><th>Experience</th><th colspan=2>Cities</th></tr>"
      "<tr><th></th><th>Pune</th><th>Delhi</th></tr></thead>"
      "<tbody><tr><td rowspan=2>0–2 years</td><td>4.5–9</td><td>5–11</td></tr><tr><td>5</td><td>6</td></tr></tbody></table>"
      "<table><tr><th><p>Role</p></th><th>Pay</th></tr><tr><td><p>SRE</p></td><td>12</td></tr></table>"
      "<table><tr><td><h4>Layout</h4><ul><li>In a cell</li></ul></td><td>Side</td></tr></table>"
      "<footer>Copyright</footer><div>Closing words <span>here</span></div>"
      "</body></html>",
      DocumentFormat::html);
  CHECK(document.title == "Cloud Engineer Salary");
  CHECK_FALSE(find(document, "Home"));
  CHECK_FALSE(find(document, "not text"));
  CHECK_FALSE(find(document, "Copyright"));
  CHECK_FALSE(find(document, "Secret"));
  CHECK(document.passages.front().text == "Cloud engineers build & run estates.");

  CHECK(find(document, "Infrastructure as code:")->text == "Infrastructure as code: Terraform, Pulumi");
  CHECK(find(document, "Containers")->kind == PassageKind::item);
  CHECK(find(document, "Docker")->kind == PassageKind::item);
  CHECK(find(document, "IaC")->text == "IaC: Infrastructure as code");
  CHECK(find(document, "SRE:")->text == "SRE: Site reliability");
  CHECK(find(document, "IaC")->section == "Terms");
  CHECK(find(document, "IaC")->parent == "Tools");
  CHECK(find(document, "Entry:")->text == "Entry: 6–12 LPA");  // <br> parts lines led by labels
  CHECK(find(document, "Senior:")->text == "Senior: 24–40 LPA");
  CHECK(find(document, "One line")->text == "One line broken in two");

  const auto rows = rows_of(document);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0]->cells == Cells{"0–2 years", "4.5–9", "5–11"});
  CHECK(rows[1]->cells == Cells{"0–2 years", "5", "6"});  // rowspan carries the cell down
  CHECK(rows[0]->header == Cells{"Experience", "Cities Pune", "Cities Delhi"});
  CHECK(rows[0]->caption == "Salary, ₹ LPA");
  CHECK(find(document, "Salary, ₹ LPA")->kind == PassageKind::paragraph);
  CHECK(rows[2]->cells == Cells{"SRE", "12"});
  CHECK(rows[2]->header == Cells{"Role", "Pay"});  // a first row of <th>; a <p> in a cell keeps it a table
  CHECK(find(document, "In a cell")->kind == PassageKind::item);  // a layout table is read as content
  CHECK(find(document, "In a cell")->section == "Layout");
  CHECK(find(document, "Closing words here"));
}

TEST_CASE("HTML: only <main> is read where the page has one — <title> when there is no <h1>", "[readers][html]") {
  const auto document = read(
      "<html><head><title>Fallback Title</title></head><body><header><p>Site banner</p></header>"
      "<aside>Related posts</aside><main><header><p>Article byline</p></header><p>The article.</p></main>"
      "<div>Sidebar text</div></body></html>",
      DocumentFormat::html);
  CHECK(document.title == "Fallback Title");
  REQUIRE(document.passages.size() == 2);
  CHECK(document.passages[0].text == "Article byline");
  CHECK(document.passages[1].text == "The article.");
  CHECK(document.passages[1].section == "Fallback Title");
}

TEST_CASE("HTML in another encoding than UTF-8 is read in the encoding it states", "[readers][html]") {
  const auto document = read("<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xe9 \x96 na\xefve</p></body></html>",
                             DocumentFormat::html);
  REQUIRE(document.passages.size() == 1);
  CHECK(document.passages[0].text == "Café – naïve");
}

TEST_CASE("the same content in Markdown, HTML and plain text gives the same passages", "[readers]") {
  const auto markdown = read(
      "# Data Engineer Salary in India\n\n"
      "Data engineers build pipelines.\n\n"
      "## Pay by Level\n\n"
      "All figures are fixed annual pay in lakh rupees.\n\n"
      "| Level | Experience | Salary |\n|---|---|---|\n| Junior | 0–2 years | ₹6–10 LPA |\n| Senior | 5+ years | ₹20–35 LPA |\n\n"
      "### By City\n\n"
      "- Bengaluru pays the most\n- Pune pays the least\n\n"
      "## Tools and Skills\n\n"
      "Orchestration:\n\n"
      "- Airflow\n- Dagster\n\n"
      "Most teams value projects.\n",
      DocumentFormat::markdown);
  const auto html = read(
      "<html><head><title>Data engineers</title></head><body>"
      "<h1>Data Engineer Salary in India</h1><p>Data engineers build pipelines.</p>"
      "<h2>Pay by Level</h2><p>All figures are fixed annual pay in lakh rupees.</p>"
      "<table><thead><tr><th>Level</th><th>Experience</th><th>Salary</th></tr></thead>"
      "<tbody><tr><td>Junior</td><td>0–2 years</td><td>₹6–10 LPA</td></tr>"
      "<tr><td>Senior</td><td>5+ years</td><td>₹20–35 LPA</td></tr></tbody></table>"
      "<h3>By City</h3><ul><li>Bengaluru pays the most</li><li>Pune pays the least</li></ul>"
      "<h2>Tools and Skills</h2><p>Orchestration:</p><ul><li>Airflow</li><li>Dagster</li></ul>"
      "<p>Most teams value projects.</p></body></html>",
      DocumentFormat::html);
  const auto text = read(
      "Data Engineer Salary in India\n"
      "Data engineers build pipelines.\n"
      "## Pay by Level\n"
      "All figures are fixed annual pay in lakh rupees.\n"
      "Level | Experience | Salary\n"
      "Junior | 0–2 years | ₹6–10 LPA\n"
      "Senior | 5+ years | ₹20–35 LPA\n"
      "### By City\n"
      "- Bengaluru pays the most\n"
      "- Pune pays the least\n"
      "Tools and Skills\n"
      "Orchestration:\n"
      "- Airflow\n"
      "- Dagster\n"
      "Most teams value projects.\n",
      DocumentFormat::text);
  CHECK(markdown.title == "Data Engineer Salary in India");
  CHECK(html.title == markdown.title);
  CHECK(text.title == markdown.title);
  CHECK(describe(html) == describe(markdown));
  CHECK(describe(text) == describe(markdown));
  REQUIRE(rows_of(markdown).size() == 2);
  CHECK(rows_of(markdown)[0]->caption == "All figures are fixed annual pay in lakh rupees.");
  CHECK(find(markdown, "Pune pays")->parent == "Pay by Level");
  CHECK(find(markdown, "Dagster")->group == "Orchestration");
}

TEST_CASE("PDF: headings by font size, running headers and page numbers dropped, wrapped lines joined",
          "[readers][pdf]") {
  auto page = [](int number, std::vector<PdfText> body) {
    body.push_back({72, 30, 9, "Acme Careers Guide 2025"});
    body.push_back({300, 750, 9, std::to_string(number)});
    return body;
  };
  const auto pdf = make_pdf(
      {page(1, {{72, 72, 24, "Site Reliability Engineer Salary", true},
                {72, 110, 11, "Site reliability engineers keep production systems up and running at every"},
                {72, 124, 11, "hour of the day, and they are paid well for it across India."},
                {72, 160, 16, "Skills", true},
                {90, 190, 11, "\x95 Linux and networking"},
                {90, 204, 11, "\x95 Incident response and post-"},
                {97, 218, 11, "mortems"}}),
       page(2, {{72, 72, 16, "Pay by Level", true},
                {72, 100, 11, "Level", true}, {250, 100, 11, "Experience", true}, {400, 100, 11, "Salary", true},
                {72, 118, 11, "Junior"}, {250, 118, 11, "0-2 years"}, {400, 118, 11, "8-14 LPA"},
                {72, 136, 11, "Senior"}, {250, 136, 11, "5+ years"}, {400, 136, 11, "25-45 LPA"}}),
       page(3, {{72, 72, 16, "Outlook", true}, {72, 100, 11, "Demand keeps growing."}})},
      "SRE Salary Guide");
  const auto document = read(pdf, DocumentFormat::pdf);
  CHECK(document.title == "SRE Salary Guide");
  CHECK(document.format == DocumentFormat::pdf);
  CHECK_FALSE(find(document, "Acme Careers Guide"));
  for (const auto& passage : document.passages) CHECK_FALSE(passage.text == "2");
  const auto* intro = find(document, "Site reliability engineers keep");
  REQUIRE(intro);
  CHECK(intro->text ==
        "Site reliability engineers keep production systems up and running at every hour of the day, and they are "
        "paid well for it across India.");
  CHECK(intro->section == "Site Reliability Engineer Salary");
  CHECK(find(document, "Linux and networking")->kind == PassageKind::item);
  CHECK(find(document, "Linux and networking")->section == "Skills");
  CHECK(find(document, "Incident response")->text == "Incident response and post-mortems");
  const auto rows = rows_of(document);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]->cells == Cells{"Junior", "0-2 years", "8-14 LPA"});
  CHECK(rows[0]->header == Cells{"Level", "Experience", "Salary"});
  CHECK(rows[0]->section == "Pay by Level");
  CHECK(find(document, "Demand keeps growing.")->section == "Outlook");
}

TEST_CASE("PDF: the cloud engineer document reads as its HTML version does", "[readers][pdf][docs-dev]") {
  const auto pdf = read_file("pdf/cloud-engineer-salary-india.pdf");
  const auto html = read_file("cloud-engineer-salary-india.html");
  CHECK(pdf.title == "Cloud Engineer Salary in India (AWS, Azure, GCP)");  // the PDF's Title
  const auto rows = rows_of(pdf);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0]->header == Cells{"Experience", "Bengaluru", "Hyderabad", "Pune", "Delhi NCR"});
  CHECK(rows[0]->cells == Cells{"0–2 years (associate)", "6–12", "5–10", "4.5–9", "5–11"});
  CHECK(rows[3]->cells == Cells{"8+ years (lead / architect)", "40–70", "36–60", "32–52", "37–62"});
  for (const auto* row : rows) CHECK(row->cells.size() == 5);
  CHECK(rows[0]->caption == "Cloud engineer salary, ₹ lakh per annum (LPA)");
  // Wrapped lines joined, hyphenated words whole again: the same passages as the HTML.
  CHECK(describe(pdf) == describe(html));
}

TEST_CASE("the development documents give their titles, sections, tables and labels", "[readers][docs-dev]") {
  const auto ml = read_file("machine-learning-engineer-salary-india.md");
  CHECK(ml.title == "Machine Learning Engineer Salary in India");
  CHECK(sections_of(ml) == std::vector<std::string>{"Machine Learning Engineer Salary in India", "What the Job Involves",
                                                    "Salary by Experience Level", "What Pushes Pay Up", "Skills",
                                                    "Frameworks and libraries", "Data processing",
                                                    "Experiment tracking and pipelines", "Deployment and CI/CD",
                                                    "Cloud ML platforms", "Vector databases", "Qualifications", "Demand"});
  const auto ml_rows = rows_of(ml);
  REQUIRE(ml_rows.size() == 4);
  CHECK(ml_rows[0]->header == Cells{"Level", "Experience", "Salary (LPA)"});
  CHECK(ml_rows[3]->cells == Cells{"Lead / Principal", "8+ years", "₹38–65 LPA"});
  CHECK(find(ml, "PyTorch")->parent == "Tools");
  CHECK(find(ml, "Generative AI depth.")->text.starts_with("Generative AI depth. Engineers who can build"));

  const auto cloud = read_file("cloud-engineer-salary-india.html");
  CHECK(cloud.title == "Cloud Engineer Salary in India: AWS, Azure and GCP Roles");
  CHECK(sections_of(cloud) ==
        std::vector<std::string>{"Cloud Engineer Salary in India: AWS, Azure and GCP Roles", "Pay by Experience and City",
                                 "What a Cloud Engineer Does", "Skills", "Tools", "Certifications and the Pay Premium",
                                 "Who Is Hiring"});
  REQUIRE(rows_of(cloud).size() == 4);
  CHECK(rows_of(cloud)[1]->cells == Cells{"2–5 years (cloud engineer)", "12–24", "11–21", "10–18", "11–22"});
  CHECK(rows_of(cloud)[1]->caption == "Cloud engineer salary, ₹ lakh per annum (LPA)");
  CHECK(find(cloud, "Infrastructure as code")->text ==
        "Infrastructure as code: Terraform, Pulumi, AWS CloudFormation, Azure Resource Manager");

  const auto cyber = read_file("cybersecurity-analyst-salary-india.txt");
  CHECK(cyber.title == "Cybersecurity Analyst Salary in India: Pay, Skills and Employers");
  CHECK(sections_of(cyber) == std::vector<std::string>{"Cybersecurity Analyst Salary in India: Pay, Skills and Employers",
                                                       "What the work looks like", "How pay grows with experience",
                                                       "Company type makes a big difference", "Skills and certifications",
                                                       "Where salaries are heading"});
  CHECK(rows_of(cyber).empty());

  const auto ba = read_file("business-analyst-salary-india.md");
  CHECK(ba.title == "Business Analyst Salary in India");
  CHECK(find(ba, "Entry level")->text.starts_with("Entry level (0–2 yrs): ₹5–8 LPA. Associate BAs"));
  CHECK(find(ba, "Entry level")->section == "Salary at a glance");
  CHECK(find(ba, "Product Manager (2–5 yrs)")->section == "Business Analyst vs Product Manager");
  CHECK(find(ba, "Product Manager (2–5 yrs)")->parent == "How it compares");
  CHECK(find(ba, "Product Manager (2–5 yrs)")->kind == PassageKind::item);
}

TEST_CASE("hostile input: binary bytes, truncated and encrypted PDFs, huge lines, deep nesting", "[readers][hostile]") {
  std::string binary(4096, '\0');
  for (std::size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>((i * 7919) % 251);
  for (auto format : {DocumentFormat::text, DocumentFormat::markdown, DocumentFormat::html, DocumentFormat::pdf}) {
    INFO(knowledge::to_string(format));
    CHECK_THROWS_AS(read(binary, format), knowledge::UnreadableDocument);
    CHECK(read("", format).passages.empty());
  }
  CHECK_THROWS_WITH(read("\xFF\xFEh\0i", DocumentFormat::text), Catch::Contains("UTF-16"));
  CHECK_THROWS_WITH(read(std::string(knowledge::kMaxDocumentBytes + 1, 'a'), DocumentFormat::text),
                    Catch::Contains("20 MiB"));

  // Ill-formed UTF-8 among text is replaced, not fatal.
  const auto repaired = read("Caf\xC3 ok \xF0\x28\x8C\x28 fine, and the rest of the line is text as usual.\n",
                             DocumentFormat::text);
  REQUIRE(repaired.passages.size() == 1);
  CHECK(repaired.passages[0].text.starts_with("Caf\xEF\xBF\xBD ok \xEF\xBF\xBD(\xEF\xBF\xBD( fine,"));

  const auto pdf = file_bytes(kDocsDev + "pdf/cloud-engineer-salary-india.pdf");
  for (std::size_t cut : {pdf.size() / 2, pdf.size() - 200, std::size_t{20}}) {
    INFO(cut);
    try {
      read(pdf.substr(0, cut), DocumentFormat::pdf);  // poppler may recover some pages
    } catch (const knowledge::UnreadableDocument& unreadable) {
      CHECK(std::string(unreadable.what()).size() > 0);
    }
  }
  CHECK_THROWS_WITH(read("plain words", DocumentFormat::pdf), Catch::Contains("not a PDF"));
  const auto locked = make_pdf({{{72, 72, 12, "Secret"}}}, "Locked",
                               "/Encrypt << /Filter /Standard /V 1 /R 2 /O <" + std::string(64, 'A') + "> /U <" +
                                   std::string(64, 'B') + "> /P -4 >> /ID [<0123456789ABCDEF0123456789ABCDEF> "
                                                          "<0123456789ABCDEF0123456789ABCDEF>]");
  CHECK_THROWS_WITH(read(locked, DocumentFormat::pdf), Catch::Contains("encrypted"));

  const std::string long_line(1 << 20, 'x');
  for (auto format : {DocumentFormat::text, DocumentFormat::markdown, DocumentFormat::html}) {
    INFO(knowledge::to_string(format));
    within(10, [&] { CHECK(read(long_line, format).passages.size() == 1); });
    within(10, [&] { read(std::string(1 << 20, '|'), format); });
  }

  // Tables whose cells multiply (short rows under a wide header, spans, a header each row carries).
  std::string markdown_table = "|", separator = "|";
  for (int c = 0; c < 100; ++c) markdown_table += "h|", separator += "---|";
  markdown_table += "\n" + separator + "\n";
  for (int r = 0; r < 30000; ++r) markdown_table += "|x|\n";
  within(10, [&] { CHECK_THROWS_WITH(read(markdown_table, DocumentFormat::markdown), Catch::Contains("table cells")); });
  std::string spans = "<table>";
  for (int r = 0; r < 3000; ++r) {
    spans += "<tr>";
    for (int c = 0; c < 11; ++c) spans += "<td colspan=100>x";
  }
  within(10, [&] { CHECK_THROWS_WITH(read(spans, DocumentFormat::html), Catch::Contains("table cells")); });
  std::string text_table;
  for (int c = 0; c < 1000; ++c) text_table += "h|";
  for (int r = 0; r < 3000; ++r) text_table += "\n" + std::to_string(r) + "|2|";  // unique: repeated lines go
  within(10, [&] { CHECK_THROWS_WITH(read(text_table, DocumentFormat::text), Catch::Contains("table cells")); });

  std::string nested_html;
  for (int i = 0; i < 100000; ++i) nested_html += "<div><span>";
  within(10, [&] { CHECK_THROWS_WITH(read(nested_html, DocumentFormat::html), Catch::Contains("nested deeper")); });
  std::string nested_markdown;
  for (int i = 0; i < 20000; ++i) nested_markdown += std::string(static_cast<std::size_t>(i % 40), ' ') + "> - [*a*](b\n";
  within(10, [&] { read(nested_markdown, DocumentFormat::markdown); });
  within(10, [&] { read(std::string(200000, '>') + " deep", DocumentFormat::markdown); });
  within(10, [&] { read(std::string(200000, '[') + std::string(200000, '*'), DocumentFormat::markdown); });
}

TEST_CASE("the corpus listing says which files are read, in which format, and why others are not", "[readers][corpus]") {
  TemporaryFolder corpus;
  corpus.write("b.txt", "Title Line\nSome text.\n");
  corpus.write("a.md", "# A\n\nText.\n");
  corpus.write("a.html", "<h1>A again</h1><p>Text.</p>");
  corpus.write("teams/data/Engineer.MD", "# Data\n\nText.\n");
  corpus.write(".hidden.md", "# Hidden\n");
  corpus.write(".git/config", "[core]\n");
  corpus.write("notes.docx", "PK...");
  corpus.write("README", "text");
  corpus.write("empty.txt", "");
  std::filesystem::create_directory_symlink(corpus.path / "teams", corpus.path / "linked");
  REQUIRE(::mkfifo((corpus.path / "pipe.txt").c_str(), 0600) == 0);

  const auto listing = knowledge::list_corpus(corpus.path);
  std::vector<std::string> files, ids;
  for (const auto& file : listing.files) {
    files.push_back(file.file + " " + knowledge::to_string(file.format));
    ids.push_back(file.doc_id);
  }
  CHECK(files == std::vector<std::string>{"a.html html", "a.md markdown", "b.txt text", "teams/data/Engineer.MD markdown"});
  CHECK(ids == std::vector<std::string>{"a", "a.md", "b", "teams/data/Engineer"});
  std::vector<std::string> skipped;
  for (const auto& file : listing.skipped) skipped.push_back(file.file + ": " + file.reason);
  CHECK(skipped == std::vector<std::string>{".git: hidden folder", ".hidden.md: hidden file", "README: unsupported format (no extension)",
                                            "empty.txt: empty", "linked: a link to a folder (not followed)",
                                            "notes.docx: unsupported format .docx", "pipe.txt: not a regular file"});
  CHECK(knowledge::corpus_files(corpus.path).size() == 4);
  // The folder named with a trailing separator, or through "..", lists the same paths under it.
  for (const auto& same : {std::filesystem::path(corpus.path.string() + "/"), corpus.path / "teams" / ".."}) {
    std::vector<std::string> again;
    for (const auto& file : knowledge::list_corpus(same).files) again.push_back(file.file + " " + knowledge::to_string(file.format));
    CHECK(again == files);
  }
  CHECK_THROWS(knowledge::list_corpus(corpus.path / "missing"));
  // Extensions as std::filesystem::path::extension() gives them.
  for (const char* path : {"a/b.tar.gz", "notes.MD", ".md", "teams.d/README", "a.", "..", "x/.hidden", "/"})
    CHECK(knowledge::extension_of(path) == std::filesystem::path(path).extension().string());
  for (const char* path : {"a/b.tar.gz", "notes.MD", "teams.d/README", "x/.hidden"})
    CHECK(knowledge::file_name_of(path) == std::filesystem::path(path).filename().string());
}

TEST_CASE("the index reads every format, reports unreadable files by name, and stores table rows whole",
          "[readers][corpus]") {
  TemporaryFolder corpus;
  corpus.write("pay.md", "# Pay\n\nFigures in LPA.\n\n| Level | Pay |\n|---|---|\n| Junior | 5–8 |\n\n## Sub\n\n### Deeper\n\nText.\n");
  corpus.write("cloud/engineer.pdf", file_bytes(kDocsDev + "pdf/cloud-engineer-salary-india.pdf"));
  corpus.write("broken.pdf", "%PDF-1.4\nnot really");
  corpus.write("binary.txt", std::string("\0\1\2\3", 4));
  corpus.write("photo.png", "\x89PNG");
  TemporaryFolder output;
  const auto db = output.path / "knowledge.db";
  NoLabels labels;
  auto input = index_input(corpus.path, "signature");
  input.examples = {{"greeting", "hello there"}};
  const auto summary = knowledge::build_index(input, labels, db);
  CHECK(summary.documents == 2);
  REQUIRE(summary.indexed.size() == 2);
  CHECK(summary.indexed[0].file == "cloud/engineer.pdf");
  CHECK(summary.indexed[0].format == DocumentFormat::pdf);
  CHECK(summary.indexed[0].passages > 20);
  CHECK(summary.indexed[1].file == "pay.md");
  REQUIRE(summary.skipped.size() == 3);
  CHECK(summary.skipped[0].file == "binary.txt");
  CHECK(summary.skipped[0].reason == "binary data (NUL bytes), not text");
  CHECK(summary.skipped[1].file == "broken.pdf");
  CHECK(summary.skipped[1].reason.find("PDF") != std::string::npos);
  CHECK(summary.skipped[2].reason == "unsupported format .png");

  const auto report = knowledge::stored_corpus_report(db);
  REQUIRE(report.indexed.size() == 2);
  CHECK(report.indexed[1].file == "pay.md");
  CHECK(report.indexed[1].format == DocumentFormat::markdown);
  CHECK(report.indexed[1].passages == summary.indexed[1].passages);
  CHECK(report.skipped.size() == summary.skipped.size());

  const auto kb = knowledge::KnowledgeBase::open(db, {});
  std::optional<knowledge::Passage> junior, deeper, associate;
  for (std::size_t id = 0; id < kb->passage_count(); ++id) {
    const auto passage = kb->passage(static_cast<int>(id));
    REQUIRE(passage);
    if (passage->text == "Junior | 5–8") junior = passage;
    if (passage->text == "Text." && passage->doc == "pay") deeper = passage;
    if (passage->text.starts_with("0–2 years (associate)")) associate = passage;
  }
  REQUIRE(junior);
  CHECK(junior->doc == "pay");
  CHECK(junior->cells == Cells{"Junior", "5–8"});
  CHECK(junior->header == Cells{"Level", "Pay"});
  CHECK(junior->caption == "Figures in LPA.");
  REQUIRE(deeper);
  CHECK(deeper->section == "Deeper");
  CHECK(deeper->parent == "Sub");
  REQUIRE(associate);
  CHECK(associate->doc == "cloud/engineer");
  CHECK(associate->header.size() == 5);
}

TEST_CASE("the knowledge base reads passages on demand: by id, by document, by section title", "[readers][corpus]") {
  TemporaryFolder corpus;
  corpus.write("a.md", "# A\n\nOpening.\n\n## Who is a Data Engineer?\n\nBuilds pipelines.\n\n- SQL\n\n## Skills\n\nMore.\n");
  corpus.write("b.md", "# B\n\n## who is a data engineer\n\nAnother.\n\n## Skills\n\nB's skills.\n");
  TemporaryFolder output;
  const auto db = output.path / "knowledge.db";
  NoLabels labels;
  knowledge::build_index(index_input(corpus.path, "signature"), labels, db);
  const auto kb = knowledge::KnowledgeBase::open(db, {});
  REQUIRE(kb->document_count() == 2);
  REQUIRE(kb->passage_count() == 6);
  CHECK_FALSE(kb->passage(-1));
  CHECK_FALSE(kb->passage(6));
  const auto builds = kb->passage(1);
  REQUIRE(builds);
  CHECK(builds->text == "Builds pipelines.");
  CHECK(builds->doc == "a");
  CHECK(kb->document_of(0) == "a");
  CHECK(kb->document_of(3) == "a");
  CHECK(kb->document_of(4) == "b");
  CHECK(kb->document_of(6).empty());
  CHECK(kb->document_passage_ids("b") == std::vector<int>{4, 5});
  CHECK(kb->document_passage_ids("c").empty());
  const auto b = kb->document_passages("b");
  REQUIRE(b.size() == 2);
  CHECK(b[1].text == "B's skills.");
  // Several at once, in the order asked, runs of ids read together; ids of no passage left out.
  auto ids = [](const std::vector<knowledge::Passage>& passages) {
    std::vector<int> out;
    for (const auto& passage : passages) out.push_back(passage.id);
    return out;
  };
  CHECK(ids(kb->passages({4, 5, 1, 2, 3, 9, 0, 0})) == std::vector<int>{4, 5, 1, 2, 3, 0, 0});
  CHECK(kb->passages({}).empty());

  // A heading's key: lower case, no trailing "?": both documents' headings share it.
  CHECK(knowledge::heading_key("Who is a Data Engineer? ") == "who is a data engineer");
  CHECK(ids(kb->passages_under_heading("who is a data engineer", 10)) == std::vector<int>{1, 2, 4});
  CHECK(ids(kb->passages_under_heading("who is a data engineer", 2)) == std::vector<int>{1, 2});
  // A title is matched exactly.
  CHECK(ids(kb->passages_titled("Who is a Data Engineer?", 10)) == std::vector<int>{1, 2});
  CHECK(ids(kb->passages_titled("Skills", 10)) == std::vector<int>{3, 5});
  CHECK(kb->passages_titled("skills", 10).empty());
}

TEST_CASE("the knowledge base's check reads only the files whose size or time changed", "[readers][corpus]") {
  TemporaryFolder corpus;
  corpus.write("a.md", "# A\n\nOne.\n");
  corpus.write("b.md", "# B\n\nTwo.\n");
  const std::vector<std::filesystem::path> paths{corpus.path / "a.md", corpus.path / "b.md"};
  std::vector<knowledge::FileStatus> files;
  auto stat_files = [&] {
    files.clear();
    for (const auto& path : paths) files.push_back(knowledge::file_status(path));
  };
  stat_files();
  // Just written: too recent for its time to be trusted, so hashed again next time.
  const auto fresh = knowledge::stamp_files(files);
  REQUIRE(fresh.size() == 2);
  CHECK(fresh[0].mtime_ns == -1);
  CHECK(fresh[0].size == 10);
  CHECK(fresh[0].hash != fresh[1].hash);

  const auto old_time = std::filesystem::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto& path : paths) std::filesystem::last_write_time(path, old_time);
  stat_files();
  const auto stamps = knowledge::stamp_files(files);
  CHECK(stamps[0].mtime_ns >= 0);
  CHECK(stamps[0].hash == fresh[0].hash);
  CHECK(knowledge::content_signature(stamps) == knowledge::content_signature(fresh));

  // A stored stamp of the same size and time is trusted: its hash is taken without reading the
  // file (here a hash no content has, to show it was not read).
  auto stored = stamps;
  stored[0].hash = 42;
  const auto trusted = knowledge::stamp_files(files, stored);
  CHECK(trusted[0].hash == 42);
  CHECK(trusted[1].hash == stamps[1].hash);

  // Same size, another time: read again.
  corpus.write("a.md", "# A\n\nTwo.\n");
  std::filesystem::last_write_time(paths[0], old_time + std::chrono::seconds(1));
  stat_files();
  const auto changed = knowledge::stamp_files(files, stored);
  CHECK(changed[0].hash != 42);
  CHECK(changed[0].hash != stamps[0].hash);
  CHECK(knowledge::content_signature(changed) != knowledge::content_signature(stamps));

  // The stamps are stored with the build, for the next check.
  TemporaryFolder output;
  const auto db = output.path / "knowledge.db";
  NoLabels labels;
  auto input = index_input(corpus.path, knowledge::content_signature(changed));
  input.stamps = changed;
  knowledge::build_index(input, labels, db);
  const auto read_back = knowledge::stored_file_stamps(db);
  REQUIRE(read_back.size() == 2);
  CHECK(read_back[0].path == changed[0].path);
  CHECK(read_back[0].size == changed[0].size);
  CHECK(read_back[0].mtime_ns == changed[0].mtime_ns);
  CHECK(read_back[0].hash == changed[0].hash);
  CHECK(knowledge::stored_file_stamps(output.path / "missing.db").empty());
  CHECK(knowledge::stored_file_stamps(paths[0]).empty());
}

TEST_CASE("a search restricts a word most passages hold to the passages holding the question's other words",
          "[readers][corpus]") {
  TemporaryFolder corpus;
  std::string many = "# Many\n\n";
  for (std::size_t i = 0; i <= knowledge::kFrequentTermPassages; ++i) many += "- option number " + std::to_string(i) + "\n";
  corpus.write("many.md", many);
  corpus.write("cloud.md", "# Cloud\n\nIaaS provides storage options.\n\nIaaS is rented servers.\n");
  TemporaryFolder output;
  const auto db = output.path / "knowledge.db";
  NoLabels labels;
  knowledge::build_index(index_input(corpus.path, "signature"), labels, db);
  const auto kb = knowledge::KnowledgeBase::open(db, {});
  // "options" (stem "option") is in 2,002 passages, though the word itself in one: only the
  // passages holding "iaas" are ranked, the one holding both first.
  const auto hits = kb->search("options iaas", 50);
  REQUIRE(hits.size() == 2);
  CHECK(kb->passage(hits[0].passage)->text == "IaaS provides storage options.");
  CHECK(hits[0].matched == 2);
  CHECK(hits[1].matched == 1);
  // With no other word, the frequent one is searched alone.
  CHECK(kb->search("options", 50).size() == 50);
}
