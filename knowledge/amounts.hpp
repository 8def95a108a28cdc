// Pay amounts and experience spans as documents write them, read into numbers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace knowledge {

// A pay figure found in text: a range (or one amount, min == max) per year.
// INR amounts are in lakh per annum (unit "lpa"): "₹12,00,000" is 12, "₹2 crore" is 200.
// Any other currency keeps its own unit ("USD", 120000 for "$120,000"): never converted.
struct Amount {
  double min = 0, max = 0;
  bool open_ended = false;      // "₹40+ LPA", "₹1 crore+"
  std::string currency = "INR"; // ISO 4217 code
  std::string unit = "lpa";     // "lpa" for INR, "year" for other currencies
  std::size_t begin = 0, end = 0;  // where it stands in the text (bytes)
};

// What a table's caption or header says about its bare numbers ("₹ lakh per annum (LPA)",
// "Salary (USD)"): the currency and unit a cell such as "12–24" is in, if any.
struct AmountUnit {
  std::string currency;  // "INR", "USD", ...
  std::string unit;      // "lpa", "rupees", "crore", "year" (whole units of a foreign currency)
};
std::optional<AmountUnit> unit_named_in(std::string_view text);

// The pay amounts `text` states. Bare numbers count only with a currency or a pay unit next to
// them (₹, Rs, INR, $, LPA, lakh, crore, per annum); "4.16 lakh AI professionals" and "13,000
// openings" are counts, not pay. Percentages and years are never amounts.
std::vector<Amount> find_amounts(std::string_view text);

// A table cell that is only a number or a range ("12–24", "4.5-9", "₹7–12 LPA"), read in
// `unit` when the cell names none. Empty when the cell holds anything else.
std::optional<Amount> cell_amount(std::string_view cell, const std::optional<AmountUnit>& unit);

// Years of experience a text states: "(0–2 years)", "5+ yrs", "three to six years",
// "first two years" (0–2), "after ten years" (10+), "with 7 years" (7–7).
struct YearSpan {
  double from = 0;
  std::optional<double> to;  // none: open-ended ("8+ years")
  bool contains(double years) const { return years >= from && (!to || years <= *to); }
};
std::optional<YearSpan> find_year_span(std::string_view text);

// The level a span of years usually names when the document gives no word for it:
// under 2 years entry, under 5 mid, under 8 senior, else lead.
std::string level_of_years(const YearSpan& span);

// "₹10–20 LPA", "₹40–60+ LPA", "$90,000–120,000 a year".
std::string format_amount(double min, double max, bool open_ended, std::string_view currency);

}  // namespace knowledge
