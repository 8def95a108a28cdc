#include "knowledge/amounts.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

namespace knowledge {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Case-insensitive: does `text` at `at` start with `word` (ASCII)?
bool starts_with_at(std::string_view text, std::size_t at, std::string_view word) {
  if (at + word.size() > text.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (lower(text[at + i]) != lower(word[i])) return false;
  return true;
}

// `word` at `at`, not followed by a letter: "cr" in "cr a year" but not in "crore".
bool word_at(std::string_view text, std::size_t at, std::string_view word) {
  return starts_with_at(text, at, word) && (at + word.size() == text.size() || !is_alpha(text[at + word.size()]));
}

std::size_t skip_spaces(std::string_view text, std::size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n')) ++at;
  // A no-break space (U+00A0) or a narrow one (U+202F) between figure and unit.
  while (at + 1 < text.size() && static_cast<unsigned char>(text[at]) == 0xC2 &&
         static_cast<unsigned char>(text[at + 1]) == 0xA0)
    at = skip_spaces(text, at + 2);
  return at;
}

constexpr std::string_view kRupee = "\u20B9";
constexpr std::string_view kEuro = "\u20AC";
constexpr std::string_view kPound = "\u00A3";
constexpr std::string_view kEnDash = "\u2013";
constexpr std::string_view kEmDash = "\u2014";

struct CurrencyWord {
  std::string_view text;
  std::string_view code;
  bool needs_word_end;  // "Rs" must not be the start of "Rsomething"
};
constexpr std::array<CurrencyWord, 12> kCurrencies{{{kRupee, "INR", false},
                                                    {"rs.", "INR", false},
                                                    {"rs", "INR", true},
                                                    {"inr", "INR", true},
                                                    {"us$", "USD", false},
                                                    {"usd", "USD", true},
                                                    {"$", "USD", false},
                                                    {kEuro, "EUR", false},
                                                    {"eur", "EUR", true},
                                                    {kPound, "GBP", false},
                                                    {"gbp", "GBP", true},
                                                    {"aed", "AED", true}}};

// The currency written just before `at` ("₹", "Rs. ", "USD "), and where it starts.
std::optional<std::pair<std::string_view, std::size_t>> currency_before(std::string_view text, std::size_t at) {
  // "?800,000": a page saved in a legacy encoding lost its "₹" to a "?" stuck to the digits.
  if (at > 0 && text[at - 1] == '?' && (at == 1 || (!is_alpha(text[at - 2]) && !is_digit(text[at - 2]))))
    return std::make_pair(std::string_view("INR"), at - 1);
  std::size_t end = at;
  while (end > 0 && text[end - 1] == ' ') --end;
  for (const auto& currency : kCurrencies) {
    if (end < currency.text.size()) continue;
    const std::size_t start = end - currency.text.size();
    if (!starts_with_at(text, start, currency.text)) continue;
    if (currency.needs_word_end && start > 0 && is_alpha(text[start - 1])) continue;
    return std::make_pair(currency.code, start);
  }
  return std::nullopt;
}

enum class Scale { none, thousand, lakh, crore, lpa };

// One number as written, with what stands around it.
struct Figure {
  std::size_t begin = 0, end = 0;  // the whole figure: currency, number, scale, "+"
  double value = 0;
  std::string_view currency;       // empty when none is written
  Scale scale = Scale::none;
  bool plus = false;
  bool grouped = false;            // written with thousands separators: "18,00,000", "120,000"
};

// Reads a number at `at` ("18,00,000", "4.5", "120,000"), if one starts there.
std::optional<Figure> number_at(std::string_view text, std::size_t at) {
  if (at >= text.size() || !is_digit(text[at])) return std::nullopt;
  if (at > 0 && (is_alpha(text[at - 1]) || is_digit(text[at - 1]) || text[at - 1] == '.')) return std::nullopt;
  Figure figure;
  figure.begin = at;
  std::string digits;
  std::size_t i = at;
  while (i < text.size()) {
    if (is_digit(text[i])) {
      digits += text[i++];
    } else if (text[i] == ',' && i + 1 < text.size() && is_digit(text[i + 1]) && !digits.empty()) {
      // A separator only when groups of two or three digits follow: "18,00,000", "120,000".
      std::size_t run = i + 1;
      while (run < text.size() && is_digit(text[run])) ++run;
      if (run - (i + 1) != 2 && run - (i + 1) != 3) break;
      figure.grouped = true;
      ++i;
    } else {
      break;
    }
  }
  if (i + 1 < text.size() && text[i] == '.' && is_digit(text[i + 1])) {
    digits += text[i++];
    while (i < text.size() && is_digit(text[i])) digits += text[i++];
  }
  if (digits.size() > 12) return std::nullopt;  // no pay has that many digits
  std::from_chars(digits.data(), digits.data() + digits.size(), figure.value);
  figure.end = i;
  return figure;
}

// Reads what follows a number: "k", "+", "LPA", "lakh", "crore", "L", "Cr" and a trailing "+".
void read_suffix(std::string_view text, Figure& figure, bool currency_in_range) {
  std::size_t i = figure.end;
  if (i < text.size() && (text[i] == 'k' || text[i] == 'K') && (i + 1 == text.size() || !is_alpha(text[i + 1]))) {
    figure.scale = Scale::thousand;
    figure.end = ++i;
  }
  if (i < text.size() && text[i] == '+') {
    figure.plus = true;
    figure.end = ++i;
  }
  const std::size_t unit_at = skip_spaces(text, i);
  struct UnitWord {
    std::string_view word;
    Scale scale;
    bool needs_currency;  // "12L" reads as lakh only after a currency sign
  };
  static constexpr UnitWord kUnits[] = {{"lpa", Scale::lpa, false},     {"lakhs", Scale::lakh, false},
                                        {"lakh", Scale::lakh, false},   {"lacs", Scale::lakh, false},
                                        {"lac", Scale::lakh, false},    {"crores", Scale::crore, false},
                                        {"crore", Scale::crore, false}, {"cr", Scale::crore, true},
                                        {"l", Scale::lakh, true}};
  if (figure.scale == Scale::none) {
    for (const auto& unit : kUnits) {
      if (!word_at(text, unit_at, unit.word)) continue;
      if (unit.needs_currency && figure.currency.empty() && !currency_in_range) break;
      figure.scale = unit.scale;
      figure.end = unit_at + unit.word.size();
      break;
    }
  }
  if (figure.end < text.size() && text[figure.end] == '+') {
    figure.plus = true;
    ++figure.end;
  }
}

// `currency_in_range`: the other end of a range names the currency, so "₹18–30L" reads its "L".
std::optional<Figure> figure_at(std::string_view text, std::size_t at, bool currency_in_range = false) {
  auto figure = number_at(text, at);
  if (!figure) return std::nullopt;
  if (const auto currency = currency_before(text, at)) {
    figure->currency = currency->first;
    figure->begin = currency->second;
  }
  read_suffix(text, *figure, currency_in_range);
  return figure;
}

// "per annum (LPA)", "a year", "p.a." between the two ends of "from Rs. 5 lakhs per annum
// (LPA) to Rs. 20 LPA": where the text goes on after them.
std::size_t skip_pay_period(std::string_view text, std::size_t at) {
  std::size_t i = skip_spaces(text, at);
  for (std::string_view period : {"per annum", "per year", "a year", "p.a.", "annually"})
    if (starts_with_at(text, i, period)) {
      i = skip_spaces(text, i + period.size());
      break;
    }
  for (std::string_view unit : {"(lpa)", "(ctc)"})
    if (starts_with_at(text, i, unit)) i = skip_spaces(text, i + unit.size());
  return i == skip_spaces(text, at) ? at : i;
}

// "₹60–1 Cr", "₹8–1.2 Cr": a bare lower end that the crore of the upper end would make the
// larger one is in lakh.
void scale_lower_end(Figure& low, const Figure& high) {
  if (low.scale != Scale::none || high.scale == Scale::none) return;
  low.scale = high.scale == Scale::crore && low.value > high.value ? Scale::lakh : high.scale;
}

// Where a number starts at or after `at`, skipping a currency sign: "₹ 30", "$120".
std::size_t number_start(std::string_view text, std::size_t at) {
  at = skip_spaces(text, at);
  for (const auto& currency : kCurrencies)
    if (starts_with_at(text, at, currency.text) && (!currency.needs_word_end || !is_alpha(text[at + currency.text.size()])))
      return skip_spaces(text, at + currency.text.size());
  if (at + 1 < text.size() && text[at] == '?' && is_digit(text[at + 1])) return at + 1;  // a lost "₹"
  return at;
}

// The connector of a range after `at`: "–", "-", "to", or "and" after "between".
std::optional<std::size_t> range_connector(std::string_view text, std::size_t at, bool between) {
  at = skip_spaces(text, at);
  for (std::string_view dash : {kEnDash, kEmDash, std::string_view("-")})
    if (starts_with_at(text, at, dash)) return at + dash.size();
  if (word_at(text, at, "to")) return at + 2;
  if (between && word_at(text, at, "and")) return at + 3;
  return std::nullopt;
}

bool preceded_by_between(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end > 0 && text[end - 1] == ' ') --end;
  return end >= 7 && starts_with_at(text, end - 7, "between");
}

// "%", "percent", "years", "yrs", "months": the number is something other than pay.
bool followed_by_other_unit(std::string_view text, std::size_t at) {
  at = skip_spaces(text, at);
  if (at < text.size() && text[at] == '%') return true;
  for (std::string_view word : {"percent", "per cent", "years", "year", "yrs", "yr", "months", "month", "x "})
    if (word_at(text, at, word)) return true;
  return false;
}

// Words that may follow "4 and 7 lakh" when it is pay; any other word makes it a count.
bool pay_follows(std::string_view text, std::size_t at) {
  at = skip_spaces(text, at);
  if (at >= text.size() || !is_alpha(text[at])) return true;
  for (std::string_view word : {"a ", "an ", "per", "p.a", "pa ", "annual", "yearly", "every", "each", "in ", "at ",
                                "for", "and", "or ", "to ", "with", "plus", "including", "ctc", "package", "salary",
                                "fixed", "on ", "depending", "is", "are", "was", "were", "as ", "inr", "rupees"})
    if (starts_with_at(text, at, word)) return true;
  return false;
}

bool monthly_after(std::string_view text, std::size_t at) {
  at = skip_spaces(text, at);
  for (std::string_view word : {"per month", "a month", "/month", "/mo", "pm ", "monthly", "every month"})
    if (starts_with_at(text, at, word)) return true;
  return false;
}

// A value in lakh per annum, or in whole units of a foreign currency.
double scaled(const Figure& figure, std::string_view currency) {
  double value = figure.value;
  switch (figure.scale) {
    case Scale::thousand: value *= 1000; break;
    case Scale::crore: value *= 100; break;
    case Scale::lakh:
    case Scale::lpa: break;
    case Scale::none:
      // "₹18,00,000" is rupees; a small "₹8–15" is shorthand for lakh.
      if (currency == "INR" && value >= 1000) value /= 100000;
      break;
  }
  if (currency == "INR" && figure.scale == Scale::thousand) value /= 100000;
  return value;
}

// "800,000 to 1,500,000 per annum": rupees in full, said to be yearly pay without a sign.
bool yearly_rupees(const Figure& last, std::string_view text) {
  if (!last.grouped || last.value < 10000) return false;
  const std::size_t at = skip_spaces(text, last.end);
  for (std::string_view period : {"per annum", "per year", "a year", "p.a.", "annually", "yearly"})
    if (starts_with_at(text, at, period)) return true;
  return false;
}

bool is_pay(const Figure& low, const Figure* high, std::string_view text) {
  const Figure& last = high ? *high : low;
  if (!monthly_after(text, last.end) && yearly_rupees(last, text)) return true;
  const bool currency = !low.currency.empty() || (high && !high->currency.empty());
  const bool lpa = low.scale == Scale::lpa || last.scale == Scale::lpa;
  const bool indian_unit = low.scale == Scale::lakh || low.scale == Scale::crore || last.scale == Scale::lakh ||
                           last.scale == Scale::crore;
  if (monthly_after(text, last.end)) return false;  // a monthly stipend is not an annual figure
  if (currency || lpa) return true;
  return indian_unit && pay_follows(text, last.end);
}

// "upwards of Rs. 1 crore", "more than ₹50 LPA": a floor, not the amount.
bool preceded_by_floor_words(std::string_view text, std::size_t at) {
  std::size_t end = at;
  while (end > 0 && text[end - 1] == ' ') --end;
  for (std::string_view words : {"upwards of", "upward of", "more than", "over", "above", "in excess of", "north of",
                                 "at least", "beyond"})
    if (end >= words.size() && starts_with_at(text, end - words.size(), words) &&
        (end == words.size() || !is_alpha(text[end - words.size() - 1])))
      return true;
  return false;
}

std::string_view currency_of(const Figure& low, const Figure* high) {
  if (!low.currency.empty()) return low.currency;
  if (high && !high->currency.empty()) return high->currency;
  return "INR";  // lakh, crore and LPA are Indian units
}

}  // namespace

