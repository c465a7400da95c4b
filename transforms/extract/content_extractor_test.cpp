#include "content_extractor.h"

#include <gtest/gtest.h>

#include <string>

#include "lean_html.h"

namespace dpk {
namespace {

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

const char* kArticlePage = R"(<!DOCTYPE html>
<html lang="de-AT"><head><meta charset="utf-8"><title>  Die   Bienen &amp; der Honig </title>
<script>var x = "<p>not text</p>";</script><style>p { color: red }</style></head>
<body>
<header class="site-header"><nav><ul><li><a href="/">Start</a></li><li><a href="/news">News</a></li></ul></nav></header>
<div id="cookie-banner">Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten, bitte stimmen Sie zu.</div>
<div class="layout">
 <article class="post">
  <h1>Die Bienen und der Honig</h1>
  <p>Bienen sammeln Nektar von vielen Blüten, tragen ihn in den Stock, und machen daraus in langer Arbeit den Honig, den wir kennen.</p>
  <p>Ein Volk&nbsp;besteht aus einer Königin, einigen hundert Drohnen und, im Sommer, bis zu fünfzigtausend Arbeiterinnen, die alle Aufgaben teilen.</p>
  <h2>Die Ernte</h2>
  <ul><li>Im Frühjahr wird die erste Tracht geerntet, meist aus Raps, Obstblüte und Löwenzahn.</li>
      <li>Im Sommer folgen Linde, Kastanie und Wald, jeweils mit eigenem Geschmack.</li></ul>
  <p>Der Imker lässt den Bienen genug Vorrat, damit sie gut über den Winter kommen, und füttert nur, wenn es nötig ist.</p>
  <div class="share-buttons"><a href="#">Teilen auf Facebook</a> <a href="#">Twittern</a></div>
 </article>
 <aside class="sidebar"><h3>Beliebt</h3><p>Der große Sidebar-Text, mit Kommas, der nicht in den Inhalt gehört, weil er am Rand steht.</p></aside>
 <section id="comments"><h3>3 Kommentare</h3><p>Toller Artikel, vielen Dank, ich habe viel gelernt über die Bienen und den Honig.</p></section>
</div>
<footer><p>© 2024 Bienenblatt, Impressum, Datenschutz, Kontakt</p></footer>
<div class="related"><a href="/a">Wespen im Garten</a><a href="/b">Hummeln im Frühling</a></div>
</body></html>)";

TEST(ContentExtractor, KeepsArticleDropsFurniture) {
  ContentExtractor x({});
  const ExtractedPage& p = x.extract(kArticlePage);
  EXPECT_TRUE(contains(p.text, "Bienen sammeln Nektar von vielen Blüten")) << p.text;
  EXPECT_TRUE(contains(p.text, "Ein Volk besteht aus einer Königin")) << "nbsp is a space: " << p.text;
  EXPECT_TRUE(contains(p.text, "Im Sommer folgen Linde")) << p.text;
  EXPECT_TRUE(contains(p.text, "genug Vorrat")) << p.text;
  for (const char* boilerplate : {"Start", "Cookies", "Sidebar-Text", "Toller Artikel", "Impressum",
                                  "Teilen auf Facebook", "Wespen", "not text", "color: red"}) {
    EXPECT_FALSE(contains(p.text, boilerplate)) << boilerplate << " kept in: " << p.text;
  }
  EXPECT_EQ(p.title, "Die Bienen & der Honig");
  EXPECT_EQ(p.lang, "de-AT");
}

TEST(ContentExtractor, ParagraphsAreLines) {
  ContentExtractor x({});
  const ExtractedPage& p = x.extract(kArticlePage);
  EXPECT_TRUE(contains(p.text, "den wir kennen.\nEin Volk")) << p.text;
  EXPECT_TRUE(contains(p.text, "\nDie Ernte\n")) << p.text;
}

TEST(ContentExtractor, CommentsOnRequest) {
  ExtractOptions o;
  o.comments = true;
  ContentExtractor x(o);
  // The comment thread is a sibling of the article: it is kept when it
  // reads like content.
  const ExtractedPage& p = x.extract(kArticlePage);
  EXPECT_TRUE(contains(p.text, "Bienen sammeln Nektar")) << p.text;
  ContentExtractor plain({});
  EXPECT_FALSE(contains(plain.extract(kArticlePage).text, "Toller Artikel"));
}

TEST(ContentExtractor, MarkdownKeepsStructure) {
  ExtractOptions o;
  o.format = TextFormat::kMarkdown;
  ContentExtractor x(o);
  const ExtractedPage& p = x.extract(kArticlePage);
  EXPECT_TRUE(contains(p.text, "# Die Bienen und der Honig\n\n")) << p.text;
  EXPECT_TRUE(contains(p.text, "## Die Ernte")) << p.text;
  EXPECT_TRUE(contains(p.text, "- Im Frühjahr wird")) << p.text;
}

TEST(ContentExtractor, HiddenElementsAndLinkListsAreDropped) {
  const std::string page =
      "<html><body><div class='main'>"
      "<p>Erster Absatz mit genug Text, damit er zählt, und einem Komma, oder zwei, oder drei.</p>"
      "<p style='display: none'>Versteckter Text, der nicht sichtbar ist, und nicht bleiben soll.</p>"
      "<p hidden>Auch versteckt, mit Kommas, und lang genug, um zu zählen.</p>"
      "<p><a href=a>Link eins mit langem Text</a> <a href=b>Link zwei mit langem Text</a></p>"
      "<p>Zweiter Absatz mit genug Text, damit er zählt, und einem Komma, oder zwei, oder drei.</p>"
      "</div></body></html>";
  ContentExtractor x({});
  const ExtractedPage& p = x.extract(page);
  EXPECT_TRUE(contains(p.text, "Erster Absatz")) << p.text;
  EXPECT_TRUE(contains(p.text, "Zweiter Absatz")) << p.text;
  EXPECT_FALSE(contains(p.text, "Versteckter")) << p.text;
  EXPECT_FALSE(contains(p.text, "Auch versteckt")) << p.text;
  EXPECT_FALSE(contains(p.text, "Link eins")) << p.text;
}

TEST(ContentExtractor, MalformedInputDoesNotFail) {
  ContentExtractor x({});
  EXPECT_EQ(x.extract("").text, "");
  EXPECT_FALSE(contains(x.extract("<<<>>></div></p><p").text, "div"));
  const ExtractedPage& p = x.extract("<p>Unclosed <b>bold <i>text, with commas, long enough to count here");
  EXPECT_TRUE(contains(p.text, "Unclosed bold text")) << p.text;
  // Reuse after odd input still works.
  EXPECT_TRUE(contains(x.extract(kArticlePage).text, "Bienen sammeln"));
}

TEST(ContentExtractor, NulBytesDoNotEndThePage) {
  ContentExtractor x({});
  std::string page = "<body><div><p>Erster Teil, mit Kommas, und genug Text, um zu z\u00e4hlen.</p>";
  page.push_back('\0');
  page += "<p>Zweiter Teil, nach dem NUL-Byte, mit Kommas, und genug Text.</p></div></body>";
  const ExtractedPage& p = x.extract(page);
  EXPECT_TRUE(contains(p.text, "Zweiter Teil")) << p.text;
}

TEST(ContentExtractor, BreakIsANewline) {
  ContentExtractor x({});
  const ExtractedPage& p =
      x.extract("<body><div><p>Zeile eins, mit Text, und mehr Text dazu<br>Zeile zwei, mit Text, und mehr</p></div></body>");
  EXPECT_TRUE(contains(p.text, "Zeile eins, mit Text, und mehr Text dazu\nZeile zwei")) << p.text;
}

TEST(LeanHtml, CutsScriptsStylesSvgAndComments) {
  std::string scratch;
  EXPECT_EQ(lean_html("a<b>c</b>", scratch), "a<b>c</b>");
  EXPECT_EQ(lean_html("a<script>x</p>\"</script >b", scratch), "ab");
  EXPECT_EQ(lean_html("a<SCRIPT type=x>y</ScRiPt>b", scratch), "ab");
  EXPECT_EQ(lean_html("a<style>p{}</style>b<!-- c -->d", scratch), "abd");
  EXPECT_EQ(lean_html("a<svg/>b<svg><text>t</text></svg>c", scratch), "abc");
  EXPECT_EQ(lean_html("a<scripts>b</scripts>", scratch), "a<scripts>b</scripts>");
  EXPECT_EQ(lean_html("a<script>never closed", scratch), "a");
  EXPECT_EQ(lean_html("a<!-- never closed", scratch), "a");
  EXPECT_EQ(lean_html("a<", scratch), "a<");
}

TEST(LeanHtml, KeepsOnlyTheAttributesTheExtractorReads) {
  std::string scratch;
  EXPECT_EQ(lean_html("<a href=\"/x\" class='c d' data-x=1 ID=main>t</a>", scratch), "<a class='c d' ID=main>t</a>");
  EXPECT_EQ(lean_html("<div style=\"color:red\" role=nav hidden>", scratch), "<div role=nav hidden>");
  EXPECT_EQ(lean_html("<p style='display: NONE'>", scratch), "<p style='display: NONE'>");
  EXPECT_EQ(lean_html("<br/><img src=a.png />", scratch), "<br/><img/>");
  // An unquoted value ending in "/" does not make the element empty.
  EXPECT_EQ(lean_html("<a href=/x/>t</a>", scratch), "<a>t</a>");
  EXPECT_EQ(lean_html("<html lang=de xml:lang=\"de\"><meta http-equiv=x content=\"a>b\">", scratch),
            "<html lang=de xml:lang=\"de\"><meta http-equiv=x content=\"a>b\">");
  // Not a tag, and a tag that does not end: left as they are.
  EXPECT_EQ(lean_html("1 < 2 <3 </p>", scratch), "1 < 2 <3 </p>");
  EXPECT_EQ(lean_html("x<a title=y>z<p class=\"never closed", scratch), "x<a>z<p class=\"never closed");
}

}  // namespace
}  // namespace dpk
