// Turns raw user text into the one form every pattern reads: valid UTF-8, lower case, single
// spaces, Indian shorthand rewritten ("3yrs exp" -> "3 years experience"), typos corrected,
// Hindi in Devanagari read as Hinglish ("कितनी" -> "kitni"; intents/devanagari.hpp).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace intents {

class Vocabulary;
class SpellingCorrector;

// Immutable after construction; operator() may be called from any thread.
class Normalizer {
 public:
  // `speller` may be null (index time: the documents' own words need no correcting).
  Normalizer(std::shared_ptr<const Vocabulary> vocabulary, std::shared_ptr<const SpellingCorrector> speller);

  // Never fails: invalid UTF-8 bytes, control characters and symbols become spaces; text past
  // kMaxInputBytes is ignored. The result holds only words separated by single spaces.
  std::string operator()(std::string_view raw) const;

  static constexpr std::size_t kMaxInputBytes = 4096;

 private:
  void append_word(std::string& out, std::string_view word) const;
  void append_rewritten(std::string& out, std::string_view word) const;

  std::shared_ptr<const Vocabulary> vocabulary_;
  std::shared_ptr<const SpellingCorrector> speller_;
};

}  // namespace intents
