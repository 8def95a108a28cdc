#include "intents/intent_classifier.hpp"

#include <algorithm>
#include <array>
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
constexpr std::size_t kMinChars = 3, kMaxChars = 5;
// Stochastic gradient steps: a fixed rate, smaller at each pass, and a little weight decay at
// each step so that the probabilities of a few dozen examples do not all run to 0 and 1.
constexpr float kLearningRate = 4.0f;
constexpr float kDecay = 1e-3f;

std::uint32_t bucket(std::uint64_t hash) { return static_cast<std::uint32_t>((hash ^ (hash >> 29)) & kBucketMask); }

// What each feature of a text counts: 1/sqrt(features), so that a long sentence weighs no more
// than a short one; 0 for a text without any.
float feature_scale(std::size_t features) {
  return features == 0 ? 0.0f : 1.0f / std::sqrt(static_cast<float>(features));
}

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
  std::string padded;
  padded.reserve(normalized.size() + 2);
  padded.append(1, ' ').append(normalized).append(1, ' ');
  const auto* bytes = reinterpret_cast<const unsigned char*>(padded.data());
  const std::size_t size = padded.size();
  for (std::size_t start = 0; start + kMinChars <= size; ++start) {
    std::uint64_t hash = kFnvBasis;
    const std::size_t longest = std::min<std::size_t>(kMaxChars, size - start);
    for (std::size_t length = 1; length <= longest; ++length) {
      hash = (hash ^ bytes[start + length - 1]) * kFnvPrime;
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
  std::vector<float> sums(stride_, 0.0f);
  for (std::size_t block = 0; block < stride_; block += kLanes) {
    // A block of sums in a local array: the compiler knows no weight can alias it.
    std::array<float, kLanes> sum{};
    for (const auto feature : features) {
      const float* row = weights_.data() + static_cast<std::size_t>(feature) * stride_ + block;
      for (std::size_t lane = 0; lane < kLanes; ++lane) sum[lane] += row[lane];
    }
    std::copy(sum.begin(), sum.end(), sums.begin() + static_cast<std::ptrdiff_t>(block));
  }
  const std::size_t k = intents_.size();
  out.assign(k, 0.0);
  if (k == 0) return;
  std::vector<double> scores(k);
  for (std::size_t j = 0; j < k; ++j) scores[j] = bias_[j] + scale * sums[j];
  const double top = *std::max_element(scores.begin(), scores.end());
  double sum = 0;
  for (std::size_t j = 0; j < k; ++j) sum += out[j] = std::exp(scores[j] - top);
  for (auto& p : out) p /= sum;
}

IntentClassifier IntentClassifier::train(std::vector<std::string> intents, const std::vector<Sample>& samples) {
  IntentClassifier model;
  model.intents_ = std::move(intents);
  const std::size_t k = model.intents_.size();
  model.stride_ = (k + kLanes - 1) / kLanes * kLanes;
  model.weights_.assign((std::size_t{1} << kFeatureBits) * model.stride_, 0.0f);
  model.bias_.assign(k, 0.0f);

  struct Prepared {
    std::size_t label;
    std::vector<std::uint32_t> features;
    float scale;  // feature_scale of the features
    float weight;
  };
  std::vector<Prepared> prepared;
  for (const auto& sample : samples) {
    const auto it = std::find(model.intents_.begin(), model.intents_.end(), sample.intent);
    if (it == model.intents_.end()) continue;
    auto features = IntentClassifier::features(sample.text);
    if (features.empty()) continue;
    const float scale = feature_scale(features.size());
    prepared.push_back(
        {static_cast<std::size_t>(it - model.intents_.begin()), std::move(features), scale, sample.weight});
  }

  std::vector<double> p;
  std::vector<float> steps(model.stride_, 0.0f);  // the padding's stay 0
  for (int pass = 0; pass < kPasses; ++pass) {
    const float rate = kLearningRate / static_cast<float>(1 + pass);
    const float keep = 1.0f - rate * kDecay;
    for (const auto& sample : prepared) {
      model.softmax(sample.features, sample.scale, p);
      for (std::size_t j = 0; j < k; ++j) {
        // The log-loss gradient for this intent's score: p - 1 for the sample's intent, p otherwise.
        steps[j] = rate * sample.weight * static_cast<float>(p[j] - (j == sample.label ? 1.0 : 0.0));
        model.bias_[j] -= steps[j] * 0.1f;
      }
      for (std::size_t block = 0; block < model.stride_; block += kLanes) {
        std::array<float, kLanes> step;  // local, so that no weight can alias it
        for (std::size_t lane = 0; lane < kLanes; ++lane) step[lane] = steps[block + lane] * sample.scale;
        for (const auto feature : sample.features) {
          float* row = model.weights_.data() + static_cast<std::size_t>(feature) * model.stride_ + block;
          for (std::size_t lane = 0; lane < kLanes; ++lane) row[lane] = row[lane] * keep - step[lane];
        }
      }
    }
  }
  return model;
}

std::vector<double> IntentClassifier::probabilities(std::string_view normalized) const {
  const auto found = features(normalized);
  std::vector<double> out;
  softmax(found, feature_scale(found.size()), out);
  return out;
}

double IntentClassifier::probability(std::string_view normalized, std::string_view intent) const {
  const auto it = std::find(intents_.begin(), intents_.end(), intent);
  if (it == intents_.end()) return 0;
  return probabilities(normalized)[static_cast<std::size_t>(it - intents_.begin())];
}

}  // namespace intents
