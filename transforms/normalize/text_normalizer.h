// text_normalizer.h — the text rewrites of dpk-normalize, each optional,
// applied in one fixed order, every one in time linear in the text.
//
// Order (why: each step sees what the one before produced):
//   1. line endings: CRLF, CR, NEL, U+2028, U+2029 -> LF
//   2. controls: C0 controls other than \t \n \r, DEL, C1 controls and
//      invisible format characters (zero-width space, word joiner, BOM,
//      soft hyphen, invisible operators, Mongolian vowel separator,
//      interlinear annotation marks) are removed. Zero-width joiner and
//      non-joiner and bidi marks stay: they carry meaning in Arabic, Persian,
//      Indic scripts and emoji.
//   3. lowercase: ICU full case mapping, root locale (no Turkish rules).
//   4. Unicode normalization form: NFC or NFKC (ICU Normalizer2).
//   5. punctuation: curly quotes, guillemets, CJK corner brackets -> ' or ",
//      dashes and minus -> -, ellipsis -> ..., fullwidth and CJK punctuation
//      -> ASCII.
//   6. whitespace: Unicode spaces, \v and \f become ' '; inside a line a run
//      of them becomes one space (a single space or tab is kept); spaces at
//      line ends are cut; more than max_blank_lines blank lines in a row are
//      cut; blank lines at the start and whitespace at the end of the text
//      are cut. Leading indentation is kept as it is (code, verse).
//
//   dpk::TextNormalizerOptions o;  // NFC + line endings + controls
//   dpk::TextNormalizer n(o);
//   std::string out;
//   n.normalize("a\r\nb\u200b", out);  // "a\nb"
#pragma once

#include <unicode/uversion.h>

#include <string>
#include <string_view>

U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace dpk {

enum class NormalizationForm { kNone, kNfc, kNfkc };

struct TextNormalizerOptions {
  NormalizationForm form = NormalizationForm::kNfc;
  bool line_endings = true;
  bool controls = true;
  bool punctuation = false;
  bool whitespace = false;
  int max_blank_lines = 1;
  bool lowercase = false;
};

class TextNormalizer {
 public:
  explicit TextNormalizer(const TextNormalizerOptions& options);
  // Writes the normalized `text` to `out` (replacing its contents).
  void normalize(std::string_view text, std::string& out);

 private:
  void line_endings_and_controls(std::string_view in, std::string& out) const;
  void punctuation_and_whitespace(std::string_view in, std::string& out) const;

  TextNormalizerOptions options_;
  const icu::Normalizer2* normalizer_ = nullptr;  // ICU singleton, not owned
  std::string scratch_;
};

}  // namespace dpk
