#include "bot/confidence.hpp"

#include <algorithm>
#include <cmath>

namespace bot {
namespace {

constexpr double kIntercept = 0.303;
constexpr double kRulesWeight = 1.772;
constexpr double kClassifierWeight = 0.453;

}  // namespace

double calibrated_confidence(double rules, double classifier, std::size_t intents) {
  // Away from 0 and 1, where a logarithm has no value.
  rules = std::clamp(rules, 1e-3, 0.999);
  classifier = std::clamp(classifier, 1e-4, 0.9999);
  const double evidence =
      kIntercept + kRulesWeight * std::log(rules / (1 - rules)) +
      kClassifierWeight * std::log(static_cast<double>(std::max<std::size_t>(intents, 1)) * classifier);
  return 1 / (1 + std::exp(-evidence));
}

}  // namespace bot
