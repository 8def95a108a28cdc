// A statistical second opinion beside the rules: which intent a question's words resemble, learned
// from labelled sentences (today the intents' examples: the documents' section sentences were
// tried and made it agree with the rules less often; README "Calibration").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace intents {

// Multinomial logistic regression over hashed features of normalized text: word unigrams and
// bigrams, and character 3- to 5-grams (which carry typos, Hinglish endings and compounds that a
// word misses). Trained deterministically: the samples in the order given, a fixed number of
// passes, no random numbers, so the same samples always give the same weights. Immutable after
// train(); probabilities() may be called from any thread.
class IntentClassifier {
 public:
  struct Sample {
    std::string intent;  // must be one of the intents given to train()
    std::string text;    // normalized text
    float weight = 1;    // how much it counts beside the other samples
  };

  // Samples of an intent not in `intents` are skipped. With no samples at all, every intent is
  // equally likely.
  static IntentClassifier train(std::vector<std::string> intents, const std::vector<Sample>& samples);

  // P(intent | text) for each intent, in the order of intents(); they sum to 1. Reads at most
  // kMaxTextBytes of `normalized`.
  std::vector<double> probabilities(std::string_view normalized) const;
  // The probability of one intent (0 for a name the classifier does not know).
  double probability(std::string_view normalized, std::string_view intent) const;

  const std::vector<std::string>& intents() const { return intents_; }
  // The weights' memory.
  std::size_t model_bytes() const { return weights_.size() * sizeof(float) + bias_.size() * sizeof(float); }

  // A feature's weights are a row of whole blocks of kLanes floats (the intents, then zeros), so
  // that adding a row is a loop of fixed length the compiler turns into vector instructions.
  static constexpr std::size_t kLanes = 8;

  // 2^16 hashed features: a few collisions among the few thousand features of the training text
  // cost less than the memory of more buckets (65,536 × 16 × 4 bytes: 4.2 MB for 14 intents).
  static constexpr int kFeatureBits = 16;
  static constexpr std::size_t kMaxTextBytes = 512;  // a long post's main question is shorter
  static constexpr int kPasses = 20;

 private:
  // The feature buckets of `normalized` (with repeats: a feature seen twice counts twice).
  static std::vector<std::uint32_t> features(std::string_view normalized);
  // Scores per intent for the features, then turned into probabilities in place.
  void softmax(const std::vector<std::uint32_t>& features, float scale, std::vector<double>& out) const;

  std::vector<std::string> intents_;
  std::size_t stride_ = 0;      // a row's floats: the intents rounded up to whole blocks of kLanes
  std::vector<float> weights_;  // [feature][stride_]: one feature's weights side by side
  std::vector<float> bias_;
};

}  // namespace intents