std::optional<AmountUnit> unit_named_in(std::string_view text) {
  std::string lowered(text);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), lower);
  auto has = [&](std::string_view needle) { return lowered.find(needle) != std::string::npos; };
  auto has_word = [&](std::string_view word) {
    for (std::size_t at = lowered.find(word); at != std::string::npos; at = lowered.find(word, at + 1))
      if ((at == 0 || !is_alpha(lowered[at - 1])) && word_at(lowered, at, word)) return true;
    return false;
  };
  if (has_word("lpa") || has("lakh") || has_word("lac") || has_word("lacs")) return AmountUnit{"INR", "lpa"};
  if (has("crore")) return AmountUnit{"INR", "crore"};
  if (has(kRupee) || has_word("inr") || has("rupee") || has_word("rs")) return AmountUnit{"INR", ""};
  if (has("$") || has_word("usd")) return AmountUnit{"USD", "year"};
  if (has(kEuro) || has_word("eur")) return AmountUnit{"EUR", "year"};
  if (has(kPound) || has_word("gbp")) return AmountUnit{"GBP", "year"};
  return std::nullopt;
}

std::vector<Amount> find_amounts(std::string_view text) {
  std::vector<Amount> amounts;
  std::size_t at = 0;
  while (at < text.size()) {
    auto low = is_digit(text[at]) ? figure_at(text, at) : std::nullopt;
    if (!low) {
      ++at;
      continue;
    }
    if (followed_by_other_unit(text, low->end) && low->scale == Scale::none && low->currency.empty()) {
      at = low->end;
      continue;
    }
    std::optional<Figure> high;
    const std::size_t after_low = low->scale != Scale::none || !low->currency.empty() ? skip_pay_period(text, low->end)
                                                                                        : low->end;
    if (const auto next = range_connector(text, after_low, preceded_by_between(text, low->begin))) {
      const std::size_t start = number_start(text, *next);
      high = figure_at(text, start, !low->currency.empty());
      if (high && followed_by_other_unit(text, high->end) && high->scale == Scale::none && high->currency.empty())
        high.reset();
    }
    // "4 and 7 lakh", "10–18 LPA": the unit written once stands for both ends.
    if (high && !(high->scale == Scale::thousand && low->grouped)) scale_lower_end(*low, *high);
    if (!is_pay(*low, high ? &*high : nullptr, text)) {
      at = (high ? high->end : low->end);
      continue;
    }
    const std::string_view currency = currency_of(*low, high ? &*high : nullptr);
    Amount amount;
    amount.currency = std::string(currency);
    amount.unit = currency == "INR" ? "lpa" : "year";
    amount.min = scaled(*low, currency);
    amount.max = high ? scaled(*high, currency) : amount.min;
    amount.open_ended = low->plus || (high && high->plus) || (!high && preceded_by_floor_words(text, low->begin));
    amount.begin = low->begin;
    amount.end = high ? high->end : low->end;
    if (amount.min > amount.max) std::swap(amount.min, amount.max);
    if (amount.max > 0) amounts.push_back(amount);
    at = amount.end;
  }
  return amounts;
}

