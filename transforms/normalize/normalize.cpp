// normalize — rewrites the text: Unicode normalization form, line endings,
// invisible characters, and on request punctuation, whitespace and case.
#include "dpk/transform.h"
#include "text_normalizer.h"

namespace dpk {
namespace {

class NormalizeTransform final : public DocumentTransform {
 public:
  explicit NormalizeTransform(const TextNormalizerOptions& options) : normalizer_(options) {}

  void apply(Document& doc) override {
    normalizer_.normalize(doc.text(), out_);
    // Unchanged text keeps the document's original bytes (no re-serializing).
    if (out_ != doc.text()) doc.set_text(out_);
  }

 private:
  TextNormalizer normalizer_;
  std::string out_;
};

StatusOr<ConfiguredStep> configure(const OptionValues& v, const StepContext&) {
  TextNormalizerOptions o;
  const std::string form = v.get_string("form");
  o.form = form == "nfc" ? NormalizationForm::kNfc : form == "nfkc" ? NormalizationForm::kNfkc : NormalizationForm::kNone;
  o.line_endings = v.get_string("line-endings") == "lf";
  o.controls = v.get_string("controls") == "remove";
  o.punctuation = v.get_flag("punctuation");
  o.whitespace = v.get_flag("whitespace");
  o.lowercase = v.get_flag("lowercase");
  const int64_t blank = v.get_int("max-blank-lines");
  if (blank < 0 || blank > 1000000) return Status::Usage("--max-blank-lines must be 0 or more");
  o.max_blank_lines = static_cast<int>(blank);

  ConfiguredStep c;
  c.make = [o]() { return std::make_unique<NormalizeTransform>(o); };
  std::string e = form == "none" ? "no normalization form" : form;
  if (o.line_endings) e += ", LF line endings";
  if (o.controls) e += ", invisible characters removed";
  if (o.lowercase) e += ", lowercase";
  if (o.punctuation) e += ", ASCII punctuation";
  if (o.whitespace) e += ", whitespace collapsed (at most " + std::to_string(blank) + " blank lines)";
  c.explain = e;
  return c;
}

}  // namespace

const TransformSpec& dpk_transform_normalize() {
  static const TransformSpec spec{
      "normalize",
      TransformKind::kMapper,
      "Normalize the text: Unicode form, line endings, invisible characters, punctuation, whitespace, case.",
      "Each rewrite is optional; by default dpk-normalize applies NFC, turns CRLF, CR, NEL, U+2028 "
      "and U+2029 into LF, and removes control and invisible characters (C0 controls other than "
      "tab and newline, DEL, C1 controls, zero-width space, word joiner, BOM, soft hyphen, "
      "invisible operators). Zero-width joiner and non-joiner and bidi marks are kept: they carry "
      "meaning in Arabic, Persian, Indic scripts and emoji.\n\n"
      "--punctuation turns curly quotes, guillemets and CJK corner brackets into ' and \", dashes "
      "and the minus sign into -, the ellipsis into ..., and fullwidth and CJK punctuation into "
      "ASCII. --whitespace turns Unicode spaces into spaces, collapses a run of spaces inside a "
      "line into one, cuts spaces at line ends, keeps at most --max-blank-lines blank lines in a "
      "row, and cuts blank lines at the start and whitespace at the end of the text; leading "
      "indentation is kept. --lowercase uses ICU full case mapping in the root locale (the same "
      "on every machine, no language-specific rules).\n\n"
      "The steps run in this order: line endings, invisible characters, lowercase, normalization "
      "form, punctuation, whitespace. A document whose text does not change is written out byte "
      "for byte as it came in. Time is linear in the text's length.",
      {
          {"form", OptionType::kChoice, "nfc", "Unicode normalization form.", "none|nfc|nfkc"},
          {"line-endings", OptionType::kChoice, "lf", "lf: turn CRLF, CR, NEL, U+2028, U+2029 into LF; keep: leave them.", "lf|keep"},
          {"controls", OptionType::kChoice, "remove", "remove: drop control and invisible characters; keep: leave them.", "remove|keep"},
          {"punctuation", OptionType::kFlag, "", "Turn Unicode quotes, dashes, ellipsis and fullwidth punctuation into ASCII."},
          {"whitespace", OptionType::kFlag, "", "Collapse spaces, cut spaces at line ends, limit blank lines."},
          {"max-blank-lines", OptionType::kInt, "1", "With --whitespace: blank lines kept in a row.", {}, 0, "N", 0},
          {"lowercase", OptionType::kFlag, "", "Lowercase the text (ICU, root locale)."},
      },
      {{"text", "the normalized text (or the field named by --text-key)"}},
      {"dpk-normalize < raw.jsonl > clean.jsonl",
       "dpk-normalize --form nfkc --punctuation --whitespace -o out/ corpus.jsonl.zst"},
      "-",
      configure,
  };
  return spec;
}

}  // namespace dpk
