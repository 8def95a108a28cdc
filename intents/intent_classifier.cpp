#include "intents/intent_classifier.hpp"

#include <algorithm>
#include <cmath>

namespace intents {
namespace {

constexpr std::uint64_t kFnvBasis = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;
constexpr std::uint32_t kBucketMask = (1u << IntentClassifier::kFeatureBits) - 1;
// Different starting values keep a word, a word pair and a character n-gram of the same bytes
// in different buckets.
constexpr std::uint64_t kWordSalt = 0x9e3779b97f4a7c15ull;
constexpr std::uint64_t kPairSalt = 0xc2b2ae3d27d4eb4full;
constexpr int kMinChars = 3, kMaxChars = 5;
// Stochastic gradient steps: a fixed rate, smaller at each pass, and a little weight decay at
// each step so that the probabilities of a few dozen examples do not all run to 0 and 1.
constexpr float kLearningRate = 4.0f;
constexpr float kDecay = 1e-3f;

std::uint32_t bucket(std::uint64_t hash) { return static_cast<std::uint32_t>((hash ^ (hash >> 29)) & kBucketMask); }

std::uint64_t fnv(std::uint64_t hash, std::string_view bytes) {
  for (const char c : bytes) hash = (hash ^ static_cast<unsigned char>(c)) * kFnvPrime;
  return hash;
}

}  // namespace

std::vector<std::uint32_t> IntentClassifier::features(std::string_view normalized) {
  normalized = normalized.substr(0, kMaxTextBytes);
  std::vector<std::uint32_t> out;
  out.reserve(normalized.size() * 3 + 16);
  // Character n-grams over the text with a space at each end, so that a word's start and end
  // are n-grams of their own (" ml", "ops ").
  const std::size_t size = normalized.size() + 2;
  const auto at = [&](std::size_t i) { return i == 0 || i == size - 1 ? ' ' : normalized[i - 1]; };
  for (std::size_t start = 0; start + kMinChars <= size; ++start) {
    std::uint64_t hash = kFnvBasis;
    for (int length = 1; length <= kMaxChars && start + length <= size; ++length) {
      hash = (hash ^ static_cast<unsigned char>(at(start + length - 1))) * kFnvPrime;
      if (length >= kMinChars) out.push_back(bucket(hash));
    }
  }
  // Words and pairs of words.
  std::string_view previous;
  std::size_t i = 0;
  while (i < normalized.size()) {
    auto end = normalized.find(' ', i);
    if (end == std::string_view::npos) end = normalized.size();
    const auto word = normalized.substr(i, end - i);
    i = end + 1;
    if (word.empty()) continue;
    out.push_back(bucket(fnv(kFnvBasis ^ kWordSalt, word)));
    if (!previous.empty()) out.push_back(bucket(fnv(fnv(kFnvBasis ^ kPairSalt, previous), word)));
    previous = word;
  }
  return out;
}

void IntentClassifier::softmax(const std::vector<std::uint32_t>& features, float scale,
                               std::vector<double>& out) const {
  const std::size_t k = intents_.size();
  std::vector<float> scores(bias_);
  for (const auto feature : features) {
    const float* row = weights_.data() + static_cast<std::size_t>(feature) * k;
    for (std::size_t j = 0; j < k; ++j) scores[j] += scale * row[j];
  }
  out.assign(k, 0.0);
  if (k == 0) return;
  const float top = *std::max_element(scores.begin(), scores.end());
  double sum = 0;
  for (std::size_t j = 0; j < k; ++j) sum += out[j] = std::exp(static_cast<double>(scores[j] - top));
  for (auto& p : out) p /= sum;
}

IntentClassifier IntentClassifier::train(std::vector<std::string> intents, const std::vector<Sample>& samples) {
  IntentClassifier model;
  model.intents_ = std::move(intents);
  const std::size_t k = model.intents_.size();
  model.weights_.assign((std::size_t{1} << kFeatureBits) * k, 0.0f);
  model.bias_.assign(k, 0.0f);

  struct Prepared {
    std::size_t label;
    std::vector<std::uint32_t> features;
    float scale;  // 1/sqrt(features): a long sentence weighs no more than a short one
    float weight;
  };
  std::vector<Prepared> prepared;
  for (const auto& sample : samples) {
    const auto it = std::find(model.intents_.begin(), model.intents_.end(), sample.intent);
    if (it == model.intents_.end()) continue;
    auto features = IntentClassifier::features(sample.text);
    if (features.empty()) continue;
    const float scale = 1.0f / std::sqrt(static_cast<float>(features.size()));
    prepared.push_back({static_cast<std::size_t>(it - model.intents_.begin()), std::move(features), scale, sample.weight});
  }

  std::vector<double> p;
  for (int pass = 0; pass < kPasses; ++pass) {
    const float rate = kLearningRate / static_cast<float>(1 + pass);
    for (const auto& sample : prepared) {
      model.softmax(sample.features, sample.scale, p);
      for (std::size_t j = 0; j < k; ++j) {
        // The log-loss gradient for this intent's score: p - 1 for the sample's intent, p otherwise.
        const float step = rate * sample.weight * static_cast<float>(p[j] - (j == sample.label ? 1.0 : 0.0));
        model.bias_[j] -= step * 0.1f;
        for (const auto feature : sample.features) {
          float& w = model.weights_[static_cast<std::size_t>(feature) * k + j];
          w -= step * sample.scale + rate * kDecay * w;
        }
      }
    }
  }
  return model;
}

std::vector<double> IntentClassifier::probabilities(std::string_view normalized) const {
  const auto found = features(normalized);
  std::vector<double> out;
  softmax(found, found.empty() ? 0.0f : 1.0f / std::sqrt(static_cast<float>(found.size())), out);
  return out;
}

double IntentClassifier::probability(std::string_view normalized, std::string_view intent) const {
  const auto it = std::find(intents_.begin(), intents_.end(), intent);
  if (it == intents_.end()) return 0;
  return probabilities(normalized)[static_cast<std::size_t>(it - intents_.begin())];
}

}  // namespace intents
