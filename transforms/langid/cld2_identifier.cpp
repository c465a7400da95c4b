#include "cld2_identifier.h"

// compact_lang_det.h uses FILE without including <cstdio>.
#include <cstdio>

#include <cld2/internal/lang_script.h>
#include <cld2/public/compact_lang_det.h>
#include <simdjson.h>

namespace dpk {
namespace {

// CLD2 keeps a few withdrawn ISO 639 codes; report the current ones.
std::string_view current_code(CLD2::Language lang) {
  std::string_view code = CLD2::LanguageCode(lang);
  if (code == "iw") return "he";
  if (code == "jw") return "jv";
  if (code == "in") return "id";
  if (code == "mo") return "ro";
  return code;
}

class Cld2Identifier final : public LanguageIdentifier {
 public:
  void identify(std::string_view text, int k, std::vector<LanguageGuess>& out) override {
    out.clear();
    CLD2::Language language3[3] = {CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE};
    int percent3[3] = {0, 0, 0};
    double normalized3[3] = {0, 0, 0};
    int text_bytes = 0;
    bool reliable = false;
    int valid_prefix = 0;
    // CLD2 takes an int length; documents past 2 GiB are cut (dpk-langid
    // passes at most --prefix-chars anyway).
    const int len = text.size() > 0x7fffffffu ? 0x7fffffff : static_cast<int>(text.size());
    // The checking variant refuses not only invalid UTF-8 but also valid
    // characters outside CLD2's "interchange" set (C0 controls,
    // noncharacters), answering nothing. Text that is valid UTF-8 (all text
    // after JSON parsing) then goes to the unchecked variant, which is safe
    // on any valid UTF-8; invalid UTF-8 stays "unknown", never a crash.
    CLD2::Language top = CLD2::ExtDetectLanguageSummaryCheckUTF8(
        text.data(), len, /*is_plain_text=*/true, /*cld_hints=*/nullptr, /*flags=*/0, language3,
        percent3, normalized3, /*resultchunkvector=*/nullptr, &text_bytes, &reliable, &valid_prefix);
    if (valid_prefix < len && simdjson::validate_utf8(text.data(), static_cast<size_t>(len))) {
      top = CLD2::ExtDetectLanguageSummary(text.data(), len, /*is_plain_text=*/true, /*cld_hints=*/nullptr,
                                           /*flags=*/0, language3, percent3, normalized3,
                                           /*resultchunkvector=*/nullptr, &text_bytes, &reliable);
    }
    // Guesses in order of their share of the text (pycld2's "details").
    // CLD2's summary language can differ from the largest share (it favours
    // a second language over English past some share); the largest share
    // keeps lang and lang_score consistent with each other.
    if (language3[0] == CLD2::UNKNOWN_LANGUAGE || percent3[0] <= 0) {
      out.push_back({current_code(top), 0.0f});
      return;
    }
    for (int i = 0; i < 3 && static_cast<int>(out.size()) < k; ++i) {
      if (language3[i] == CLD2::UNKNOWN_LANGUAGE || percent3[i] <= 0) break;
      const float share = static_cast<float>(percent3[i]) / 100.0f;
      out.push_back({current_code(language3[i]), reliable ? share : 0.0f});
    }
  }
};

}  // namespace

bool cld2_knows_language(const char* code) { return CLD2::GetLanguageFromName(code) != CLD2::UNKNOWN_LANGUAGE; }

std::unique_ptr<LanguageIdentifier> make_cld2_identifier() { return std::make_unique<Cld2Identifier>(); }

}  // namespace dpk
