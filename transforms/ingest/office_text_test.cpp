// Office and e-book text from zips written here with libarchive's writer:
// each format's rules, the page separator, and the files that must not be
// read (corrupt, encrypted, a DTD's entities, a zip bomb).
#include "office_text.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "zip_writer_for_tests.h"

namespace dpk {
namespace {

using Parts = ZipPartList;

std::string make_zip(const Parts& parts) { return write_zip_in_memory(parts); }

constexpr const char* kW = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";
constexpr const char* kA = R"(xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main")";
constexpr const char* kOdfNs =
    R"(xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" )"
    R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" )"
    R"(xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" )"
    R"(xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" )"
    R"(xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0")";

std::string docx(const std::string& body) {
  return make_zip({{"[Content_Types].xml", "<Types/>"},
                   {"word/document.xml", std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document ") + kW +
                                             "><w:body>" + body + "</w:body></w:document>"}});
}

std::string slide(const std::string& paragraphs) {
  return std::string("<p:sld xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" ") + kA +
         "><p:cSld><p:spTree><p:sp><p:txBody>" + paragraphs + "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>";
}

std::string odf(const std::string& body) {
  return std::string("<office:document-content ") + kOdfNs + "><office:body>" + body +
         "</office:body></office:document-content>";
}

struct Out {
  OfficeTextExtractor::Result result;
  std::string text, why;
  int pages = 0;
};

Out run(FileKind kind, const std::string& bytes, std::string_view sep = "\f", ZipLimits limits = ZipLimits()) {
  static OfficeTextExtractor office;  // reused, as a step instance is
  Out o;
  o.result = office.extract(kind, bytes, sep, limits, o.text, o.pages, o.why);
  return o;
}

TEST(OfficeText, DocxParagraphsTabsBreaksAndTables) {
  const Out o = run(FileKind::kDocx,
                    docx("<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"  // tab stops, not tabs
                         "<w:r><w:rPr><w:b/></w:rPr><w:t>Hello</w:t></w:r><w:r><w:t xml:space=\"preserve\"> world</w:t></w:r></w:p>"
                         "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>"
                         "<w:p/><w:p/><w:p/>"  // empty paragraphs: one blank line at most
                         "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell 1</w:t></w:r></w:p></w:tc>"
                         "<w:tc><w:p><w:r><w:t>cell 2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
                         // The same text box twice: the choice is read, the fallback is not.
                         "<w:p><w:r><mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
                         "<mc:Choice><w:t>boxed</w:t></mc:Choice><mc:Fallback><w:t>boxed</w:t></mc:Fallback>"
                         "</mc:AlternateContent></w:r></w:p>"
                         "<w:p><w:r><w:t>Ελληνικά 中文 &amp; &#x41;</w:t></w:r></w:p><w:p/>"));
  ASSERT_EQ(o.result, OfficeTextExtractor::kOk) << o.why;
  EXPECT_EQ(o.text, "Hello world\na\tb\nc\n\ncell 1\ncell 2\nboxed\nΕλληνικά 中文 & A");
  EXPECT_EQ(o.pages, 0);
}

TEST(OfficeText, PptxSlidesInNumericOrderJoinedBySeparator) {
  const std::string deck = make_zip({
      {"ppt/slides/slide10.xml", slide("<a:p><a:r><a:t>ten</a:t></a:r></a:p>")},
      {"ppt/slides/slide2.xml", slide("<a:p><a:r><a:t>two</a:t></a:r><a:br/><a:r><a:t>lines</a:t></a:r></a:p>")},
      {"ppt/slides/slide1.xml", slide("<a:p><a:r><a:t>Title</a:t></a:r></a:p><a:p><a:r><a:t>body</a:t></a:r></a:p>")},
      {"ppt/slides/_rels/slide1.xml.rels", "<Relationships/>"},
      {"ppt/notesSlides/notesSlide1.xml", slide("<a:p><a:r><a:t>speaker notes</a:t></a:r></a:p>")},
  });
  Out o = run(FileKind::kPptx, deck);
  ASSERT_EQ(o.result, OfficeTextExtractor::kOk) << o.why;
  EXPECT_EQ(o.text, "Title\nbody\ftwo\nlines\ften");
  EXPECT_EQ(o.pages, 3);
  o = run(FileKind::kPptx, deck, "\n\n---\n\n");
  EXPECT_EQ(o.text, "Title\nbody\n\n---\n\ntwo\nlines\n\n---\n\nten");
}

TEST(OfficeText, XlsxRowsCellsSharedStringsAndSheets) {
  const std::string strings =
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<si><t>Name</t></si><si><r><t>Rich</t></r><r><t xml:space=\"preserve\"> text</t></r></si>"
      "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si></sst>";
  const std::string sheet1 =
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
      "<row r=\"2\"><c r=\"A2\"><v>42</v></c><c r=\"B2\"><v>2.5</v></c><c r=\"D2\" t=\"inlineStr\"><is><t>inline</t></is></c></row>"
      "<row r=\"3\"><c r=\"A3\" s=\"1\"/></row>"  // styled but empty: no line
      "<row r=\"4\"><c r=\"B4\" t=\"str\"><f>A1&amp;\"!\"</f><v>Name!</v></c><c r=\"C4\" t=\"b\"><v>1</v></c></row>"
      "</sheetData></worksheet>";
  const std::string sheet2 =
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
      "<row><c t=\"s\"><v>2</v></c><c t=\"s\"><v>99</v></c><c><v>7</v></c></row></sheetData></worksheet>";
  const Out o = run(FileKind::kXlsx, make_zip({{"xl/worksheets/sheet2.xml", sheet2},
                                               {"xl/sharedStrings.xml", strings},
                                               {"xl/worksheets/sheet1.xml", sheet1}}));
  ASSERT_EQ(o.result, OfficeTextExtractor::kOk) << o.why;
  // D2 after an empty C2 keeps its column; a shared string index out of range is empty.
  EXPECT_EQ(o.text, "Name\tRich text\n42\t2.5\t\tinline\n\tName!\tTRUE\f東京\t\t7");
  EXPECT_EQ(o.pages, 2);
}

TEST(OfficeText, OdtParagraphsSpacesTabsLineBreaks) {
  const std::string content = odf(
      "<office:text><text:h text:outline-level=\"1\">Heading</text:h>"
      "<text:p>a<text:s text:c=\"3\"/>b<text:tab/>c<text:line-break/>d<text:s/>e</text:p>"
      "<text:p><text:span>span</text:span> after</text:p>"
      "<text:list><text:list-item><text:p>item</text:p></text:list-item></text:list></office:text>");
  const Out o = run(FileKind::kOdt, make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                                              {"content.xml", content}}));
  ASSERT_EQ(o.result, OfficeTextExtractor::kOk) << o.why;
  EXPECT_EQ(o.text, "Heading\na   b\tc\nd e\nspan after\nitem");
  EXPECT_EQ(o.pages, 0);
}