std::optional<Amount> cell_amount(std::string_view cell, const std::optional<AmountUnit>& unit) {
  const std::size_t first = number_start(cell, 0);
  auto low = figure_at(cell, first);
  if (!low) return std::nullopt;
  std::optional<Figure> high;
  std::size_t end = low->end;
  if (const auto next = range_connector(cell, low->end, false)) {
    high = figure_at(cell, number_start(cell, *next), !low->currency.empty());
    if (!high) return std::nullopt;
    end = high->end;
  }
  // Only a figure: anything but spaces, "+" and a per-year word after it is another kind of cell.
  end = skip_spaces(cell, end);
  for (std::string_view tail : {"per annum", "p.a.", "a year", "per year", "/yr", "/ yr", "lpa"})
    if (starts_with_at(cell, end, tail)) end = skip_spaces(cell, end + tail.size());
  if (end != cell.size()) return std::nullopt;
  if (high) scale_lower_end(*low, *high);
  const bool written = !low->currency.empty() || (high && !high->currency.empty()) || low->scale != Scale::none;
  if (!written && !unit) return std::nullopt;
  if (!written && unit->unit == "crore") {
    low->scale = Scale::crore;
    if (high && high->scale == Scale::none) high->scale = Scale::crore;
  }
  if (!written && unit->unit == "lpa") {
    low->scale = Scale::lpa;
    if (high && high->scale == Scale::none) high->scale = Scale::lpa;
  }
  const std::string_view currency =
      written ? currency_of(*low, high ? &*high : nullptr) : std::string_view(unit->currency);
  Amount amount;
  amount.currency = std::string(currency);
  amount.unit = currency == "INR" ? "lpa" : "year";
  amount.min = scaled(*low, currency);
  amount.max = high ? scaled(*high, currency) : amount.min;
  amount.open_ended = low->plus || (high && high->plus);
  amount.begin = low->begin;
  amount.end = end;
  if (amount.min > amount.max) std::swap(amount.min, amount.max);
  if (amount.max <= 0) return std::nullopt;
  return amount;
}

