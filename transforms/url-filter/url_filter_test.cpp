// url-filter: the host parse, registered domains, each rule and the list
// layouts, and the decisions of datatrove's URLFilter on real URLs.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "../../tests/unit/test_util.h"
#include "dpk/public_suffix_list.h"
#include "url_host.h"
#include "url_rules.h"

namespace dpk::url_filter {
namespace {

using testing_util::write_file;

TEST(UrlHost, LenientLikeTldextract) {
  EXPECT_EQ(url_host("HTTP://WWW.Example.COM/x"), "WWW.Example.COM");
  EXPECT_EQ(url_host("http://user:pw@a.b.example.co.uk:8080/p?q#f"), "a.b.example.co.uk");
  EXPECT_EQ(url_host("http://example.com./"), "example.com");
  EXPECT_EQ(url_host("example.com/path"), "example.com");
  EXPECT_EQ(url_host("//example.com"), "example.com");
  EXPECT_EQ(url_host("mailto:a@b.com"), "b.com");
  EXPECT_EQ(url_host("https://ex.com?x=1"), "ex.com");
  EXPECT_EQ(url_host("http://example.com#frag/x.org"), "example.com");
  EXPECT_EQ(url_host("http://[::1]:80/x"), "");
  EXPECT_EQ(url_host("1ttp://x.org/"), "x.org");  // a scheme may start with a digit in tldextract
}

TEST(UrlHost, KeysAreLowercasePunycode) {
  std::string key;
  EXPECT_TRUE(host_key("WWW.Bücher.DE", key));
  EXPECT_EQ(key, "www.xn--bcher-kva.de");
  EXPECT_TRUE(host_key("xn--BCHER-kva.de.", key));
  EXPECT_EQ(key, "xn--bcher-kva.de");
  EXPECT_EQ(host_unicode("xn--bcher-kva.de"), "bücher.de");
  EXPECT_EQ(host_unicode("example.org"), "example.org");
}

TEST(PublicSuffix, RegisteredDomainFromTheIcannSection) {
  ASSERT_TRUE(PublicSuffixList::load().ok());
  auto reg = [](std::string_view h) { return std::string(PublicSuffixList::registered_domain(h, SuffixRules::kIcannOnly)); };
  EXPECT_EQ(reg("a.b.example.co.uk"), "example.co.uk");
  EXPECT_EQ(reg("example.com"), "example.com");
  EXPECT_EQ(reg("a..b.com"), "b.com");
  EXPECT_EQ(reg("x.blogspot.com"), "blogspot.com");  // private section ignored, as tldextract's default
  EXPECT_EQ(reg("co.uk"), "");
  EXPECT_EQ(reg("1.2.3.4"), "");
  EXPECT_EQ(reg("foo.localhost"), "");
  EXPECT_EQ(reg("www.xn--e1afmkfd.xn--p1ai"), "xn--e1afmkfd.xn--p1ai");  // пример.рф
  EXPECT_EQ(std::string(PublicSuffixList::registered_domain("x.blogspot.com", SuffixRules::kAny)),
            "x.blogspot.com");
}

class UrlRulesTest : public ::testing::Test {
 protected:
  UrlDecision decide(std::string_view url) { return rules_.decide(url, scratch_); }
  testing_util::ScratchDir dir_;
  UrlRules rules_;
  UrlScratch scratch_;
};

TEST_F(UrlRulesTest, DomainThenSubdomainWithCategory) {
  write_file(dir_.file("spam.txt"), "# spam\nexample.com\n\nShop.Other.ORG\nxn--bcher-kva.de\nпример.рф\n");
  ASSERT_TRUE(rules_.load_domains(dir_.file("spam.txt"), "spam", ListRole::kBlock).ok());
  ASSERT_TRUE(rules_.compile().ok());
  UrlDecision d = decide("https://www.EXAMPLE.com/a");
  EXPECT_EQ(d.rule, UrlRule::kDomain);
  EXPECT_EQ(d.reason, "domain:spam");
  EXPECT_EQ(d.match, "example.com");
  ASSERT_NE(d.source, nullptr);
  EXPECT_EQ(d.source->file, dir_.file("spam.txt"));
  EXPECT_EQ(decide("http://shop.other.org/").reason, "subdomain:spam");
  EXPECT_EQ(decide("http://www.shop.other.org/").rule, UrlRule::kNone);  // only the full host, as datatrove
  EXPECT_EQ(decide("http://other.org/").rule, UrlRule::kNone);
  EXPECT_EQ(decide("http://bücher.de/").rule, UrlRule::kDomain);          // Unicode URL, punycode entry
  EXPECT_EQ(decide("http://xn--e1afmkfd.xn--p1ai/").rule, UrlRule::kDomain);  // punycode URL, Unicode entry
  EXPECT_EQ(decide("http://example.org/").rule, UrlRule::kNone);
}

TEST_F(UrlRulesTest, UrlsAsWrittenOrWithoutScheme) {
  write_file(dir_.file("bad-urls"), "https://a.org/x?y=1\nb.org/page\n");
  ASSERT_TRUE(rules_.load_urls(dir_.file("bad-urls"), "bad", ListRole::kBlock).ok());
  ASSERT_TRUE(rules_.compile().ok());
  EXPECT_EQ(decide("https://a.org/x?y=1").reason, "url:bad");
  EXPECT_EQ(decide("https://a.org/x?y=2").rule, UrlRule::kNone);
  EXPECT_EQ(decide("http://b.org/page").reason, "url:bad");
  EXPECT_EQ(decide("http://b.org/page2").rule, UrlRule::kNone);
}

TEST_F(UrlRulesTest, WordsSoftWordsAndSubwords) {
  write_file(dir_.file("bw"), "Casino\n#poker\n---\n");
  write_file(dir_.file("soft"), "free\nwin\nmoney\n");
  write_file(dir_.file("sub"), "xxx\n");
  ASSERT_TRUE(rules_.load_words(dir_.file("bw"), WordList::kBanned).ok());
  ASSERT_TRUE(rules_.load_words(dir_.file("soft"), WordList::kSoftBanned).ok());
  ASSERT_TRUE(rules_.load_words(dir_.file("sub"), WordList::kBannedSubword).ok());
  ASSERT_TRUE(rules_.compile().ok());
  EXPECT_EQ(rules_.word_count(WordList::kBanned), 1u);  // comment and punctuation-only lines skipped
  EXPECT_EQ(decide("http://x.org/casino/games").rule, UrlRule::kBannedWord);
  EXPECT_EQ(decide("http://x.org/CASINO/games").rule, UrlRule::kNone);  // URL words compared as written
  EXPECT_EQ(decide("http://x.org/casinos").rule, UrlRule::kNone);
  EXPECT_EQ(decide("http://x.org/poker").rule, UrlRule::kNone);
  EXPECT_EQ(decide("http://x.org/free-free-stuff").rule, UrlRule::kNone);  // one distinct soft word
  UrlDecision d = decide("http://x.org/free/win");
  EXPECT_EQ(d.rule, UrlRule::kSoftBannedWords);
  EXPECT_EQ(d.match, "2");
  EXPECT_EQ(decide("http://win.org/free/casino").rule, UrlRule::kBannedWord);  // banned beats soft
  d = decide("http://x.org/a-X-x-X-b");
  EXPECT_EQ(d.rule, UrlRule::kBannedSubword);
  EXPECT_EQ(d.match, "xxx");
  rules_.set_soft_word_threshold(3);
  EXPECT_EQ(decide("http://x.org/free/win").rule, UrlRule::kNone);
  EXPECT_EQ(decide("http://x.org/free/win/money").rule, UrlRule::kSoftBannedWords);
}

TEST_F(UrlRulesTest, AllowListsWin) {
  write_file(dir_.file("block"), "example.com\n");
  write_file(dir_.file("allow"), "docs.example.com\n");
  write_file(dir_.file("allow-urls"), "https://example.com/ok\n");
  ASSERT_TRUE(rules_.load_domains(dir_.file("block"), "block", ListRole::kBlock).ok());
  ASSERT_TRUE(rules_.load_domains(dir_.file("allow"), "allow", ListRole::kAllow).ok());
  ASSERT_TRUE(rules_.load_urls(dir_.file("allow-urls"), "allow", ListRole::kAllow).ok());
  ASSERT_TRUE(rules_.compile().ok());
  EXPECT_EQ(decide("https://docs.example.com/a").rule, UrlRule::kAllowDomain);
  EXPECT_FALSE(decide("https://docs.example.com/a").blocks());
  EXPECT_EQ(decide("https://example.com/ok").rule, UrlRule::kAllowUrl);
  EXPECT_EQ(decide("https://example.com/other").rule, UrlRule::kDomain);
}

TEST_F(UrlRulesTest, Ut1FolderWithCategories) {
  write_file(dir_.file("ut1/adult/domains"), "adult.net\nporn.test.org\n");
  write_file(dir_.file("ut1/adult/urls"), "good.org/bad/page\n");
  write_file(dir_.file("ut1/adult/usage"), "black\n");
  write_file(dir_.file("ut1/gambling/domains"), "casino.org\nadult.net\n");
  ASSERT_TRUE(rules_.load_blocklist_dir(dir_.file("ut1"), {}).ok());
  ASSERT_TRUE(rules_.compile().ok());
  EXPECT_EQ(decide("http://casino.org/").reason, "domain:gambling");
  EXPECT_EQ(decide("http://porn.test.org/x").reason, "subdomain:adult");
  EXPECT_EQ(decide("https://good.org/bad/page").reason, "url:adult");
  EXPECT_EQ(decide("http://www.adult.net/").reason, "domain:adult");  // first category in name order

  UrlRules only_gambling;
  ASSERT_TRUE(only_gambling.load_blocklist_dir(dir_.file("ut1"), {"gambling"}).ok());
  ASSERT_TRUE(only_gambling.compile().ok());
  EXPECT_EQ(only_gambling.decide("http://porn.test.org/x", scratch_).rule, UrlRule::kNone);
  EXPECT_EQ(only_gambling.decide("http://casino.org/", scratch_).reason, "domain:gambling");

  UrlRules bad;
  Status st = bad.load_blocklist_dir(dir_.file("ut1"), {"sports"});
  EXPECT_EQ(st.code(), StatusCode::kUsage);
  EXPECT_NE(st.message().find("sports"), std::string::npos);
  std::filesystem::create_directories(dir_.file("empty"));
  EXPECT_EQ(bad.load_blocklist_dir(dir_.file("empty"), {}).code(), StatusCode::kUsage);
  EXPECT_EQ(bad.load_blocklist_dir(dir_.file("missing"), {}).code(), StatusCode::kUsage);
  EXPECT_FALSE(bad.load_domains(dir_.file("missing.txt"), "x", ListRole::kBlock).ok());
}

// datatrove's reason names, for the conformance fixture.
std::string datatrove_reason(UrlRule rule) {
  switch (rule) {
    case UrlRule::kDomain: return "domain";
    case UrlRule::kSubdomain: return "subdomain";
    case UrlRule::kUrl: return "url";
    case UrlRule::kBannedWord: return "hard_blacklisted";
    case UrlRule::kSoftBannedWords: return "soft_blacklisted";
    case UrlRule::kBannedSubword: return "blacklisted_subword";
    default: return "keep";
  }
}

// testdata/url-filter/make_reference.py: datatrove 0.10.1's URLFilter on
// real URLs with the fixture's block list (testdata/README.md).
TEST(UrlFilterConformance, DecisionsEqualDatatroveUrlFilter) {
  ASSERT_TRUE(PublicSuffixList::load().ok());
  UrlRules rules;
  ASSERT_TRUE(rules.load_blocklist_dir(testing_util::testdata_path("url-filter/blocklist"), {}).ok());
  ASSERT_TRUE(rules.compile().ok());
  UrlScratch scratch;
  std::map<std::string, int> by_reason;
  int differences = 0;
  const auto lines = testing_util::testdata_lines("url-filter/datatrove-decisions.tsv.gz");
  ASSERT_GT(lines.size(), 3000u);
  for (const auto& line : lines) {
    if (line.empty()) continue;
    const size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    const std::string expected = line.substr(0, tab);
    const std::string url = line.substr(tab + 1);
    const std::string got = datatrove_reason(rules.decide(url, scratch).rule);
    ++by_reason[got];
    if (got != expected && ++differences <= 10) ADD_FAILURE() << url << ": dpk " << got << ", datatrove " << expected;
  }
  EXPECT_EQ(differences, 0);
  // Every rule fired on the fixture, so each one was compared.
  for (const char* r : {"keep", "domain", "subdomain", "url", "hard_blacklisted", "soft_blacklisted",
                        "blacklisted_subword"})
    EXPECT_GT(by_reason[r], 10) << r;
}

}  // namespace
}  // namespace dpk::url_filter