TEST(OfficeText, OdpPagesWithoutSpeakerNotes) {
  const std::string content = odf(
      "<office:presentation>"
      "<draw:page><draw:frame><draw:text-box><text:p>First slide</text:p></draw:text-box></draw:frame>"
      "<presentation:notes><draw:frame><draw:text-box><text:p>secret notes</text:p></draw:text-box></draw:frame>"
      "</presentation:notes></draw:page>"
      "<draw:page><draw:frame><draw:text-box><text:p>Second</text:p><text:p>slide</text:p></draw:text-box>"
      "</draw:frame></draw:page></office:presentation>");
  const Out o = run(FileKind::kOdp, make_zip({{"content.xml", content}}));
  ASSERT_EQ(o.result, OfficeTextExtractor::kOk) << o.why;
  EXPECT_EQ(o.text, "First slide\fSecond\nslide");
  EXPECT_EQ(o.pages, 2);
}

TEST(OfficeText, OdsRowsCellsAndCappedRepeats) {
  const std::string content = odf(
      "<office:spreadsheet><table:table table:name=\"A\">"
      "<table:table-row><table:table-cell><text:p>x</text:p></table:table-cell>"
      "<table:table-cell table:number-columns-repeated=\"2\"/>"
      "<table:table-cell table:number-columns-repeated=\"2\"><text:p>r</text:p></table:table-cell>"
      "<table:table-cell><text:p>two</text:p><text:p>paras</text:p></table:table-cell>"
      "<table:table-cell table:number-columns-repeated=\"16000\"/></table:table-row>"
      "<table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell table:number-columns-repeated=\"1024\"/>"
      "</table:table-row>"
      "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell><text:p>twice</text:p></table:table-cell>"
      "</table:table-row></table:table>"
      "<table:table table:name=\"B\"><table:table-row><table:table-cell><text:p>b</text:p></table:table-cell>"
      "</table:table-row></table:table></office:spreadsheet>");
  const Out o = run(FileKind::kOds, make_zip({{"content.xml", content}}));
  ASSERT_EQ(o.result, OfficeTextExtractor::kOk) << o.why;
  EXPECT_EQ(o.text, "x\t\t\tr\tr\ttwo paras\ntwice\ntwice\fb");
  EXPECT_EQ(o.pages, 2);
}