namespace {

// "three", "ten", "7", "6.5": a count of years.
std::optional<double> years_number(std::string_view word) {
  static constexpr std::pair<std::string_view, double> kWords[] = {
      {"one", 1},    {"two", 2},     {"three", 3},  {"four", 4},     {"five", 5},     {"six", 6},
      {"seven", 7},  {"eight", 8},   {"nine", 9},   {"ten", 10},     {"eleven", 11},  {"twelve", 12},
      {"fifteen", 15}, {"twenty", 20}};
  for (const auto& [name, value] : kWords)
    if (word.size() == name.size() && starts_with_at(word, 0, name)) return value;
  if (word.empty() || !is_digit(word.front())) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (error != std::errc() || end != word.data() + word.size() || value > 50) return std::nullopt;
  return value;
}

// Words of `text` (lower case), split at spaces and punctuation except '.', '+' and dashes.
struct Word {
  std::string text;
  std::size_t begin;
};
std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> words;
  std::string word;
  std::size_t begin = 0;
  auto flush = [&] {
    while (!word.empty() && word.back() == '.') word.pop_back();
    if (!word.empty()) words.push_back({word, begin});
    word.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_alpha(c) || is_digit(c) || (c == '.' && !word.empty() && i + 1 < text.size() && is_digit(text[i + 1]))) {
      if (word.empty()) begin = i;
      word += lower(c);
    } else if (c == '+') {
      flush();
      words.push_back({"+", i});
    } else if (c == '-' || starts_with_at(text, i, kEnDash) || starts_with_at(text, i, kEmDash)) {
      flush();
      words.push_back({"-", i});
      if (c != '-') i += 2;
    } else {
      flush();
    }
  }
  flush();
  return words;
}

