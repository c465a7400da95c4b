#include <gtest/gtest.h>

#include <string>

#include "dpk/document.h"
#include "dpk/document_parser.h"

namespace dpk {
namespace {

struct Parsed {
  std::string buf;
  Document doc;
  std::string error;
  bool ok;
};

// Parses `line` the way the runtime does: inside a padded buffer.
void parse(const std::string& line, Parsed& p, const Schema& schema) {
  static DocumentParser parser;
  p.buf = line + std::string(DocumentParser::kPadding, ' ');
  p.ok = parser.parse(std::string_view(p.buf.data(), line.size()), p.buf.size(), schema, p.doc, p.error);
}

TEST(Document, UnchangedDocumentIsWrittenByteForByte) {
  Schema s;
  Parsed p;
  const std::string line = R"({ "id" : 7,"text":"h\u00e9llo\nworld", "meta": {"a": [1, 2]} , "x":null })";
  parse(line, p, s);
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.doc.text(), "h\xc3\xa9llo\nworld");
  EXPECT_EQ(p.doc.id(), "7");
  std::string out;
  p.doc.serialize(out);
  EXPECT_EQ(out, line);
}

TEST(Document, AssignWithTextCopiesEverythingButTheParentsText) {
  Schema s;
  Parsed p;
  parse(R"({"id":"d","text":"a long parent text","meta":1})", p, s);
  ASSERT_TRUE(p.ok) << p.error;
  p.doc.set_text("an edited parent text, long enough to be worth not copying");  // the text is an edit now
  p.doc.set_string("lang", "en");
  p.doc.remove("meta");
  p.doc.line = 12;
  p.doc.ordinal = 5;
  Document child;
  child.assign_with_text(p.doc, "edited");
  EXPECT_EQ(child.text(), "edited");
  EXPECT_EQ(child.id(), "d");
  EXPECT_EQ(child.line, 12u);
  EXPECT_EQ(child.ordinal, 5u);
  std::string out;
  child.serialize(out);
  EXPECT_EQ(out, R"({"id":"d","text":"edited","lang":"en"})");
  EXPECT_LT(child.text().size(), p.doc.text().size());
  std::string parent_out;
  p.doc.serialize(parent_out);  // the parent is untouched
  EXPECT_EQ(parent_out, R"({"id":"d","text":"an edited parent text, long enough to be worth not copying","lang":"en"})");
}

TEST(Document, AddedFieldsAreSplicedBeforeTheClosingBrace) {
  Schema s;
  Parsed p;
  parse(R"({"text":"a b", "meta":{"k":"v"}  })", p, s);
  ASSERT_TRUE(p.ok) << p.error;
  p.doc.set_string("lang", "en");
  p.doc.set_number("score", 0.5);
  std::string out;
  p.doc.serialize(out);
  EXPECT_EQ(out, R"({"text":"a b", "meta":{"k":"v"},"lang":"en","score":0.5  })");
}

TEST(Document, ReplacedAndRemovedFieldsKeepTheOthersIntact) {
  Schema s;
  Parsed p;
  parse(R"({"a":1, "text":"old", "b":[2], "c":"z"})", p, s);
  ASSERT_TRUE(p.ok) << p.error;
  p.doc.set_text("new \"q\"");
  p.doc.remove("b");
  std::string out;
  p.doc.serialize(out);
  EXPECT_EQ(out, R"({"a":1, "text":"new \"q\"","c":"z"})");
  EXPECT_EQ(p.doc.text(), "new \"q\"");
  p.doc.remove("a");
  out.clear();
  p.doc.serialize(out);
  EXPECT_EQ(out, R"({"text":"new \"q\"","c":"z"})");
}

TEST(Document, RenameMovesTheValue) {
  Schema s;
  Parsed p;
  parse(R"({"text":"t","old":{"x":1}})", p, s);
  ASSERT_TRUE(p.ok);
  EXPECT_TRUE(p.doc.rename("old", "new"));
  std::string out;
  p.doc.serialize(out);
  EXPECT_EQ(out, R"({"text":"t","new":{"x":1}})");
  EXPECT_FALSE(p.doc.has_field("old"));
}

TEST(Document, CustomTextAndIdKeys) {
  Schema s;
  s.text_key = "content";
  s.id_key = "doc_id";
  Parsed p;
  parse(R"({"doc_id":"x1","content":"body","text":3})", p, s);
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.doc.text(), "body");
  EXPECT_EQ(p.doc.id(), "x1");
}