std::string epub(const std::string& chapter1, const std::string& chapter2) {
  return make_zip({
      {"mimetype", "application/epub+zip"},
      {"META-INF/container.xml",
       "<container xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\" version=\"1.0\"><rootfiles>"
       "<rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles></container>"},
      {"OEBPS/content.opf",
       "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\"><manifest>"
       "<item id=\"c1\" href=\"text/chapter%20one.xhtml\" media-type=\"application/xhtml+xml\"/>"
       "<item id=\"c2\" href=\"text/../more/c2.xhtml#start\" media-type=\"application/xhtml+xml\"/>"
       "<item id=\"missing\" href=\"gone.xhtml\" media-type=\"application/xhtml+xml\"/>"
       "</manifest><spine><itemref idref=\"c2\"/><itemref idref=\"missing\"/><itemref idref=\"c1\"/></spine></package>"},
      {"OEBPS/text/chapter one.xhtml", chapter1},
      {"OEBPS/more/c2.xhtml", chapter2},
  });
}

TEST(OfficeText, EpubSpineOrderAndHtmlText) {
  const std::string c1 =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\">"
      "<head><title>Not text</title><style>p {}</style></head><body><h1>One</h1>"
      "<p>Some   <em>emphasised</em>\n text.</p><script>var x;</script>"
      "<table><tr><td>a</td><td>b</td></tr></table><p>line<br/>break&nbsp;here</p></body></html>";
  const std::string c2 = "<html><body><div>Two</div><ul><li>x</li><li>y</li></ul></body></html>";
  const Out o = run(FileKind::kEpub, epub(c1, c2));
  ASSERT_EQ(o.result, OfficeTextExtractor::kOk) << o.why;
  EXPECT_EQ(o.text, "Two\nx\ny\fOne\nSome emphasised text.\na\tb\nline\nbreak\xC2\xA0here");
  EXPECT_EQ(o.pages, 2);
}

TEST(OfficeText, CorruptAndMissingPartsAreCorrupt) {
  Out o = run(FileKind::kDocx, "PK\x03\x04 this is not a zip body at all");
  EXPECT_EQ(o.result, OfficeTextExtractor::kCorrupt);
  EXPECT_FALSE(o.why.empty());
  o = run(FileKind::kDocx, "plain text named .docx");
  EXPECT_EQ(o.result, OfficeTextExtractor::kCorrupt);
  EXPECT_EQ(o.why, "not a zip archive");
  o = run(FileKind::kDocx, make_zip({{"word/other.xml", "<x/>"}}));
  EXPECT_EQ(o.result, OfficeTextExtractor::kCorrupt);
  EXPECT_NE(o.why.find("no word/document.xml"), std::string::npos) << o.why;
  o = run(FileKind::kPptx, make_zip({{"ppt/slides/_rels/slide1.xml.rels", "<Relationships/>"}}));
  EXPECT_NE(o.why.find("no ppt/slides/slideN.xml"), std::string::npos) << o.why;
  // A deck without slides is no broken file: it has no text.
  o = run(FileKind::kPptx, make_zip({{"ppt/presentation.xml", "<p:presentation/>"}}));
  EXPECT_EQ(o.result, OfficeTextExtractor::kOk) << o.why;
  EXPECT_EQ(o.text, "");
  o = run(FileKind::kEpub, make_zip({{"mimetype", "application/epub+zip"}}));
  EXPECT_NE(o.why.find("no META-INF/container.xml"), std::string::npos) << o.why;
  o = run(FileKind::kOds, make_zip({{"content.xml", "<office:document-content><unclosed>"}}));
  EXPECT_EQ(o.result, OfficeTextExtractor::kCorrupt);
  EXPECT_NE(o.why.find("content.xml: "), std::string::npos) << o.why;
  // A truncated zip: its central directory is gone.
  const std::string whole = docx("<w:p><w:r><w:t>text</w:t></w:r></w:p>");
  o = run(FileKind::kDocx, whole.substr(0, 100));  // inside word/document.xml's entry
  EXPECT_EQ(o.result, OfficeTextExtractor::kCorrupt);
}

TEST(OfficeText, EncryptedFilesAreNamedSo) {
  // An encrypted OOXML file is an OLE compound file.
  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  ole.append(504, '\0');
  Out o = run(FileKind::kDocx, ole);
  EXPECT_EQ(o.result, OfficeTextExtractor::kCorrupt);
  EXPECT_EQ(o.why.rfind("encrypted", 0), 0u) << o.why;
  // An encrypted ODF file lists encryption data in its manifest.
  o = run(FileKind::kOdt, make_zip({{"META-INF/manifest.xml",
                                     "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
                                     "<manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data/>"
                                     "</manifest:file-entry></manifest:manifest>"},
                                    {"content.xml", "\x01\x02 ciphertext"}}));
  EXPECT_EQ(o.result, OfficeTextExtractor::kCorrupt);
  EXPECT_NE(o.why.find("encrypted"), std::string::npos) << o.why;
}

