// Pay figures wherever documents state them: tables with any columns, "Label: ₹range" lines,
// sentences. Each figure is tied to the role, experience, level, city and company type its
// row, column, label or sentence states, and keeps its quote.
#include <algorithm>
#include <cctype>
#include <map>

#include "knowledge/amounts.hpp"
#include "knowledge/internal/fact_readers.hpp"
#include "knowledge/sentences.hpp"

namespace knowledge {
namespace {

constexpr std::size_t kMaxQuote = 400;

std::string first_of(const std::vector<std::string>& values) { return values.empty() ? std::string() : values.front(); }

std::string trimmed(std::string_view text) {
  auto is_trim = [](char c) { return c == ' ' || c == ':' || c == '-' || c == '*' || c == '|' || c == ','; };
  while (!text.empty() && is_trim(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_trim(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string cut(std::string_view text) {
  return std::string(text.size() <= kMaxQuote ? text : text.substr(0, kMaxQuote));
}

// "Monthly In-Hand", "Salary per month": a column of monthly pay, which is no yearly figure.
bool names_monthly_pay(std::string_view text) {
  std::string lowered(text);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return std::tolower(c); });
  for (std::string_view word : {"monthly", "per month", "/month", "a month", "/mo", "pm)"})
    if (lowered.find(word) != std::string::npos) return true;
  return false;
}

// What a piece of text says a figure is for.
struct Attributes {
  std::string role, level, city, company_type, industry;
  std::optional<YearSpan> years;

  bool empty() const {
    return level.empty() && city.empty() && company_type.empty() && industry.empty() && !years;
  }
  void fill_from(const Attributes& other) {
    if (role.empty()) role = other.role;
    if (level.empty()) level = other.level;
    if (city.empty()) city = other.city;
    if (company_type.empty()) company_type = other.company_type;
    if (industry.empty()) industry = other.industry;
    if (!years) years = other.years;
  }
};

bool says_level(const Attributes& attributes) { return !attributes.level.empty() || attributes.years.has_value(); }

Attributes attributes_of(std::string_view text, const FactSources& sources) {
  Attributes attributes;
  if (text.empty()) return attributes;
  static constexpr std::string_view kKinds[] = {"level", "city", "company_type", "industry", "role"};
  const auto labels = sources.labeler.labels_of_kinds(kKinds, text);
  attributes.level = first_of(labels[0]);
  attributes.city = first_of(labels[1]);
  attributes.company_type = first_of(labels[2]);
  attributes.industry = first_of(labels[3]);
  attributes.years = find_year_span(text);
  if (const auto roles = sources.roles.roles_in(text, labels[4]); roles.size() == 1) attributes.role = roles.front();
  return attributes;
}

SalaryFigure figure_from(const Amount& amount, Attributes attributes, const Passage& passage) {
  SalaryFigure figure;
  figure.role = attributes.role;
  if (attributes.level.empty() && attributes.years) attributes.level = level_of_years(*attributes.years);
  figure.level = attributes.level;
  if (attributes.years) {
    figure.years_from = attributes.years->from;
    figure.years_to = attributes.years->to;
  }
  figure.city = attributes.city;
  figure.company_type = attributes.company_type;
  figure.industry = attributes.industry;
  figure.min = amount.min;
  figure.max = amount.max;
  figure.open_ended = amount.open_ended;
  figure.currency = amount.currency;
  figure.unit = amount.unit;
  figure.overall = attributes.empty();
  figure.passage = passage.id;
  return figure;
}

// "Anaphora": a sentence that leans on the one before it ("They are the lowest payers: analysts
// there earn ...") takes what it is about from that sentence.
bool leans_on_previous(std::string_view sentence) {
  for (std::string_view start : {"They ", "They'", "These ", "Those ", "There ", "Such ", "It ", "Their ", "Here "})
    if (sentence.starts_with(start)) return true;
  return sentence.find(" there ") != std::string_view::npos;
}

// A row "Mid-Level | ₹12 LPA - ₹22 LPA | ₹16 LPA | ₹1,04,517" under "Level | Salary Range |
// Average CTC | Monthly In-Hand": the single figure inside the row's range, under a column that
// states no level, city or employer of its own, is a note on that band, not a band of its own;
// a monthly column is no yearly figure but what the row says all the same. Both become the
// row's notes, and the folded figures are dropped from `amounts`.
std::string fold_row_notes(const FactSources& sources, const std::vector<std::string>& header,
                           const std::vector<std::string>& cells, std::vector<std::optional<Amount>>& amounts) {
  const auto range = std::find_if(amounts.begin(), amounts.end(), [](const auto& a) { return a && a->min < a->max; });
  std::string notes;
  auto add = [&](std::size_t i) {
    if (i < header.size() && !header[i].empty())
      notes += (notes.empty() ? "" : "; ") + trimmed(header[i]) + ": " + cells[i];
  };
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const bool has_digits = cells[i].find_first_of("0123456789") != std::string::npos;
    if (i < header.size() && names_monthly_pay(header[i]) && has_digits) {
      add(i);
      continue;
    }
    if (range == amounts.end() || !amounts[i] || amounts[i]->min != amounts[i]->max) continue;
    const auto& band = **range;
    const bool inside =
        amounts[i]->currency == band.currency && amounts[i]->min >= band.min && amounts[i]->min <= band.max;
    if (!inside || i >= header.size() || !attributes_of(header[i], sources).empty()) continue;
    add(i);
    amounts[i].reset();
  }
  return notes;
}

void read_table_row(const FactSources& sources, const Passage& passage, const std::string& passage_role,
                    std::vector<SalaryFigure>& out) {
  std::vector<std::string> cells = passage.cells;
  if (cells.empty()) {
    std::size_t start = 0;
    while (start <= passage.text.size()) {
      auto end = passage.text.find('|', start);
      if (end == std::string::npos) end = passage.text.size();
      if (auto cell = trimmed(std::string_view(passage.text).substr(start, end - start)); !cell.empty())
        cells.push_back(cell);
      start = end + 1;
    }
  }
  std::string header_text;
  for (const auto& cell : passage.header) header_text += cell + " ";
  auto table_unit = unit_named_in(passage.caption);
  if (!table_unit) table_unit = unit_named_in(header_text);

  std::vector<std::optional<Amount>> amounts(cells.size());
  std::size_t first_amount = cells.size();
  const bool monthly_table = names_monthly_pay(passage.caption);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const bool monthly = i < passage.header.size() ? names_monthly_pay(passage.header[i]) : monthly_table;
    if (monthly) continue;
    auto unit = i < passage.header.size() ? unit_named_in(passage.header[i]) : std::nullopt;
    if (!unit) unit = table_unit;
    amounts[i] = cell_amount(cells[i], unit);
    if (amounts[i] && first_amount == cells.size()) first_amount = i;
  }
  if (first_amount == cells.size()) return;
  const std::string notes = fold_row_notes(sources, passage.header, cells, amounts);
  // The cells before the first figure label the row; those after it are notes.
  std::string row_label;
  for (std::size_t i = 0; i < first_amount; ++i) row_label += (row_label.empty() ? "" : ", ") + cells[i];
  const Attributes row = attributes_of(row_label, sources);
  Attributes table;
  table.role = first_of(sources.roles.roles_in(passage.caption));
  if (sources.roles.roles_in(passage.caption).size() > 1) table.role.clear();
  for (std::size_t i = first_amount; i < cells.size(); ++i) {
    if (!amounts[i]) continue;
    const std::string column = i < passage.header.size() ? passage.header[i] : std::string();
    Attributes attributes = row;
    const Attributes by_column = attributes_of(column, sources);
    // A column headed "Junior" states the level; a row label's word ("Mid-size Startups") does less.
    if (says_level(by_column)) {
      attributes.level = by_column.level;
      attributes.years = by_column.years;
    }
    attributes.fill_from(by_column);
    attributes.fill_from(table);
    if (attributes.role.empty()) attributes.role = passage_role;
    auto figure = figure_from(*amounts[i], attributes, passage);
    figure.label = row_label;
    if (!by_column.empty() || !by_column.role.empty()) figure.label += (figure.label.empty() ? "" : ", ") + column;
    figure.quote = cut((column.empty() ? "" : column + ": ") + cells[i] + (row_label.empty() ? "" : " (" + row_label + ")"));
    figure.context = cut(passage.caption);
    figure.notes = notes;
    out.push_back(std::move(figure));
  }
}

// "Entry-Level (0–2 years): ₹6–10 LPA": the label before a colon that precedes the figure,
// after the figure before it ("Fresher: ₹4–6 LPA | Mid-level: ₹10–16 LPA").
std::string label_before(std::string_view sentence, std::size_t from, std::size_t amount_begin) {
  const auto part = sentence.substr(from, amount_begin - from);
  const auto colon = part.rfind(':');
  if (colon == std::string_view::npos || colon > 100) return {};
  return trimmed(part.substr(0, colon));
}


// Which words of a sentence with several figures say what each is for: those before each
// ("for entry-level positions INR 4-6 lakh, for mid-level INR 6-10 lakh") or those after
// ("INR 4-6 lakh for entry-level positions, INR 6-10 lakh for mid-level positions").
enum class LabelSide { around, before, after };

LabelSide label_side(std::string_view sentence, const std::vector<Amount>& amounts, const FactSources& sources) {
  if (amounts.size() < 2) return LabelSide::around;
  if (says_level(attributes_of(sentence.substr(0, amounts.front().begin), sources))) return LabelSide::before;
  if (says_level(attributes_of(sentence.substr(amounts.back().end), sources))) return LabelSide::after;
  return LabelSide::around;
}

void read_running_text(const FactSources& sources, const Passage& passage, const std::string& passage_role,
                       Facts& facts) {
  const auto sentences = sentences_of(passage.text);
  std::optional<Attributes> group;  // read at the first figure: most passages have none
  for (std::size_t s = 0; s < sentences.size(); ++s) {
    const auto sentence = sentences[s];
    const auto amounts = find_amounts(sentence);
    const std::string_view previous = s > 0 ? sentences[s - 1] : std::string_view();
    const LabelSide side = label_side(sentence, amounts, sources);
    // Where, when, whom: said once before the first figure, they hold for all of them.
    const Attributes shared = amounts.empty() ? Attributes{} : attributes_of(sentence.substr(0, amounts[0].begin), sources);
    for (std::size_t a = 0; a < amounts.size(); ++a) {
      // The words around this figure, up to its neighbours, say what it is for.
      const std::size_t from = a == 0 ? 0 : amounts[a - 1].end;
      const std::size_t to = a + 1 < amounts.size() ? amounts[a + 1].begin : sentence.size();
      Attributes attributes = attributes_of(sentence.substr(from, to - from), sources);
      if (side != LabelSide::around) {
        const std::string role = attributes.role;
        attributes = side == LabelSide::before
                         ? attributes_of(sentence.substr(from, amounts[a].begin - from), sources)
                         : attributes_of(sentence.substr(amounts[a].end, to - amounts[a].end), sources);
        if (attributes.role.empty()) attributes.role = role;
        Attributes place = shared;
        place.level.clear();
        place.years.reset();
        attributes.fill_from(place);
      }
      const std::string label = label_before(sentence, from, amounts[a].begin);
      if (!label.empty()) attributes.fill_from(attributes_of(label, sources));
      if (!group) group = attributes_of(passage.group, sources);
      attributes.fill_from(*group);
      if (attributes.empty() && !previous.empty() && leans_on_previous(sentence)) {
        const std::string role = attributes.role;
        attributes.fill_from(attributes_of(previous, sources));
        attributes.role = role;
      }
      if (attributes.role.empty()) attributes.role = passage_role;
      auto figure = figure_from(amounts[a], attributes, passage);
      // "Salary: ₹6–10 LPA" under "Entry-Level (0–2 years)": the group is the label that says something.
      figure.label = !label.empty() && !attributes_of(label, sources).empty() ? label : passage.group;
      if (figure.label.empty()) figure.label = label;
      // "5. Director of Product Management" over "Experience: 12 years Salary Range: ...": a label
      // that gives only years leaves the title to the group.
      const Attributes by_label = attributes_of(label, sources);
      if (figure.label == label && !passage.group.empty() && by_label.level.empty() && by_label.years)
        figure.label = passage.group + " — " + label;
      figure.quote = cut(passage.group.empty() || !figure.label.empty() ? sentence : passage.group + ": " + std::string(sentence));
      if (!previous.empty() && leans_on_previous(sentence)) figure.context = cut(previous);
      facts.salaries.push_back(std::move(figure));
      // "**Senior (6–9 yrs):** ₹15–24 LPA. Leads analysis on large programmes ...": what follows
      // the figure in its passage is what that level does.
      if (a == 0 && s == 0 && amounts.size() == 1 && sentences.size() > 1 && !label.empty() &&
          !facts.salaries.back().level.empty()) {
        LevelDuties duties{facts.salaries.back().role, facts.salaries.back().level, label, {}, passage.id};
        for (std::size_t rest = 1; rest < sentences.size(); ++rest) duties.items.emplace_back(sentences[rest]);
        facts.duties.push_back(std::move(duties));
      }
    }
  }
}

// "Responsibilities: assisting in pipelines, basic deployments" under a band's group.
void read_group_duties(const FactSources& sources, const Passage& passage, const std::string& passage_role,
                       Facts& facts) {
  const auto colon = passage.text.find(':');
  if (colon == std::string::npos || passage.group.empty()) return;
  const auto topics = sources.labeler.labels("section_topic", passage.text.substr(0, colon));
  if (std::find(topics.begin(), topics.end(), "responsibilities") == topics.end()) return;
  Attributes group = attributes_of(passage.group, sources);
  if (group.level.empty() && group.years) group.level = level_of_years(*group.years);
  if (group.level.empty()) return;
  LevelDuties duties{group.role.empty() ? passage_role : group.role, group.level, passage.group, {}, passage.id};
  std::string_view rest = std::string_view(passage.text).substr(colon + 1);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    if (auto item = trimmed(rest.substr(0, comma)); !item.empty()) duties.items.push_back(item);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  facts.duties.push_back(std::move(duties));
}

// What makes two figures the same statement of one document.
std::string identity_of(const SalaryFigure& f, const std::vector<Passage>& passages) {
  auto number = [](const std::optional<double>& value) { return value ? std::to_string(*value) : std::string("-"); };
  return f.role + "|" + f.level + "|" + number(f.years_from) + "|" + number(f.years_to) + "|" + f.city + "|" +
         f.company_type + "|" + f.industry + "|" + f.currency + "|" + std::to_string(f.min) + "|" +
         std::to_string(f.max) + "|" + (f.overall ? "o" : "") + "|" + passages[static_cast<std::size_t>(f.passage)].doc;
}

}  // namespace

void read_salaries(const FactSources& sources, Facts& facts) {
  for (const auto& passage : sources.passages) {
    const std::string& role = facts.role_of_passage(passage.id);
    if (passage.kind == PassageKind::table_row) {
      std::vector<SalaryFigure> row;
      read_table_row(sources, passage, role, row);
      for (auto& figure : row) facts.salaries.push_back(std::move(figure));
    } else {
      read_running_text(sources, passage, role, facts);
      read_group_duties(sources, passage, role, facts);
    }
  }
  // "Senior QA Engineer / Test Architect" over a band: titles offered as alternatives
  // in the figure's label are each stated that band (a label that sets roles side by side,
  // "Data Scientist vs Data Engineer", states it for neither).
  const std::size_t read = facts.salaries.size();
  for (std::size_t i = 0; i < read; ++i) {
    const auto& label = facts.salaries[i].label;
    if (label.find(" / ") == std::string::npos && label.find(" or ") == std::string::npos) continue;
    for (const auto& other : sources.roles.roles_in(label)) {
      if (other == facts.salaries[i].role) continue;
      SalaryFigure copy = facts.salaries[i];
      copy.role = other;
      facts.salaries.push_back(std::move(copy));
    }
  }
  // A figure without a role cannot be given for any; a document that says the same figure twice
  // ("Senior-Level (5+ years): ₹20–40 LPA" in two sections) states one fact.
  auto& salaries = facts.salaries;
  salaries.erase(std::remove_if(salaries.begin(), salaries.end(), [](const SalaryFigure& f) { return f.role.empty(); }),
                 salaries.end());
  std::vector<SalaryFigure> kept;
  std::map<std::string, std::size_t> seen;
  for (auto& figure : salaries) {
    const auto [at, fresh] = seen.try_emplace(identity_of(figure, sources.passages), kept.size());
    if (fresh) {
      kept.push_back(std::move(figure));
      continue;
    }
    auto& first = kept[at->second];
    first.open_ended = first.open_ended || figure.open_ended;
    // The statement under a band's own label, beside what the band does, is the better source.
    const auto& first_passage = sources.passages[static_cast<std::size_t>(first.passage)];
    const auto& this_passage = sources.passages[static_cast<std::size_t>(figure.passage)];
    if (first_passage.group.empty() && !this_passage.group.empty()) {
      first.passage = figure.passage;
      first.quote = figure.quote;
    }
  }
  salaries = std::move(kept);
}

}  // namespace knowledge
