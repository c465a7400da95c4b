#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "dpk/document_parser.h"
#include "dpk/transform.h"
#include "json_walk.h"
#include "text_measure.h"
#include "where.h"

namespace dpk {
namespace {

// A document parsed the way the runtime parses it: from a padded buffer.
struct Doc {
  std::string buf;
  Document doc;
};

std::unique_ptr<Doc> make_doc(const std::string& line) {
  static DocumentParser parser;
  static const Schema schema;
  auto d = std::make_unique<Doc>();
  d->buf = line + std::string(DocumentParser::kPadding, ' ');
  std::string err;
  EXPECT_TRUE(parser.parse(std::string_view(d->buf.data(), line.size()), d->buf.size(), schema, d->doc, err))
      << line << ": " << err;
  return d;
}

bool where_holds(const std::string& expr, const std::string& line) {
  auto p = select::parse_where(expr);
  EXPECT_TRUE(p.ok()) << expr << ": " << p.status().message();
  if (!p.ok()) return false;
  auto d = make_doc(line);
  select::WhereEvaluator ev;
  return ev.holds(p.value(), d->doc);
}

// Configures `select` through its spec, as dpk-select and recipes do.
StatusOr<std::unique_ptr<Transform>> make_select(const std::vector<std::pair<std::string, std::string>>& opts) {
  const TransformSpec& spec = *find_transform("select");
  OptionValues v;
  for (const auto& [k, val] : opts) v.add(k, val);
  DPK_RETURN_IF_ERROR(validate_options(spec.options, v, ""));
  auto c = spec.configure(v, StepContext{});
  if (!c.ok()) return c.status();
  return c.value().make();
}

// Runs select over `lines`; returns each document's drop reason ("" = kept).
std::vector<std::string> run_select(const std::vector<std::pair<std::string, std::string>>& opts,
                                    const std::vector<std::string>& lines) {
  auto t = make_select(opts);
  EXPECT_TRUE(t.ok()) << t.status().message();
  if (!t.ok()) return {};
  std::vector<std::unique_ptr<Doc>> owners;
  DocumentBatch batch;
  for (const auto& l : lines) {
    owners.push_back(make_doc(l));
    batch.push_back(owners.back()->doc);
  }
  t.value()->process(batch);
  std::vector<std::string> reasons;
  for (const auto& d : batch) reasons.emplace_back(d.drop_reason());
  return reasons;
}

TEST(SelectWhere, ComparisonOperatorsOnNumbers) {
  const std::string doc = R"({"text":"t","n":5,"f":2.5e0})";
  EXPECT_TRUE(where_holds("n == 5", doc));
  EXPECT_TRUE(where_holds("n == 5.0", doc));
  EXPECT_FALSE(where_holds("n == 4", doc));
  EXPECT_TRUE(where_holds("n != 4", doc));
  EXPECT_FALSE(where_holds("n != 5", doc));
  EXPECT_TRUE(where_holds("n < 6", doc));
  EXPECT_FALSE(where_holds("n < 5", doc));
  EXPECT_TRUE(where_holds("n <= 5", doc));
  EXPECT_FALSE(where_holds("n <= 4.99", doc));
  EXPECT_TRUE(where_holds("n > -1", doc));
  EXPECT_FALSE(where_holds("n > 5", doc));
  EXPECT_TRUE(where_holds("n >= 5", doc));
  EXPECT_FALSE(where_holds("n >= 5.01", doc));
  EXPECT_TRUE(where_holds("f==2.5", doc));  // no spaces needed
  EXPECT_TRUE(where_holds("f > 2e0", doc));
}

TEST(SelectWhere, StringsCompareByCodePointAndDecodeEscapes) {
  const std::string doc = R"({"text":"t","lang":"en","name":"caf\u00e9","q":"a\"b"})";
  EXPECT_TRUE(where_holds(R"(lang == "en")", doc));
  EXPECT_FALSE(where_holds(R"(lang == "de")", doc));
  EXPECT_TRUE(where_holds(R"(lang > "de")", doc));
  EXPECT_TRUE(where_holds(R"(lang < "fr")", doc));
  EXPECT_TRUE(where_holds(R"(lang >= "en")", doc));
  EXPECT_FALSE(where_holds(R"(lang < "en")", doc));
  EXPECT_TRUE(where_holds("name == \"caf\xc3\xa9\"", doc));  // escaped in the field, raw UTF-8 here
  EXPECT_TRUE(where_holds(R"(name == "caf\u00e9")", doc));
  EXPECT_TRUE(where_holds(R"(name > "cafz")", doc));  // U+00E9 sorts after 'z'
  EXPECT_TRUE(where_holds(R"(q == "a\"b")", doc));
}

TEST(SelectWhere, NumbersAndStringsNeverConvert) {
  const std::string doc = R"({"text":"t","s":"5","n":5})";
  EXPECT_FALSE(where_holds("s == 5", doc));
  EXPECT_FALSE(where_holds("s < 6", doc));
  EXPECT_FALSE(where_holds(R"(n == "5")", doc));
  EXPECT_FALSE(where_holds(R"(n >= "0")", doc));
  EXPECT_TRUE(where_holds("s != 5", doc));  // != is the negation of ==
  EXPECT_TRUE(where_holds(R"(s == "5")", doc));
}

TEST(SelectWhere, AbsentFieldsAndNull) {
  const std::string doc = R"({"text":"t","z":null,"b":true})";
  EXPECT_FALSE(where_holds(R"(lang == "en")", doc));
  EXPECT_FALSE(where_holds(R"(lang < "en")", doc));
  EXPECT_FALSE(where_holds(R"(lang in ["en"])", doc));
  EXPECT_TRUE(where_holds(R"(lang != "en")", doc));  // documented: absent satisfies !=
  EXPECT_TRUE(where_holds(R"(lang not in ["en"])", doc));
  EXPECT_TRUE(where_holds("missing lang", doc));
  EXPECT_FALSE(where_holds("exists lang", doc));
  EXPECT_TRUE(where_holds("exists z", doc));  // null counts as present
  EXPECT_FALSE(where_holds("missing z", doc));
  EXPECT_TRUE(where_holds("z == null", doc));
  EXPECT_FALSE(where_holds("b == null", doc));
  EXPECT_TRUE(where_holds("b == true", doc));
  EXPECT_FALSE(where_holds("b == false", doc));
  EXPECT_TRUE(where_holds("b != false", doc));
  EXPECT_TRUE(where_holds("exists text", doc));
}

TEST(SelectWhere, InAndNotIn) {
  const std::string doc = R"({"text":"t","lang":"fr","n":3})";
  EXPECT_TRUE(where_holds(R"(lang in ["en", "fr", "de"])", doc));
  EXPECT_FALSE(where_holds(R"(lang in ["en","de"])", doc));
  EXPECT_TRUE(where_holds(R"(lang not in ["en", "de"])", doc));
  EXPECT_FALSE(where_holds(R"(lang not   in ["fr"])", doc));
  EXPECT_TRUE(where_holds(R"(n in [1, 2, 3])", doc));
  EXPECT_FALSE(where_holds(R"(n in ["3"])", doc));
  EXPECT_TRUE(where_holds(R"(lang in["x,y", "fr"])", doc));  // a comma inside a string
  EXPECT_FALSE(where_holds("lang in []", doc));
  EXPECT_TRUE(where_holds("lang not in []", doc));
}

TEST(SelectWhere, DottedPathsGoIntoNestedObjects) {
  const std::string doc =
      R"({"text":"t","meta":{"src":{"name":"wiki","rank":2},"tags":["a"],"s\u0074y":"x","dup":1,"dup":2},"flat":1})";
  EXPECT_TRUE(where_holds(R"(meta.src.name == "wiki")", doc));
  EXPECT_TRUE(where_holds("meta.src.rank >= 2", doc));
  EXPECT_FALSE(where_holds("meta.src.rank > 2", doc));
  EXPECT_TRUE(where_holds("exists meta.tags", doc));
  EXPECT_TRUE(where_holds(R"(meta.sty == "x")", doc));  // an escaped key is decoded
  EXPECT_TRUE(where_holds("meta.dup == 1", doc));      // first one wins
  EXPECT_TRUE(where_holds("missing meta.src.lang", doc));
  EXPECT_TRUE(where_holds("missing flat.x", doc));     // not an object: absent
  EXPECT_TRUE(where_holds("missing meta.tags.a", doc));
  EXPECT_FALSE(where_holds(R"(meta.src == "wiki")", doc));  // an object equals no literal
}

TEST(SelectWhere, KeywordsCanStillBeFieldNames) {
  EXPECT_TRUE(where_holds("exists == 1", R"({"text":"t","exists":1})"));
  EXPECT_TRUE(where_holds("missing in [2]", R"({"text":"t","missing":2})"));
}

// The 1-based position of the problem, parsed from the message.
std::string where_error(const std::string& expr) {
  auto p = select::parse_where(expr);
  EXPECT_FALSE(p.ok()) << expr;
  if (p.ok()) return {};
  EXPECT_EQ(p.status().code(), StatusCode::kUsage);
  return p.status().message();
}

TEST(SelectWhere, MalformedExpressionsNameTheExpressionAndPosition) {
  EXPECT_EQ(where_error(R"(lang = "en")"),
            R"(--where 'lang = "en"': at position 6: expected an operator (== != < <= > >= in, not in); use == to test equality)");
  EXPECT_NE(where_error("lang == en").find("at position 9: expected a value"), std::string::npos);
  EXPECT_NE(where_error(R"(lang == "en)").find("at position 9: the string is not closed"), std::string::npos);
  EXPECT_NE(where_error(R"(lang == "en" x)").find("at position 14: unexpected text"), std::string::npos);
  EXPECT_NE(where_error("").find("at position 1: expected a field name"), std::string::npos);
  EXPECT_NE(where_error("a. == 1").find("at position 3: expected a key after '.'"), std::string::npos);
  EXPECT_NE(where_error("n < true").find("at position 5: <, <=, > and >= compare"), std::string::npos);
  EXPECT_NE(where_error("n == 01").find("malformed number"), std::string::npos);
  EXPECT_NE(where_error("n == 1.").find("digits must follow '.'"), std::string::npos);
  EXPECT_NE(where_error("n == 1e").find("exponent"), std::string::npos);
  EXPECT_NE(where_error("n == 1e999").find("out of range"), std::string::npos);
  EXPECT_NE(where_error(R"(l in ["a", "b")").find("not closed"), std::string::npos);
  EXPECT_NE(where_error(R"(l in ["a" "b"])").find("at position 11: expected ',' or ']'"), std::string::npos);
  EXPECT_NE(where_error(R"(l in "a")").find("expected '['"), std::string::npos);
  EXPECT_NE(where_error(R"(l not "a")").find("expected 'in' after 'not'"), std::string::npos);
  EXPECT_NE(where_error("exists").find("expected a field name after 'exists'"), std::string::npos);
  EXPECT_NE(where_error(R"(s == "\q")").find("bad escape"), std::string::npos);
  EXPECT_NE(where_error("n == truex").find("expected a value"), std::string::npos);
}

TEST(SelectWhere, KeepsTheExpressionAsWrittenInTheReason) {
  auto p = select::parse_where(R"(  lang  in ["en", "fr"] )");
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p.value().reason, R"(where:  lang  in ["en", "fr"] )");
  ASSERT_EQ(p.value().values.size(), 2u);
  EXPECT_EQ(p.value().values[1].str, "fr");
}

TEST(SelectJsonWalk, FindsMembersAndSkipsNestedValues) {
  std::string scratch;
  const std::string obj = R"( { "a" : [1, {"x": "]}"}], "b\"c": {"d": "}"} , "e":-1.5e3,"f":"\\"} )";
  EXPECT_EQ(select::find_member(obj, "e", scratch).value_or("?"), "-1.5e3");
  EXPECT_EQ(select::find_member(obj, "b\"c", scratch).value_or("?"), R"({"d": "}"})");
  EXPECT_EQ(select::find_member(obj, "f", scratch).value_or("?"), R"("\\")");
  EXPECT_FALSE(select::find_member(obj, "x", scratch).has_value());
  EXPECT_FALSE(select::find_member("[1]", "a", scratch).has_value());
  EXPECT_FALSE(select::find_member("{}", "a", scratch).has_value());
  EXPECT_FALSE(select::find_member(R"({"a": [1, 2)", "a", scratch).has_value());  // truncated
  EXPECT_FALSE(select::find_member(R"({"a" 1})", "a", scratch).has_value());
}

