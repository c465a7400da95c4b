#include <gtest/gtest.h>

#include <map>
#include <string>

#include "dpk/document_parser.h"
#include "dpk/json_text.h"
#include "dpk/transform.h"
#include "text_normalizer.h"

namespace dpk {
namespace {

std::string run(std::string_view text, const TextNormalizerOptions& o) {
  TextNormalizer n(o);
  std::string out;
  n.normalize(text, out);
  return out;
}

TextNormalizerOptions only_defaults() { return TextNormalizerOptions{}; }

TextNormalizerOptions nothing() {
  TextNormalizerOptions o;
  o.form = NormalizationForm::kNone;
  o.line_endings = false;
  o.controls = false;
  return o;
}

TEST(NormalizeForm, NfcComposesAcrossScripts) {
  TextNormalizerOptions o = nothing();
  o.form = NormalizationForm::kNfc;
  EXPECT_EQ(run("Cafe\xcc\x81", o), "Caf\xc3\xa9");  // e + combining acute -> é
  // Korean: conjoining jamo ᄒ ᅡ ᆫ -> 한
  EXPECT_EQ(run("\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", o), "\xed\x95\x9c");
  // Vietnamese: a + dot below + circumflex -> ậ
  EXPECT_EQ(run("a\xcc\xa3\xcc\x82", o), "\xe1\xba\xad");
  // Already NFC text (Cyrillic, Arabic, Devanagari) is unchanged.
  const std::string s = "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xe0\xa4\xa8\xe0\xa4\xae\xe0\xa4\xb8\xe0\xa5\x8d\xe0\xa4\xa4\xe0\xa5\x87";
  EXPECT_EQ(run(s, o), s);
  // NFC keeps compatibility characters (ligature ﬁ, fullwidth Ａ).
  EXPECT_EQ(run("\xef\xac\x81 \xef\xbc\xa1", o), "\xef\xac\x81 \xef\xbc\xa1");
}

TEST(NormalizeForm, NfkcFoldsCompatibilityCharacters) {
  TextNormalizerOptions o = nothing();
  o.form = NormalizationForm::kNfkc;
  EXPECT_EQ(run("\xef\xac\x81" "ne \xef\xbc\xa1\xef\xbc\x91", o), "fine A1");  // ﬁne Ａ１
  EXPECT_EQ(run("x\xc2\xb2", o), "x2");                                        // x²
  EXPECT_EQ(run("\xef\xbd\xb6\xef\xbe\x9e", o), "\xe3\x82\xac");               // halfwidth ｶﾞ -> ガ
}

TEST(NormalizeLineEndings, CrLfCrAndUnicodeBreaksBecomeLf) {
  TextNormalizerOptions o = nothing();
  o.line_endings = true;
  EXPECT_EQ(run("a\r\nb\rc\n\rd", o), "a\nb\nc\n\nd");
  EXPECT_EQ(run("a\xe2\x80\xa8" "b\xe2\x80\xa9" "c\xc2\x85" "d", o), "a\nb\nc\nd");
  EXPECT_EQ(run("\r\n\r\n", o), "\n\n");
  EXPECT_EQ(run("a\r", o), "a\n");
}

TEST(NormalizeControls, InvisibleCharactersGoMeaningfulOnesStay) {
  TextNormalizerOptions o = nothing();
  o.controls = true;
  EXPECT_EQ(run("\xef\xbb\xbfstart", o), "start");                       // BOM
  EXPECT_EQ(run("zero\xe2\x80\x8bwidth", o), "zerowidth");               // ZWSP
  EXPECT_EQ(run("soft\xc2\xadhyphen", o), "softhyphen");                 // SHY
  EXPECT_EQ(run("a\x01\x07\x1b" "b\x7f" "c\xc2\x9f" "d", o), "abcd");    // C0, DEL, C1
  EXPECT_EQ(run("tab\there\nline\r", o), "tab\there\nline\r");           // \t \n \r stay
  // ZWNJ in Persian and ZWJ in an emoji sequence are kept.
  const std::string persian = "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9\x85";
  EXPECT_EQ(run(persian, o), persian);
  const std::string family = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9";
  EXPECT_EQ(run(family, o), family);
}

TEST(NormalizeControls, InvalidBytesAreCopiedThrough) {
  TextNormalizerOptions o = only_defaults();
  o.form = NormalizationForm::kNone;
  const std::string bad("a\xff" "b\xc3", 4);
  EXPECT_EQ(run(bad, o), bad);
}

TEST(NormalizePunctuation, UnicodePunctuationBecomesAscii) {
  TextNormalizerOptions o = nothing();
  o.punctuation = true;
  EXPECT_EQ(run("\xe2\x80\x9cQuote\xe2\x80\x9d and \xe2\x80\x98single\xe2\x80\x99", o), "\"Quote\" and 'single'");
  EXPECT_EQ(run("\xc2\xab" "bonjour" "\xc2\xbb", o), "\"bonjour\"");
  EXPECT_EQ(run("\xe2\x80\x9e" "Anf\xc3\xbchrung\xe2\x80\x9c", o), "\"Anf\xc3\xbchrung\"");
  EXPECT_EQ(run("1990\xe2\x80\x93" "2000 \xe2\x80\x94 yes\xe2\x80\xa6", o), "1990-2000 - yes...");
  EXPECT_EQ(run("\xe4\xbd\xa0\xe5\xa5\xbd\xef\xbc\x8c\xe4\xb8\x96\xe7\x95\x8c\xe3\x80\x82\xef\xbc\x9f", o),
            "\xe4\xbd\xa0\xe5\xa5\xbd,\xe4\xb8\x96\xe7\x95\x8c.?");  // 你好，世界。？
  EXPECT_EQ(run("\xef\xbc\xa1", o), "\xef\xbc\xa1");  // fullwidth letters are not punctuation
}

TEST(NormalizeWhitespace, CollapsesTrimsAndLimitsBlankLines) {
  TextNormalizerOptions o = nothing();
  o.whitespace = true;
  EXPECT_EQ(run("a  b\t\tc \t d", o), "a b c d");
  EXPECT_EQ(run("a b\tc", o), "a b\tc");  // single spaces and tabs stay
  EXPECT_EQ(run("line one   \nline two\t\n", o), "line one\nline two");
  EXPECT_EQ(run("\n\n\n  para\n\n\n\n\nnext\n\n", o), "  para\n\nnext");
  EXPECT_EQ(run("    indented code\n\tand tab", o), "    indented code\n\tand tab");
  EXPECT_EQ(run("non\xc2\xa0" "breaking\xe3\x80\x80ideographic", o), "non breaking ideographic");
  EXPECT_EQ(run(" \n \t \n", o), "");
  o.max_blank_lines = 0;
  EXPECT_EQ(run("a\n\n\nb", o), "a\nb");
  o.max_blank_lines = 2;
  EXPECT_EQ(run("a\n\n\n\n\nb", o), "a\n\n\nb");
}

TEST(NormalizeLowercase, RootLocaleFullCaseMapping) {
  TextNormalizerOptions o = nothing();
  o.lowercase = true;
  EXPECT_EQ(run("HELLO World", o), "hello world");
  EXPECT_EQ(run("\xd0\x9f\xd0\xa0\xd0\x98\xd0\x92\xd0\x95\xd0\xa2", o), "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82");
  // Root locale: Turkish dotted capital İ becomes i + combining dot (no
  // Turkish rule), plain I becomes i (not dotless ı).
  EXPECT_EQ(run("\xc4\xb0I", o), "i\xcc\x87i");
  EXPECT_EQ(run("\xce\x9f\xce\x94\xce\x9f\xce\xa3", o), "\xce\xbf\xce\xb4\xce\xbf\xcf\x82");  // ΟΔΟΣ -> οδος (final sigma)
}

TEST(NormalizeAll, DefaultsAreConservative) {
  TextNormalizerOptions o;
  const std::string s = "Keep  “quotes” and   spacing\u2026\n\n\n\nend ";
  EXPECT_EQ(run(s, o), s);
  EXPECT_EQ(run("a\r\nb\xe2\x80\x8b", o), "a\nb");
}

TEST(NormalizeAll, LinearOnALargeText) {
  // 4 MB of mixed content in every mode; quadratic work would take minutes.
  std::string big;
  while (big.size() < (4u << 20)) big += "Caf\x65\xcc\x81  \xe2\x80\x9cword\xe2\x80\x9d\r\n\n\n\t x\xe2\x80\x8b ";
  TextNormalizerOptions o;
  o.form = NormalizationForm::kNfkc;
  o.punctuation = o.whitespace = o.lowercase = true;
  std::string out = run(big, o);
  EXPECT_LT(out.size(), big.size());
  EXPECT_EQ(out.find('\r'), std::string::npos);
}

// Through the transform: unchanged documents keep their bytes, changed ones
// get the new text.
TEST(NormalizeTransform, RewritesOnlyChangedText) {
  const TransformSpec* spec = find_transform("normalize");
  ASSERT_NE(spec, nullptr);
  OptionValues v;
  ASSERT_TRUE(validate_options(spec->options, v, "").ok());
  auto step = spec->configure(v, StepContext{});
  ASSERT_TRUE(step.ok()) << step.status().message();
  auto t = step->make();
  DocumentParser parser;
  Schema schema;
  for (const std::string& line : {std::string(R"({"id" : 1, "text":"caf\u00e9 ok" })"),
                                 std::string(R"({"id":2,"text":"a\r\nb"})")}) {
    std::string buf = line + std::string(DocumentParser::kPadding, ' ');
    Document d;
    std::string error;
    ASSERT_TRUE(parser.parse(std::string_view(buf.data(), line.size()), buf.size(), schema, d, error)) << error;
    static_cast<DocumentTransform&>(*t).apply(d);
    std::string out;
    d.serialize(out);
    if (line.find("caf") != std::string::npos) {
      EXPECT_FALSE(d.edited());
      EXPECT_EQ(out, line);
    } else {
      EXPECT_TRUE(d.edited());
      EXPECT_EQ(d.text(), "a\nb");
    }
  }
}

}  // namespace
}  // namespace dpk
