// A number option that boost::program_options reads strictly: the whole text must be a number
// within [Low, High]. (Its own reading of an unsigned takes "-1" as the largest value, so
// `--threads -1` would ask for four billion threads.)
#pragma once

#include <boost/any.hpp>
#include <boost/program_options/errors.hpp>
#include <boost/program_options/value_semantic.hpp>
#include <charconv>
#include <ostream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

namespace cli {

// Use as po::value<NumberOption<unsigned, 0, 1024>>()->default_value({4}); read `.value`.
template <class T, T Low, T High>
struct NumberOption {
  T value{};
};

// The default's text in --help.
template <class T, T Low, T High>
std::ostream& operator<<(std::ostream& out, const NumberOption<T, Low, High>& number) {
  return out << number.value;
}

// Found by program_options through argument-dependent lookup. A bad value stops parsing with
// "the argument ('abc') for option '--port' must be a number from 0 to 65535".
template <class T, T Low, T High>
void validate(boost::any& result, const std::vector<std::string>& tokens, NumberOption<T, Low, High>*, int) {
  namespace po = boost::program_options;
  po::validators::check_first_occurrence(result);
  const std::string& text = po::validators::get_single_string(tokens);
  T value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  // Written so that NaN fails the range check too.
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || !(value >= Low && value <= High)) {
    std::ostringstream range;
    range << Low << " to " << High;
    po::error_with_option_name problem(
        "the argument ('%value%') for option '%canonical_option%' must be a number from " + range.str());
    problem.set_substitute("value", text);
    throw problem;
  }
  result = NumberOption<T, Low, High>{value};
}

}  // namespace cli
