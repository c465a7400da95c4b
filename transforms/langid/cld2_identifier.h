// cld2_identifier.h — the CLD2 backend of dpk-langid (Compact Language
// Detector 2, its full 165-language tables compiled into the library).
//
// Labels are CLD2's language codes (ISO 639-1 where one exists: "en",
// "zh", "zh-Hant", "haw"), with CLD2's legacy codes replaced by current
// ones ("iw" -> "he", "jw" -> "jv"). Guesses come in order of their share
// of the text, as pycld2's details (not CLD2's summary language, which may
// prefer a smaller share over English). A guess's score is the share of the
// text's letters in that language (CLD2's percent / 100); as in Dolma's
// CLD2 tagger, the score is 0 when CLD2 calls its answer unreliable. CLD2
// gives at most three guesses.
#pragma once

#include <memory>

#include "language_identifier.h"

namespace dpk {

std::unique_ptr<LanguageIdentifier> make_cld2_identifier();

// True when CLD2 can answer `code` (an ISO 639 code as CLD2 names it, e.g.
// "en", "no", "haw").
bool cld2_knows_language(const char* code);

}  // namespace dpk
