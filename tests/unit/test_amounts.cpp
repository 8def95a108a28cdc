// Pay amounts and experience spans in the ways documents write them.
#include <catch2/catch.hpp>

#include "knowledge/amounts.hpp"

namespace {

std::vector<knowledge::Amount> amounts(std::string_view text) { return knowledge::find_amounts(text); }

void check_one(std::string_view text, double min, double max, std::string_view currency = "INR", bool open = false) {
  INFO(text);
  const auto found = amounts(text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].min == Approx(min));
  CHECK(found[0].max == Approx(max));
  CHECK(found[0].currency == currency);
  CHECK(found[0].open_ended == open);
}

}  // namespace

TEST_CASE("INR amounts in every notation become lakh per annum") {
  check_one("Entry-Level (0–2 years): ₹6–10 LPA", 6, 10);
  check_one("Salary: ₹6 LPA – ₹10 LPA", 6, 10);
  check_one("Salary: ₹40 LPA – ₹60+ LPA (depending on company)", 40, 60, "INR", true);
  check_one("most analysts earn 10–18 LPA; those who own incidents", 10, 18);
  check_one("Freshers usually start between 4 and 7 lakh a year, and that range holds", 4, 7);
  check_one("take home between ₹18,00,000 and ₹30,00,000 per annum.", 18, 30);
  check_one("packages of ₹30 lakh to ₹55 lakh are common", 30, 55);
  check_one("hired at ₹2 crore to ₹4 crore a year, variable pay included", 200, 400);
  check_one("analysts there generally earn 3.5 to 14 LPA across L1 and L2 roles", 3.5, 14);
  check_one("Associate Product Manager (0–2 yrs): ₹8–15 LPA", 8, 15);
  check_one("a package of Rs. 12,00,000 per annum", 12, 12);
  check_one("INR 9-16 lakhs", 9, 16);
  check_one("₹12L – ₹18L", 12, 18);
  check_one("up to ₹1 crore+ for a CISO", 100, 100, "INR", true);
  check_one("an average of ₹7.55 LPA", 7.55, 7.55);
}

TEST_CASE("a range written with its unit or sign on one end only") {
  check_one("FAANG India: ₹18–30L for juniors", 18, 30);
  check_one("₹12L–20L", 12, 20);
  check_one("principal: ₹60–1 Cr", 60, 100);
  check_one("staff: ₹90L–1.5 Cr", 90, 150);
  check_one("Data Engineer (3): ₹8–1.2 Cr LPA", 8, 120);
  check_one("starting salaries ranging from Rs. 5 lakhs per annum (LPA) to Rs. 20 LPA.", 5, 20);
  CHECK(knowledge::cell_amount("₹25–45L", std::nullopt)->max == Approx(45));
  CHECK(knowledge::cell_amount("₹8–1.2 Cr LPA", std::nullopt)->max == Approx(120));
  CHECK(knowledge::cell_amount("₹60–1 Cr", std::nullopt)->min == Approx(60));
}

TEST_CASE("rupees without their sign: a lost sign, or a yearly amount in full") {
  // A page in a legacy encoding shows "?" where "₹" was.
  check_one("Salary Range: ?800,000 to ?1,500,000 per annum", 8, 15);
  check_one("Salary Range: 800,000 to 1,500,000 per annum", 8, 15);
  CHECK(amounts("Is it worth it? 2024 was a good year").empty());
  CHECK(amounts("the survey covered 12,000 people a year").empty());  // small grouped counts stay counts
}

TEST_CASE("a floor is an open-ended amount") {
  check_one("leaders can earn upwards of Rs. 1 crore", 100, 100, "INR", true);
  check_one("more than ₹50 LPA at the top", 50, 50, "INR", true);
}

TEST_CASE("other currencies keep their own unit") {
  check_one("In the US they earn $120,000 to $160,000 a year", 120000, 160000, "USD");
  check_one("around $130k", 130000, 130000, "USD");
  check_one("USD 90,000–120,000 per year", 90000, 120000, "USD");
  check_one("€55,000 in Berlin", 55000, 55000, "EUR");
}

