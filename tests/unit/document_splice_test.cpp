// Splicing fields into documents whose text is in many scripts: the original
// bytes (raw UTF-8 or \u escapes) must come out unchanged.
#include <gtest/gtest.h>

#include <string>

#include "dpk/document.h"
#include "dpk/document_parser.h"
#include "dpk/json_text.h"

namespace dpk {
namespace {

struct Parsed {
  std::string buf;
  Document doc;
  std::string error;
  bool ok = false;
};

void parse(const std::string& line, Parsed& p, const Schema& schema) {
  static DocumentParser parser;
  p.buf = line + std::string(DocumentParser::kPadding, ' ');
  p.ok = parser.parse(std::string_view(p.buf.data(), line.size()), p.buf.size(), schema, p.doc, p.error);
}

const char* kScripts[] = {
    "Ελληνικά: Η γρήγορη καφέ αλεπού",
    "Русский: съешь же ещё этих мягких французских булок",
    "日本語: いろはにほへと ちりぬるを",
    "中文: 我能吞下玻璃而不伤身体",
    "العربية: أنا قادر على أكل الزجاج",
    "עברית: אני יכול לאכול זכוכית",
    "हिन्दी: मैं काँच खा सकता हूँ",
    "한국어: 나는 유리를 먹을 수 있어요",
    "emoji: 😀 🎉 👩‍👩‍👧 🇩🇪",
    "Polski: Zażółć gęślą jaźń",
};

TEST(DocumentSplice, RawUtf8TextIsKeptAndFieldsAreAdded) {
  Schema s;
  for (const char* t : kScripts) {
    std::string line = R"({"id":"x","text":)";
    append_json_string(line, t);
    line += R"(,"meta":{"k":"ü"}})";
    Parsed p;
    parse(line, p, s);
    ASSERT_TRUE(p.ok) << p.error << " in " << line;
    EXPECT_EQ(p.doc.text(), t);
    p.doc.set_string("lang", "多语言");
    p.doc.set_int("n", 3);
    std::string out;
    p.doc.serialize(out);
    // Original bytes up to the closing brace, then the new fields.
    EXPECT_EQ(out, line.substr(0, line.size() - 1) + R"(,"lang":"多语言","n":3})");
  }
}

TEST(DocumentSplice, EscapedTextIsDecodedButWrittenAsItCame) {
  Schema s;
  // "日本 😀" written with \u escapes and a surrogate pair.
  const std::string line = R"({"text":"\u65e5\u672c \ud83d\ude00 \"q\" \\ \t","id":1})";
  Parsed p;
  parse(line, p, s);
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.doc.text(), "日本 😀 \"q\" \\ \t");
  p.doc.set_id("abc");
  std::string out;
  p.doc.serialize(out);
  EXPECT_EQ(out, R"({"text":"\u65e5\u672c \ud83d\ude00 \"q\" \\ \t","id":"abc"})");
}

TEST(DocumentSplice, SetIdAddsOrReplacesOnlyTheId) {
  Schema s;
  Parsed p;
  parse(R"({ "text" : "Zażółć", "url" : "http://x/ą" })", p, s);
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_FALSE(p.doc.has_id());
  p.doc.set_id("id-ą");
  std::string out;
  p.doc.serialize(out);
  EXPECT_EQ(out, R"({ "text" : "Zażółć", "url" : "http://x/ą","id":"id-ą" })");
  EXPECT_EQ(p.doc.id(), "id-ą");

  Parsed q;
  parse(R"({"id" : 17 , "text":"Ελληνικά"})", q, s);
  ASSERT_TRUE(q.ok);
  EXPECT_TRUE(q.doc.has_id());
  EXPECT_EQ(q.doc.id(), "17");
  q.doc.set_id("new");
  out.clear();
  q.doc.serialize(out);
  EXPECT_EQ(out, R"({"id" : "new" , "text":"Ελληνικά"})");
}

TEST(DocumentSplice, SetTextWithManyScripts) {
  Schema s;
  Parsed p;
  parse(R"({"id":"a","text":"old","tail":[1,"ü"]})", p, s);
  ASSERT_TRUE(p.ok);
  std::string all;
  for (const char* t : kScripts) all += std::string(t) + "\n";
  p.doc.set_text(all);
  std::string out;
  p.doc.serialize(out);
  std::string want = R"({"id":"a","text":)";
  append_json_string(want, all);
  want += R"(,"tail":[1,"ü"]})";
  EXPECT_EQ(out, want);
  // What was written parses back to the same text.
  Parsed back;
  parse(out, back, s);
  ASSERT_TRUE(back.ok) << back.error;
  EXPECT_EQ(back.doc.text(), all);
}

TEST(DocumentSplice, EmptyObjectBodyGetsFieldsWithoutALeadingComma) {
  // The only field is the text; remove it and add another: still valid JSON.
  Schema s;
  Parsed p;
  parse(R"({"text":"ok"})", p, s);
  ASSERT_TRUE(p.ok);
  p.doc.set_string("a", "b");
  std::string out;
  p.doc.serialize(out);
  EXPECT_EQ(out, R"({"text":"ok","a":"b"})");
  p.doc.remove("text");
  p.doc.remove("a");
  p.doc.set_string("c", "d");
  out.clear();
  p.doc.serialize(out);
  EXPECT_EQ(out, R"({"c":"d"})");
}

TEST(DocumentSplice, ReusedDocumentForgetsEarlierEdits) {
  Schema s;
  Parsed p;
  parse(R"({"text":"one"})", p, s);
  ASSERT_TRUE(p.ok);
  p.doc.set_string("lang", "en");
  p.doc.drop("short");
  parse(R"({"text":"два"})", p, s);
  ASSERT_TRUE(p.ok);
  EXPECT_FALSE(p.doc.dropped());
  EXPECT_FALSE(p.doc.edited());
  std::string out;
  p.doc.serialize(out);
  EXPECT_EQ(out, R"({"text":"два"})");
}

}  // namespace
}  // namespace dpk