TEST(SelectMeasure, CountsCodePointsNotBytes) {
  EXPECT_EQ(select::count_code_points(""), 0u);
  EXPECT_EQ(select::count_code_points("abc"), 3u);
  EXPECT_EQ(select::count_code_points("h\xc3\xa9llo"), 5u);                // é: 2 bytes
  EXPECT_EQ(select::count_code_points("\xe4\xb8\xad\xe6\x96\x87"), 2u);    // 中文
  EXPECT_EQ(select::count_code_points("\xf0\x9f\x98\x80!"), 2u);           // 😀!
}

TEST(SelectMeasure, CountsWordsSplitByAsciiAndUnicodeSpaces) {
  EXPECT_EQ(select::count_words(""), 0u);
  EXPECT_EQ(select::count_words("   \t\n "), 0u);
  EXPECT_EQ(select::count_words("one"), 1u);
  EXPECT_EQ(select::count_words("  one two\tthree\nfour\r\nfive\v\fsix "), 6u);
  EXPECT_EQ(select::count_words("a\xc2\xa0" "b"), 2u);              // U+00A0 no-break space
  EXPECT_EQ(select::count_words("a\xe3\x80\x80" "b"), 2u);          // U+3000 ideographic space
  EXPECT_EQ(select::count_words("a\xe2\x80\x83" "b\xe2\x80\xaf" "c"), 3u);  // U+2003, U+202F
  EXPECT_EQ(select::count_words("a\xe2\x80\x8b" "b"), 1u);          // U+200B is not a space
  EXPECT_EQ(select::count_words("caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87"), 2u);
}

