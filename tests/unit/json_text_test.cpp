#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "dpk/json_text.h"

namespace dpk {
namespace {

std::string json_quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

std::string decoded(std::string_view raw) {
  std::string out;
  EXPECT_TRUE(decode_json_string(raw, out)) << raw;
  return out;
}

TEST(JsonText, QuotesTheMandatoryCharacters) {
  EXPECT_EQ(json_quoted(""), "\"\"");
  EXPECT_EQ(json_quoted("plain"), "\"plain\"");
  EXPECT_EQ(json_quoted("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(json_quoted("l1\nl2\r\tx\b\f"), R"("l1\nl2\r\tx\b\f")");
  EXPECT_EQ(json_quoted(std::string("\x00\x01\x1f", 3)), R"("\u0000\u0001\u001f")");
  EXPECT_EQ(json_quoted("/"), "\"/\"");
  // Non-ASCII UTF-8 and DEL are copied as they are.
  EXPECT_EQ(json_quoted("h\xc3\xa9 \x7f \xf0\x9f\x98\x80"), "\"h\xc3\xa9 \x7f \xf0\x9f\x98\x80\"");
}

// Every byte value, at every place in a word of eight and at the ends of a
// string, quotes as it does alone and decodes back: both scan eight bytes at
// a time.
TEST(JsonText, QuotesEveryByteAtEveryPlaceInAWord) {
  for (int b = 0; b < 256; ++b) {
    const std::string alone = json_quoted(std::string(1, static_cast<char>(b)));
    const std::string inner = alone.substr(1, alone.size() - 2);
    for (size_t at = 0; at < 19; ++at) {
      for (size_t len : {at + 1, at + 9, size_t{24}}) {
        if (at >= len) continue;
        std::string s(len, 'x');
        s[at] = static_cast<char>(b);
        const std::string want = "\"" + std::string(at, 'x') + inner + std::string(len - at - 1, 'x') + "\"";
        ASSERT_EQ(json_quoted(s), want) << "byte " << b << " at " << at << " of " << len;
        ASSERT_EQ(decoded(want), s) << "byte " << b << " at " << at << " of " << len;
      }
    }
  }
  // Two bytes that need escaping next to each other, across a word's edge.
  EXPECT_EQ(json_quoted("1234567\"\n8"), R"("1234567\"\n8")");
}

TEST(JsonText, DecodesEscapes) {
  EXPECT_EQ(decoded(R"("a\"b\\c\/d")"), "a\"b\\c/d");
  EXPECT_EQ(decoded(R"("\n\r\t\b\f")"), "\n\r\t\b\f");
  EXPECT_EQ(decoded(R"("\u00e9\u00E9")"), "\xc3\xa9\xc3\xa9");
  EXPECT_EQ(decoded(R"("\u0041\u20ac")"), "A\xe2\x82\xac");
  EXPECT_EQ(decoded(R"("\u0000")"), std::string(1, '\0'));
  // A surrogate pair is one 4-byte character.
  EXPECT_EQ(decoded(R"("\ud83d\ude00")"), "\xf0\x9f\x98\x80");
  EXPECT_EQ(decoded(R"("\uD834\uDD1E!")"), "\xf0\x9d\x84\x9e!");
  // Lone surrogates become U+FFFD rather than invalid UTF-8.
  EXPECT_EQ(decoded(R"("\ud800x")"), "\xef\xbf\xbdx");
  EXPECT_EQ(decoded(R"("\udc00")"), "\xef\xbf\xbd");
  // Surrounding whitespace is allowed.
  EXPECT_EQ(decoded(" \"x\" \n"), "x");
}

TEST(JsonText, RejectsMalformedLiterals) {
  std::string out;
  for (std::string_view bad : {"", "\"", "x", "\"abc", "abc\"", R"("\x")", R"("\u12")", R"("\u12g4")",
                               R"("a\")", "'single'"}) {
    EXPECT_FALSE(decode_json_string(bad, out)) << "accepted " << bad;
  }
}

TEST(JsonText, RoundTripsEveryByteOfValidUtf8) {
  std::string all;
  for (int c = 0; c < 0x80; ++c) all.push_back(static_cast<char>(c));
  all += "Ελληνικά русский 日本語 中文 العربية עברית हिन्दी 한국어 😀🎉";
  std::string back;
  ASSERT_TRUE(decode_json_string(json_quoted(all), back));
  EXPECT_EQ(back, all);
  // Quoted output never holds a raw control character.
  for (char c : json_quoted(all)) EXPECT_GE(static_cast<unsigned char>(c), 0x20);
}

TEST(JsonText, NumbersAreShortestRoundTripAndLocaleFree) {
  auto num = [](double v) {
    std::string s;
    append_json_number(s, v);
    return s;
  };
  EXPECT_EQ(num(0.5), "0.5");
  EXPECT_EQ(num(12), "12");
  EXPECT_EQ(num(-3.25), "-3.25");
  EXPECT_EQ(num(0.1), "0.1");
  EXPECT_EQ(num(1e-7), "1e-07");
  EXPECT_EQ(num(NAN), "null");
  EXPECT_EQ(num(INFINITY), "null");
  for (double v : {0.1, 1.0 / 3, 123456.789, 1e300, -2.5e-300}) {
    auto back = parse_json_number(num(v));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, v);
  }
  std::string i;
  append_json_int(i, -9223372036854775807LL - 1);
  EXPECT_EQ(i, "-9223372036854775808");
}

TEST(JsonText, ParsesNumberLiterals) {
  EXPECT_EQ(parse_json_number("42"), 42.0);
  EXPECT_EQ(parse_json_number(" -1.5e3 "), -1500.0);
  EXPECT_FALSE(parse_json_number("").has_value());
  EXPECT_FALSE(parse_json_number("\"1\"").has_value());
  EXPECT_FALSE(parse_json_number("1x").has_value());
  EXPECT_FALSE(parse_json_number("true").has_value());
}

TEST(JsonText, TrimsJsonWhitespaceOnly) {
  EXPECT_EQ(trim_json_ws(" \t\r\n x y \n"), "x y");
  EXPECT_EQ(trim_json_ws("\v x"), "\v x");  // \v is not JSON whitespace
  EXPECT_EQ(trim_json_ws("   "), "");
}

}  // namespace
}  // namespace dpk
