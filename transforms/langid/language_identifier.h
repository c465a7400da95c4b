// language_identifier.h — the interface both dpk-langid backends implement.
//
// An identifier takes UTF-8 text and returns up to k guesses, best first,
// each a label ("en", "eng_Latn") and a score in [0, 1]. One instance is
// used by one thread at a time, so it may keep scratch buffers; what is
// costly to build (a model) is shared between instances by the factory.
//
//   std::vector<dpk::LanguageGuess> guesses;
//   identifier->identify("Der Hund bellt.", 1, guesses);  // guesses[0].label == "de"
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dpk {

struct LanguageGuess {
  std::string_view label;  // owned by the identifier or its model; valid for the run
  float score = 0;
};

class LanguageIdentifier {
 public:
  virtual ~LanguageIdentifier() = default;
  // Fills `out` with at most `k` guesses, best first. `out` is empty when the
  // backend has no answer for the text.
  virtual void identify(std::string_view text, int k, std::vector<LanguageGuess>& out) = 0;
};

// Cuts `text` after `max_chars` Unicode code points (0 = no limit), on a
// code point boundary, so a model never sees a split character.
std::string_view prefix_of_code_points(std::string_view text, size_t max_chars);

}  // namespace dpk