TEST(OfficeText, EntitiesAreNeverExpandedNorFetched) {
  // Any DTD is refused, even a harmless one.
  Out o = run(FileKind::kDocx, make_zip({{"word/document.xml", std::string("<!DOCTYPE w:document><w:document ") + kW +
                                                                   "><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>"}}));
  EXPECT_EQ(o.result, OfficeTextExtractor::kCorrupt);
  EXPECT_NE(o.why.find("DTD"), std::string::npos) << o.why;
  // Billion laughs: refused (libxml2 sees the entity loop, or the DTD check does), at once.
  std::string bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  for (int i = 1; i <= 9; ++i) {
    bomb += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) bomb += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    bomb += "\">";
  }
  bomb += std::string("]><w:document ") + kW + "><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>";
  const auto t0 = std::chrono::steady_clock::now();
  o = run(FileKind::kDocx, make_zip({{"word/document.xml", bomb}}));
  EXPECT_EQ(o.result, OfficeTextExtractor::kCorrupt);
  EXPECT_TRUE(o.text.empty());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));  // a guard, not a timing

  // An external entity naming a local file: refused, the file never read.
  const std::string secret_path = ::testing::TempDir() + "dpk_office_secret.txt";
  std::ofstream(secret_path) << "TOP-SECRET-CONTENT";
  const std::string xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file://" + secret_path + "\">]>" +
                          "<office:document-content " + kOdfNs +
                          "><office:body><office:text><text:p>a &x; b</text:p></office:text></office:body>"
                          "</office:document-content>";
  o = run(FileKind::kOdt, make_zip({{"content.xml", xxe}}));
  EXPECT_EQ(o.result, OfficeTextExtractor::kCorrupt);
  EXPECT_EQ(o.text.find("TOP-SECRET"), std::string::npos);
  // In an e-book chapter (the HTML parser): read, the entity left out.
  o = run(FileKind::kEpub, epub("<!DOCTYPE html [<!ENTITY x SYSTEM \"file://" + secret_path +
                                    "\">]><html><body><p>before &x; after</p></body></html>",
                                "<p>two</p>"));
  ASSERT_EQ(o.result, OfficeTextExtractor::kOk) << o.why;
  EXPECT_EQ(o.text.find("TOP-SECRET"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("before"), std::string::npos) << o.text;
  std::remove(secret_path.c_str());
}

TEST(OfficeText, ZipBombsStopAtTheCaps) {
  ZipLimits small;
  small.max_part_bytes = 1 << 20;
  small.max_total_bytes = 3 << 20;
  // One part past the part cap (3 MB of spaces deflate to a few KB).
  const std::string big = docx("<w:p><w:r><w:t>x</w:t></w:r></w:p>" + std::string(3 << 20, ' '));
  ASSERT_LT(big.size(), size_t{100} << 10);
  Out o = run(FileKind::kDocx, big, "\f", small);
  EXPECT_EQ(o.result, OfficeTextExtractor::kTooLarge);
  EXPECT_NE(o.why.find("word/document.xml"), std::string::npos) << o.why;
  // Parts each under the part cap, together past the total cap.
  Parts parts;
  for (int i = 1; i <= 4; ++i) {
    parts.emplace_back("ppt/slides/slide" + std::to_string(i) + ".xml",
                       slide("<a:p><a:r><a:t>s</a:t></a:r></a:p>") + std::string(900 << 10, ' '));
  }
  o = run(FileKind::kPptx, make_zip(parts), "\f", small);
  EXPECT_EQ(o.result, OfficeTextExtractor::kTooLarge);
  // The same file under the default caps reads.
  o = run(FileKind::kPptx, make_zip(parts));
  EXPECT_EQ(o.result, OfficeTextExtractor::kOk) << o.why;
  EXPECT_EQ(o.text, "s\fs\fs\fs");
}

TEST(OfficeText, ParsersAreReusableAfterAFailure) {
  EXPECT_EQ(run(FileKind::kDocx, "garbage").result, OfficeTextExtractor::kCorrupt);
  const Out o = run(FileKind::kDocx, docx("<w:p><w:r><w:t>after</w:t></w:r></w:p>"));
  ASSERT_EQ(o.result, OfficeTextExtractor::kOk) << o.why;
  EXPECT_EQ(o.text, "after");
}

}  // namespace
}  // namespace dpk