bool is_years_word(const std::string& word) {
  return word == "years" || word == "year" || word == "yrs" || word == "yr" || word == "yoe";
}

}  // namespace

std::optional<YearSpan> find_year_span(std::string_view text) {
  const auto words = words_of(text);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!is_years_word(words[i].text)) continue;
    // "N - M years", "N to M years", "N + years", "N years"
    std::size_t j = i;
    bool plus = false;
    if (j > 0 && words[j - 1].text == "+") {
      plus = true;
      --j;
    }
    if (j == 0) continue;
    const auto last = years_number(words[j - 1].text);
    if (!last) continue;
    if (j >= 3 && (words[j - 2].text == "-" || words[j - 2].text == "to"))
      if (const auto first = years_number(words[j - 3].text); first && *first < *last)
        return YearSpan{*first, plus ? std::nullopt : std::optional<double>(*last)};
    if (plus) return YearSpan{*last, std::nullopt};
    const std::string before = j >= 2 ? words[j - 2].text : "";
    if (before == "first" || before == "initial") return YearSpan{0, *last};
    if (before == "after" || before == "over" || before == "beyond" || (before == "than" && j >= 3))
      return YearSpan{*last, std::nullopt};
    if (i + 2 < words.size() && (words[i + 1].text == "and" || words[i + 1].text == "or") &&
        (words[i + 2].text == "above" || words[i + 2].text == "more"))
      return YearSpan{*last, std::nullopt};
    return YearSpan{*last, *last};
  }
  return std::nullopt;
}

