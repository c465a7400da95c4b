#include "content_extractor.h"

#include <gtest/gtest.h>

#include <string>

#include "lean_html.h"
#include "test_util.h"

namespace dpk {
namespace {

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

// A page of testdata/html-extraction-kinds/ (the kinds of page cli.extract scores too).
std::string kind_page(const std::string& name) {
  return testing_util::read_file(testing_util::testdata_path("html-extraction-kinds/pages/" + name + ".html"));
}

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

// An article cut into sections, each in its own grid row, with figures
// between them: all the sections are the article, not only the best one.
// testdata/html-extraction-kinds/pages/split-sections.html

TEST(ContentExtractor, KeepsEverySectionOfASplitArticle) {
  ContentExtractor x({});
  const std::string& t = x.extract(kind_page("split-sections")).text;
  EXPECT_TRUE(contains(t, "The water came up faster")) << t;
  EXPECT_TRUE(contains(t, "Insurance assessors began")) << t;
  EXPECT_TRUE(contains(t, "the smell of mud and diesel")) << t;
  EXPECT_FALSE(contains(t, "Copyright")) << t;
  EXPECT_FALSE(contains(t, "Home")) << t;
}

// The first paragraph holds a hover card of links on a name: the card goes,
// the paragraph stays (it is not "mostly links").
// testdata/html-extraction-kinds/pages/hover-card.html

TEST(ContentExtractor, ParagraphWithAHoverCardOfLinksIsKept) {
  ContentExtractor x({});
  const std::string& t = x.extract(kind_page("hover-card")).text;
  EXPECT_TRUE(contains(t, "Architect Lena Hart designed the building around a courtyard")) << t;
  EXPECT_TRUE(contains(t, "The new city library opens its doors")) << t;
  EXPECT_TRUE(contains(t, "The library holds more than")) << t;
  EXPECT_FALSE(contains(t, "All projects by Lena Hart")) << t;
  EXPECT_FALSE(contains(t, "Contact Lena Hart")) << t;
}

// A press release ends with the company's profile and a media contact.
// testdata/html-extraction-kinds/pages/press-release.html

TEST(ContentExtractor, CompanyProfileAfterAPressReleaseIsDropped) {
  ContentExtractor x({});
  const std::string& t = x.extract(kind_page("press-release")).text;
  EXPECT_TRUE(contains(t, "COLUMBUS, Ohio")) << t;
  EXPECT_TRUE(contains(t, "Production starts in the summer")) << t;
  for (const char* boilerplate : {"About Northwind Energy", "leading provider", "For more information",
                                  "Media contact", "press@northwind"}) {
    EXPECT_FALSE(contains(t, boilerplate)) << boilerplate << " kept in: " << t;
  }
  // A site's own "About us" page is its content.
  const std::string about =
      "<html><body><div class='page'><p>Our workshop has built furniture from local oak, ash and beech since "
      "1962, in the same barn, with the same care.</p><p>Today six joiners, two apprentices and a designer work "
      "here, and every piece is made to order, by hand, for one customer.</p><p>About us</p><p>We are a family "
      "business in the third generation, and we still answer every letter ourselves.</p></div></body></html>";
  EXPECT_TRUE(contains(x.extract(about).text, "family business in the third generation")) << x.extract(about).text;
}

// After the article, a listing of other posts: a linked title and a short
// excerpt each.
// testdata/html-extraction-kinds/pages/more-posts.html

TEST(ContentExtractor, ListingOfOtherPostsAfterTheArticleIsDropped) {
  ContentExtractor x({});
  const std::string& t = x.extract(kind_page("more-posts")).text;
  EXPECT_TRUE(contains(t, "Rye bread needs a sourdough")) << t;
  EXPECT_TRUE(contains(t, "wait a full day before you cut it")) << t;
  for (const char* teaser : {"You might also like", "A simple wheat loaf", "Flour, water, salt and yeast",
                             "Feeding, storing", "The lye bath"}) {
    EXPECT_FALSE(contains(t, teaser)) << teaser << " kept in: " << t;
  }
  // A page that is a listing keeps it.
  const std::string page = kind_page("more-posts");
  const std::string listing = page.substr(0, page.find("<div class=\"entry\">")) +
                              page.substr(page.find("<div class=\"entries-more\">"));
  EXPECT_TRUE(contains(x.extract(listing).text, "The lye bath")) << x.extract(listing).text;
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

TEST(LeanHtml, DropsWhiteSpaceBesideBlockTagsOnly) {
  std::string scratch;
  EXPECT_EQ(lean_html("<div>\n  <p>a</p>\n</div>\n", scratch), "<div><p>a</p></div>\n");
  // Between inline elements it separates words.
  EXPECT_EQ(lean_html("<p><a>x</a> <b>y</b> </p>", scratch), "<p><a>x</a> <b>y</b></p>");
  EXPECT_EQ(lean_html("<li>one </li>", scratch), "<li>one </li>");
  // Inside <pre> every space counts.
  EXPECT_EQ(lean_html("<pre>\n<div> x </div>\n</pre> <p>", scratch), "<pre>\n<div> x </div>\n</pre><p>");
}

}  // namespace
}  // namespace dpk