TEST_CASE("counts, percentages and years are not pay") {
  CHECK(amounts("India has roughly 4.16 lakh AI professionals, yet a gap of about 51%").empty());
  CHECK(amounts("LinkedIn lists more than 13,000 BA openings in India").empty());
  CHECK(amounts("an extra 18–22% on top of already high AI pay").empty());
  CHECK(amounts("With three to six years of experience (0–2 years)").empty());
  CHECK(amounts("In 2025 the survey found").empty());
  CHECK(amounts("a stipend of ₹25,000 per month").empty());
}

TEST_CASE("several amounts in one sentence are each found") {
  const auto found = amounts("L1 ₹3.5–6 LPA, L2 ₹7–14 LPA and L3 ₹15–25 LPA");
  REQUIRE(found.size() == 3);
  CHECK(found[1].min == Approx(7));
  CHECK(found[2].max == Approx(25));
}

TEST_CASE("table cells read in the unit their caption names") {
  const auto lakh = knowledge::unit_named_in("Cloud engineer salary, ₹ lakh per annum (LPA)");
  REQUIRE(lakh);
  const auto cell = knowledge::cell_amount("4.5–9", lakh);
  REQUIRE(cell);
  CHECK(cell->min == Approx(4.5));
  CHECK(cell->max == Approx(9));
  CHECK(knowledge::cell_amount("₹7–12 LPA", std::nullopt)->max == Approx(12));
  CHECK_FALSE(knowledge::cell_amount("12–24", std::nullopt));
  CHECK_FALSE(knowledge::cell_amount("0–2 years (associate)", lakh));
  CHECK_FALSE(knowledge::cell_amount("Bengaluru", lakh));
  const auto usd = knowledge::unit_named_in("Salary (USD)");
  REQUIRE(usd);
  CHECK(knowledge::cell_amount("90,000-120,000", usd)->currency == "USD");
  CHECK(knowledge::cell_amount("6,00,000 – 12,00,000", knowledge::unit_named_in("Salary (₹)"))->max == Approx(12));
}

TEST_CASE("experience spans in words and digits") {
  auto span = [](std::string_view text) { return knowledge::find_year_span(text); };
  CHECK(span("Entry-Level (0–2 years):")->to == Approx(2));
  CHECK_FALSE(span("Senior-Level (5+ years):")->to);
  CHECK(span("Senior-Level (5+ years):")->from == Approx(5));
  CHECK(span("With three to six years of experience")->from == Approx(3));
  CHECK(span("With three to six years of experience")->to == Approx(6));
  CHECK(span("through their first two years")->to == Approx(2));
  CHECK(span("through their first two years")->from == Approx(0));
  // "a year" is a rate, not one year of experience.
  const auto freshers = span("start between 4 and 7 lakh a year, and that holds through their first two years");
  REQUIRE(freshers);
  CHECK(freshers->from == Approx(0));
  CHECK(freshers->to == Approx(2));
  CHECK_FALSE(span("₹2 crore to ₹4 crore a year"));
  CHECK_FALSE(span("After ten years the title usually becomes")->to);
  CHECK(span("After ten years the title usually becomes")->from == Approx(10));
  CHECK(span("Mid level (3–5 yrs):")->from == Approx(3));
  CHECK(span("8+ years (lead / architect)")->from == Approx(8));
  CHECK_FALSE(span("no experience here"));
  CHECK(knowledge::level_of_years({0, 2}) == "entry");
  CHECK(knowledge::level_of_years({8, std::nullopt}) == "lead");
}

TEST_CASE("amounts are written back as people write them") {
  CHECK(knowledge::format_amount(10, 20, false, "INR") == "₹10–20 LPA");
  CHECK(knowledge::format_amount(40, 60, true, "INR") == "₹40–60+ LPA");
  CHECK(knowledge::format_amount(200, 400, false, "INR") == "₹2–4 crore a year");
  CHECK(knowledge::format_amount(120000, 160000, false, "USD") == "$120,000–160,000 a year");
  CHECK(knowledge::format_amount(7.55, 7.55, false, "INR") == "₹7.55 LPA");
}
