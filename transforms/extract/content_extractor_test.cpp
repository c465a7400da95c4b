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

// An article cut into sections, each in its own grid row, with figures
// between them: all the sections are the article, not only the best one.
const char* kSectionsPage = R"(<!DOCTYPE html><html lang="en"><head><title>River towns rebuild after the flood</title></head><body>
<header class="site"><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/local">Local</a></nav></header>
<div class="page">
 <div class="grid-row"><div class="grid-col"><h1>River towns rebuild after the flood</h1></div></div>
 <div class="grid-row intro"><div class="grid-col col-8"><section class="block-text">
  <p>The water came up faster than anyone in the valley had expected, and by the second night the lower streets of three towns were under a metre of brown river water.</p>
  <p>Shop owners, many of whom had lived through the last great flood, moved their stock upstairs, but the cellars, the boilers and the cars were lost within hours.</p>
  <p>Volunteers from the neighbouring villages arrived on tractors, with pumps, sandbags and food, and stayed for most of the week, sleeping in the school gym.</p>
 </section></div></div>
 <div class="grid-row"><div class="grid-col-wide"><figure><img src="a.jpg" alt=""><figcaption>Sandbags on the main square. <a href="/photos">Photo: Agency</a></figcaption></figure></div></div>
 <div class="grid-row body-1"><div class="grid-col col-7 offset-1"><section class="block-quote-text">
  <p>Insurance assessors began their visits on Monday, though many residents say the forms are long, the rules unclear, and the first offers far below the damage.</p>
  <p>The regional government has promised an emergency fund, with payments of up to ten thousand euros for households, and more for the businesses that lost everything.</p>
  <p>Engineers are now checking the old stone bridge, which was closed after cracks appeared in two of its arches, and which carries most of the valley's traffic.</p>
 </section></div></div>
 <div class="grid-row"><div class="grid-col-wide"><figure><img src="b.jpg" alt=""><figcaption>The closed bridge.</figcaption></figure></div></div>
 <div class="grid-row outro"><div class="grid-col col-8"><section class="block-rich">
  <p>In the long run, the mayors want the river given more room: meadows that may flood, higher dikes only where houses stand, and no new building on the plain.</p>
  <p>Some farmers object, saying they cannot give up their best fields, but others have already offered land, as long as they are paid a fair price for it.</p>
  <p>For now, the cleaning goes on, street by street, and the smell of mud and diesel hangs over the towns that had thought the last flood would be their last.</p>
 </section></div></div>
</div>
<footer><p>Copyright 2024 The Valley Post. All rights reserved, and then some more words here.</p></footer>
</body></html>)";

TEST(ContentExtractor, KeepsEverySectionOfASplitArticle) {
  ContentExtractor x({});
  const std::string& t = x.extract(kSectionsPage).text;
  EXPECT_TRUE(contains(t, "The water came up faster")) << t;
  EXPECT_TRUE(contains(t, "Insurance assessors began")) << t;
  EXPECT_TRUE(contains(t, "the smell of mud and diesel")) << t;
  EXPECT_FALSE(contains(t, "Copyright")) << t;
  EXPECT_FALSE(contains(t, "Home")) << t;
}

// The first paragraph holds a hover card of links on a name: the card goes,
// the paragraph stays (it is not "mostly links").
const char* kHoverCardPage = R"(<!DOCTYPE html><html lang="en"><head><title>New library opens</title></head><body>
<div class="wrap"><div class="story">
 <h1>The new city library opens its doors</h1>
 <p>Architect <span class="person-card"><a href="/people/lena-hart">Lena Hart</a><span class="person-card__body"><a href="/people/lena-hart">Lena Hart, architect and urban planner</a><a href="/people/lena-hart/projects">All projects by Lena Hart</a><a href="/people/lena-hart/interviews">Interviews with Lena Hart</a><a href="https://example.org/lena">Follow Lena Hart on social media for news</a><a href="/people/lena-hart/awards">Awards and prizes won by Lena Hart</a><a href="/people/lena-hart/books">Books written by Lena Hart</a><a href="/people/lena-hart/talks">Talks and lectures given by Lena Hart</a><a href="/people/lena-hart/contact">Contact Lena Hart</a></span></span> designed the building around a courtyard, so that every reading room gets daylight.</p>
 <p>The library holds more than two hundred thousand books, a music room, a workshop with printers and sewing machines, and a café that opens early in the morning.</p>
 <p>On the first day, more than four thousand visitors came, many of them children, who queued for the new reading tower, the slide and the storytelling corner.</p>
 <p>The city council, which paid for most of the building, says the library will stay open late on weekdays, and on Sundays, for the first time in the city's history.</p>
</div></div>
<div class="site-footer"><a href="/a">About</a> <a href="/b">Contact</a></div>
</body></html>)";