std::string level_of_years(const YearSpan& span) {
  if (span.from < 2) return "entry";
  if (span.from < 5) return "mid";
  if (span.from < 8) return "senior";
  return "lead";
}

namespace {

std::string plain_number(double value) {
  char buffer[32];
  const int decimals = std::fabs(value - std::round(value)) < 1e-9 ? 0 : (std::fabs(value * 10 - std::round(value * 10)) < 1e-9 ? 1 : 2);
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals).ptr;
  return std::string(buffer, end);
}

// 120000 -> "120,000": foreign amounts in the way their currency writes them.
std::string grouped_number(double value) {
  std::string digits = plain_number(std::round(value));
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

}  // namespace

std::string format_amount(double min, double max, bool open_ended, std::string_view currency) {
  const std::string plus = open_ended ? "+" : "";
  const bool range = std::fabs(max - min) > 1e-9;
  if (currency == "INR" || currency.empty()) {
    // Figures of a crore and more read as crore: "₹2–4 crore a year".
    if (min >= 100)
      return std::string(kRupee) + plain_number(min / 100) + (range ? "–" + plain_number(max / 100) : "") + plus +
             " crore a year";
    return std::string(kRupee) + plain_number(min) + (range ? "–" + plain_number(max) : "") + plus + " LPA";
  }
  const std::string sign = currency == "USD" ? "$" : currency == "EUR" ? std::string(kEuro)
                                                   : currency == "GBP" ? std::string(kPound)
                                                                       : std::string(currency) + " ";
  return sign + grouped_number(min) + (range ? "–" + grouped_number(max) : "") + plus + " a year";
}

}  // namespace knowledge
