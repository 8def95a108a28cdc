// One confidence from two opinions: the rules' (or the search's) and the classifier's.
#pragma once

#include <cstddef>

namespace bot {

// A Platt-style mapping: logistic(a + b·logit(rules) + c·log(intents · classifier)), where
// `rules` is the confidence the rules gave their intent (intents::Classification::confidence, or
// the search fallback's constant) and `classifier` the probability the classifier gives that same
// intent out of `intents`. A classifier that agrees (probability above 1/intents) raises the
// confidence, one that disagrees lowers it; one with no opinion leaves the rules' alone, rescaled.
// The three numbers were fitted (logistic regression, Brier score) to how often answers were right
// on the paraphrases with a third and then a half of the rules left out, so that the rules make
// mistakes to learn from; see README "Calibration". Returns a value in (0, 1).
double calibrated_confidence(double rules, double classifier, std::size_t intents);

// Below this calibrated confidence an answer was right less often than not when the rules were
// weakened (README "Calibration"): the learning log records such answers for review
// (LearningOptions::min_confidence), and `eval` counts them.
inline constexpr double kUnsureBelow = 0.5;

}  // namespace bot