TEST(ContentExtractor, ParagraphWithAHoverCardOfLinksIsKept) {
  ContentExtractor x({});
  const std::string& t = x.extract(kHoverCardPage).text;
  EXPECT_TRUE(contains(t, "Architect Lena Hart designed the building around a courtyard")) << t;
  EXPECT_TRUE(contains(t, "The new city library opens its doors")) << t;
  EXPECT_TRUE(contains(t, "The library holds more than")) << t;
  EXPECT_FALSE(contains(t, "All projects by Lena Hart")) << t;
  EXPECT_FALSE(contains(t, "Contact Lena Hart")) << t;
}

// A press release ends with the company's profile and a media contact.
const char* kPressReleasePage = R"(<!DOCTYPE html><html lang="en"><head><title>Northwind opens plant</title></head><body>
<div class="container"><div class="release">
 <h1>Northwind Energy opens its first battery plant in Ohio</h1>
 <p>COLUMBUS, Ohio, March 4, 2024 -- Northwind Energy today opened its first battery plant in the United States, a factory that will employ six hundred people by the end of next year.</p>
 <p>The plant will build storage packs for wind and solar farms, with a yearly capacity of four gigawatt-hours, and it runs on power from the company's own turbines nearby.</p>
 <p>"Ohio gave us skilled workers, good roads and a fast permit process," said chief executive Maria Olsen, who thanked the state and the city for their support.</p>
 <p>Production starts in the summer, and the first packs go to a solar farm in Texas, under a contract signed last year with a large utility, the company said.</p>
 <p><strong>About Northwind Energy</strong></p>
 <p>Northwind Energy is a leading provider of renewable power and storage, with operations in twelve countries, more than five thousand employees and a mission to make clean energy affordable for everyone.</p>
 <p>For more information, visit www.northwind.example, and follow the company on social media.</p>
 <p><strong>Media contact</strong><br>Jane Doe, press office, press@northwind.example, +1 555 0100</p>
</div></div>
</body></html>)";

TEST(ContentExtractor, CompanyProfileAfterAPressReleaseIsDropped) {
  ContentExtractor x({});
  const std::string& t = x.extract(kPressReleasePage).text;
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
const char* kMorePostsPage = R"(<!DOCTYPE html><html lang="en"><head><title>Baking rye bread at home</title></head><body>
<div class="site"><div class="content-area">
 <div class="entry">
  <h1>Baking rye bread at home</h1>
  <p>Rye bread needs a sourdough: rye flour has little gluten, and without the acid of the starter, the crumb stays wet and sticky, however long it bakes.</p>
  <p>Feed the starter the evening before, with equal weights of flour and water, and leave it somewhere warm, so that by morning it is bubbly and smells sour.</p>
  <p>Mix the dough with the rest of the flour, salt, caraway and warm water; it will look more like a thick paste than a dough, and that is how it should be.</p>
  <p>Bake it in a tin, in a hot oven, for about an hour, and then, hard as it is, wait a full day before you cut it, or the crumb will be gummy.</p>
 </div>
 <div class="entries-more">
  <h2>You might also like</h2>
  <div class="entry-card"><h3><a href="/wheat-bread">A simple wheat loaf for beginners</a></h3><p>Flour, water, salt and yeast: a loaf anyone can bake on a weekday evening, with a crisp crust and a soft crumb.</p></div>
  <div class="entry-card"><h3><a href="/starter">How to keep a sourdough starter alive</a></h3><p>Feeding, storing and reviving the starter, and what to do when it smells of nail polish or grows a grey skin.</p></div>
  <div class="entry-card"><h3><a href="/pretzels">Bavarian pretzels, step by step</a></h3><p>The lye bath, the knot and the salt: everything you need to bake pretzels that look and taste like the real thing.</p></div>
 </div>
</div></div>
</body></html>)";

TEST(ContentExtractor, ListingOfOtherPostsAfterTheArticleIsDropped) {
  ContentExtractor x({});
  const std::string& t = x.extract(kMorePostsPage).text;
  EXPECT_TRUE(contains(t, "Rye bread needs a sourdough")) << t;
  EXPECT_TRUE(contains(t, "wait a full day before you cut it")) << t;
  for (const char* teaser : {"You might also like", "A simple wheat loaf", "Flour, water, salt and yeast",
                             "Feeding, storing", "The lye bath"}) {
    EXPECT_FALSE(contains(t, teaser)) << teaser << " kept in: " << t;
  }
  // A page that is a listing keeps it.
  const std::string listing = std::string(kMorePostsPage).substr(0, std::string(kMorePostsPage).find("<div class=\"entry\">")) +
                              std::string(kMorePostsPage).substr(std::string(kMorePostsPage).find("<div class=\"entries-more\">"));
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