TEST(SelectTransform, LengthBoundsAndTheirReasons) {
  const std::vector<std::string> docs = {
      R"({"text":"h\u00e9 ho"})",       // 5 chars, 6 bytes, 2 words
      R"({"text":"a b c d e f g h"})",  // 15 chars, 15 bytes, 8 words
      R"({"text":""})",
  };
  EXPECT_EQ(run_select({{"min-chars", "5"}, {"max-chars", "10"}}, docs),
            (std::vector<std::string>{"", "max_chars", "min_chars"}));
  EXPECT_EQ(run_select({{"min-bytes", "6"}, {"max-bytes", "6"}}, docs),
            (std::vector<std::string>{"", "max_bytes", "min_bytes"}));
  EXPECT_EQ(run_select({{"min-words", "2"}, {"max-words", "7"}}, docs),
            (std::vector<std::string>{"", "max_words", "min_words"}));
  EXPECT_EQ(run_select({{"max-chars", "5"}}, docs), (std::vector<std::string>{"", "max_chars", ""}));
  // 6 bytes but 5 chars: the byte bound is checked first.
  EXPECT_EQ(run_select({{"max-bytes", "5"}, {"max-chars", "4"}}, docs),
            (std::vector<std::string>{"max_bytes", "max_bytes", ""}));
}