TEST(DocumentParser, RejectsBadLinesWithAReason) {
  Schema s;
  Parsed p;
  for (const std::string bad : {R"({"text": "a")", R"({"text": "a"} x)", R"(["text"])", R"({"txt":"a"})",
                                 R"({"text": 12})", "{\"text\": \"\xff\xfe\"}", R"({"text":"a",})"}) {
    parse(bad, p, s);
    EXPECT_FALSE(p.ok) << "accepted: " << bad;
    EXPECT_FALSE(p.error.empty());
  }
  parse(R"({"txt":"a"})", p, s);
  EXPECT_NE(p.error.find("missing text field"), std::string::npos) << p.error;
}

// Found by fuzz/document_parser_fuzz.cpp: with quotes out of balance inside
// an unread string, simdjson's On-Demand ended the object early and the
// line was accepted (and written back as invalid JSON).
TEST(DocumentParser, ObjectThatEndsEarlyIsAnError) {
  Schema s;
  Parsed p;
  parse(R"({"text":"aants\nArts et culture", "ue e;n France\nSe 4corl": "g\nNe\u00e":"x","mtext":"{"text":"d\"\\",aymphonique e;n France\nSe 4coe"id":""tau"}})", p, s);
  EXPECT_FALSE(p.ok);
  EXPECT_NE(p.error.find("malformed JSON"), std::string::npos) << p.error;
}

// Found by fuzz/document_parser_fuzz.cpp: a literal that starts like null
// made simdjson throw out of the parser, which ended the whole run.
TEST(DocumentParser, LiteralThatOnlyLooksLikeNullIsAnError) {
  Schema s;
  Parsed p;
  for (const std::string bad : {R"({"text":"a","z":nrue})", R"({"text":"a","z":nul})", R"({"z":nullx,"text":"a"})"}) {
    parse(bad, p, s);
    EXPECT_FALSE(p.ok) << "accepted: " << bad;
    EXPECT_NE(p.error.find("malformed JSON"), std::string::npos) << p.error;
  }
}

}  // namespace
}  // namespace dpk

namespace dpk {
namespace {
TEST(Document, ForEachFieldSeesEditsAndAddedFields) {
  Schema s;
  static DocumentParser parser;
  std::string line = R"({"a":1,"text":"t","b":2})";
  std::string buf = line + std::string(DocumentParser::kPadding, ' ');
  Document d;
  std::string err;
  ASSERT_TRUE(parser.parse(std::string_view(buf.data(), line.size()), buf.size(), s, d, err)) << err;
  d.remove("a");
  d.set_int("b", 5);
  d.set_string("lang", "en");
  std::string seen;
  d.for_each_field([&](std::string_view k, std::string_view v) {
    seen.append(k).append("=").append(v).append(";");
  });
  EXPECT_EQ(seen, "text=\"t\";b=5;lang=\"en\";");
}
// A recipe step with its own text-key: the document switches fields and back,
// each step's edit landing in its own field.
TEST(Document, RebindReadsAnotherTextFieldAndKeepsEditsOfBoth) {
  Schema run;
  Schema body;
  body.text_key = "body";
  body.id_key = "uid";
  Parsed p;
  parse(R"({"id":"a","text":"short","body":"caf\u00e9 long","uid":42})", p, run);
  ASSERT_TRUE(p.ok) << p.error;
  p.doc.set_text("SHORT");
  std::string error;
  ASSERT_TRUE(p.doc.rebind(&body, error)) << error;
  EXPECT_EQ(p.doc.text(), "caf\xc3\xa9 long");
  EXPECT_EQ(p.doc.id(), "42");
  p.doc.set_text("CAFE");
  ASSERT_TRUE(p.doc.rebind(&run, error)) << error;
  EXPECT_EQ(p.doc.text(), "SHORT");  // its own edit, kept
  EXPECT_EQ(p.doc.id(), "a");
  std::string out;
  p.doc.serialize(out);
  EXPECT_EQ(out, R"({"id":"a","text":"SHORT","body":"CAFE","uid":42})");
}

TEST(Document, RebindToAMissingOrNonStringFieldFailsAsTheParserWould) {
  Schema run;
  Schema body;
  body.text_key = "body";
  Parsed p;
  parse(R"({"text":"t","n":3})", p, run);
  ASSERT_TRUE(p.ok) << p.error;
  std::string error;
  EXPECT_FALSE(p.doc.rebind(&body, error));
  EXPECT_EQ(error, "missing text field 'body'");
  Schema number;
  number.text_key = "n";
  EXPECT_FALSE(p.doc.rebind(&number, error));
  EXPECT_EQ(error, "field 'n' is not a string");
  body.text_required = false;  // a step that does not read text
  EXPECT_TRUE(p.doc.rebind(&body, error));
  EXPECT_EQ(p.doc.text(), "");
}

}  // namespace
}  // namespace dpk
