// How pay figures are said and given as data: shared by salary.estimate and salary.compare.
#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "bot/handlers/handler.hpp"
#include "bot/salary_match.hpp"

namespace bot {

// "An MLOps Engineer", "A Cloud Engineer".
std::string with_article(const std::string& noun);
// "a startup", "an MNC", "an IT services company".
std::string company_phrase(const std::string& company_type);
// "₹10–20 LPA", "₹2–4 crore a year", "$120,000–160,000 a year".
std::string amount_text(const knowledge::SalaryFigure& figure);
// "0–2 years", "5+ years", or empty.
std::string years_text(const knowledge::SalaryFigure& figure);

// A comparison's row for the role ("MLOps Engineer | ₹10–25 LPA"): a figure for no level, city
// or employer whose label is the role's name. A row of pay by company ("Amazon | ₹22 LPA") is not.
bool is_role_row(const HandlerContext& ctx, const knowledge::SalaryFigure& figure);

// The contract's data.salary for one figure: role, level, min_lpa, max_lpa, currency, unit and
// what it was stated for.
boost::json::object salary_json(const HandlerContext& ctx, const knowledge::SalaryFigure& figure);

// The question as a query of `role`'s figures: its experience, level, city, company type,
// industry, and its own words less the role's name and the words every pay question has.
SalaryQuery salary_query(const HandlerContext& ctx, const std::string& role);

// Every figure the documents give for `role`: its bands as a table, its figures by city,
// employer and overall; data.salary holds the bands.
void role_overview(const HandlerContext& ctx, Answer& answer, const std::string& role);

// A role the documents name without giving pay for it: they say so, and what they say of it.
void no_figures_for(const HandlerContext& ctx, Answer& answer, const std::string& role);

// No role named and none to assume: ask which one, with the roles the documents cover.
void ask_which_role(const HandlerContext& ctx, Answer& answer);

}  // namespace bot