TEST(SelectTransform, FirstFailingWhereGivesTheReasonAndInvertFlips) {
  const std::vector<std::string> docs = {
      R"({"text":"x","lang":"en","score":0.9})",
      R"({"text":"x","lang":"de","score":0.9})",
      R"({"text":"x","lang":"en","score":0.1})",
      R"({"text":"x y z","lang":"de","score":0.1})",
  };
  const std::vector<std::pair<std::string, std::string>> opts = {
      {"where", R"(lang == "en")"}, {"where", "score >= 0.5"}, {"max-words", "2"}};
  EXPECT_EQ(run_select(opts, docs),
            (std::vector<std::string>{"", R"(where:lang == "en")", "where:score >= 0.5", R"(where:lang == "en")"}));
  auto inverted = opts;
  inverted.emplace_back("invert", "true");
  EXPECT_EQ(run_select(inverted, docs), (std::vector<std::string>{"select:inverted", "", "", ""}));
}

TEST(SelectTransform, WhereListValuesAreNotSplitOnCommas) {
  const std::vector<std::string> docs = {R"({"text":"x","lang":"fr"})", R"({"text":"x","lang":"it"})"};
  EXPECT_EQ(run_select({{"where", R"(lang in ["en", "fr"])"}}, docs),
            (std::vector<std::string>{"", R"(where:lang in ["en", "fr"])"}));
}

TEST(SelectTransform, ConfigurationErrorsAreUsageErrors) {
  auto bad = make_select({{"where", "lang =="}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kUsage);
  EXPECT_NE(bad.status().message().find("--where 'lang =='"), std::string::npos);
  auto crossed = make_select({{"min-words", "10"}, {"max-words", "5"}});
  ASSERT_FALSE(crossed.ok());
  EXPECT_EQ(crossed.status().code(), StatusCode::kUsage);
  auto negative = make_select({{"max-bytes", "-1"}});
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().code(), StatusCode::kUsage);
  EXPECT_TRUE(make_select({}).ok());
}

}  // namespace
}  // namespace dpk
