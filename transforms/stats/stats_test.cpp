#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "bounded_counter.h"
#include "dpk/document_parser.h"
#include "dpk/transform.h"
#include "hash_set.h"
#include "html_report.h"
#include "log_histogram.h"
#include "profile.h"

namespace dpk::stats {
namespace {

struct Line {
  std::string buf;
  Document doc;
};

// Parses like the runtime: the line inside a padded buffer.
std::vector<std::unique_ptr<Line>> parse_all(const std::vector<std::string>& lines, const Schema& schema) {
  static DocumentParser parser;
  std::vector<std::unique_ptr<Line>> out;
  for (const auto& json : lines) {
    auto l = std::make_unique<Line>();
    l->buf = json + std::string(DocumentParser::kPadding, ' ');
    std::string err;
    EXPECT_TRUE(parser.parse(std::string_view(l->buf.data(), json.size()), l->buf.size(), schema, l->doc, err))
        << err << " in " << json;
    out.push_back(std::move(l));
  }
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

TEST(StatsHistogram, BucketsTileTheIntegers) {
  for (size_t b = 0; b + 1 < LogHistogram::kBuckets; ++b) {
    EXPECT_EQ(LogHistogram::bucket_high(b), LogHistogram::bucket_low(b + 1)) << b;
    EXPECT_EQ(LogHistogram::bucket_of(LogHistogram::bucket_low(b)), b);
    EXPECT_EQ(LogHistogram::bucket_of(LogHistogram::bucket_high(b) - 1), b);
  }
  EXPECT_EQ(LogHistogram::bucket_of(uint64_t{1} << 50), LogHistogram::kBuckets - 1);
}

TEST(StatsHistogram, QuantilesMatchSortingWithinStatedError) {
  std::mt19937_64 rng(42);
  std::lognormal_distribution<double> lognormal(7.0, 2.0);
  std::uniform_int_distribution<uint64_t> small(0, 20);
  for (int trial = 0; trial < 3; ++trial) {
    std::vector<uint64_t> values;
    LogHistogram h;
    const size_t n = trial == 0 ? 7 : trial == 1 ? 1000 : 20000;
    for (size_t i = 0; i < n; ++i) {
      uint64_t v = trial == 1 ? small(rng) : static_cast<uint64_t>(lognormal(rng));
      values.push_back(v);
      h.add(v);
    }
    std::sort(values.begin(), values.end());
    EXPECT_EQ(h.count(), n);
    EXPECT_EQ(h.min(), values.front());
    EXPECT_EQ(h.max(), values.back());
    for (double q : kQuantiles) {
      const uint64_t exact = values[nearest_rank(q, n) - 1];
      const uint64_t got = h.quantile(q);
      if (exact < 16) {
        EXPECT_EQ(got, exact) << "q=" << q << " n=" << n;
      } else {
        EXPECT_LE(std::abs(static_cast<double>(got) - static_cast<double>(exact)),
                  LogHistogram::kRelativeError * static_cast<double>(exact))
            << "q=" << q << " n=" << n << " exact=" << exact << " got=" << got;
      }
    }
  }
  EXPECT_EQ(nearest_rank(0.5, 10), 5u);
  EXPECT_EQ(nearest_rank(0.01, 10), 1u);
  EXPECT_EQ(nearest_rank(0.99, 10), 10u);
}

TEST(StatsCounter, TopAndTruncation) {
  BoundedCounter c(3);
  for (auto k : {"b", "a", "c", "a", "b", "a", "d", "d", "e"}) c.add(k);
  auto top = c.top(2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].first, "a");
  EXPECT_EQ(top[0].second, 3u);
  EXPECT_EQ(top[1].first, "b");  // ties: key order
  EXPECT_TRUE(c.truncated());
  EXPECT_EQ(c.distinct(), 3u);
  EXPECT_EQ(c.uncounted(), 3u);  // d, d, e
  EXPECT_EQ(c.count("c"), 1u);
  BoundedCounter u;
  u.add("x");
  EXPECT_FALSE(u.truncated());
}

TEST(StatsHashSet, CountsDistinctAcrossGrowthAndMerge) {
  Hash64Set a, b;
  for (uint64_t i = 0; i < 5000; ++i) EXPECT_TRUE(a.insert(i * 0x9E3779B97F4A7C15ull));
  for (uint64_t i = 0; i < 5000; ++i) EXPECT_FALSE(a.insert(i * 0x9E3779B97F4A7C15ull));
  EXPECT_EQ(a.size(), 5000u);
  EXPECT_LE(a.memory_bytes(), 5000u * 20);
  for (uint64_t i = 2500; i < 7500; ++i) b.insert(i * 0x9E3779B97F4A7C15ull);
  a.merge(b);
  EXPECT_EQ(a.size(), 7500u);
}

TEST(StatsShape, CharsWordsLines) {
  auto s = measure_text("h\xc3\xa9llo  w\xc3\xb6rld\nsecond line\n");
  EXPECT_EQ(s.chars, 25u);  // 12 + newline + 11 + newline
  EXPECT_EQ(s.words, 4u);
  EXPECT_EQ(s.lines, 2u);
  s = measure_text("a\nb");
  EXPECT_EQ(s.lines, 2u);
  s = measure_text(" \t\n");
  EXPECT_EQ(s.words, 0u);
  EXPECT_EQ(measure_text("").lines, 0u);
}

const std::vector<std::string> kDocs = {
    R"({"id":"a","text":"one two three","lang":"en","n":1})",
    R"({"id":"b","text":"","lang":"de","ok":true})",
    R"({"id":"a","text":"dup id","lang":"en"})",
    R"({"text":"no id here","lang":"\u0065n","n":1.5})",
    R"({"id":7,"text":"  ","lang":["x"],"n":1})",
    R"({"id":"7","text":"string seven","lang":null})",
    R"({"id":"c","text":"x","ok":false})",
};

TEST(StatsProfile, CountsIdsValuesAndPresence) {
  Schema schema;
  ProfileOptions opts;
  opts.fields = {"lang", "n", "ok"};
  CorpusProfile p(opts);
  auto docs = parse_all(kDocs, schema);
  for (const auto& l : docs) p.observe(l->doc);
  EXPECT_EQ(p.documents, 7u);
  EXPECT_EQ(p.empty_texts, 1u);
  EXPECT_EQ(p.blank_texts, 2u);
  EXPECT_EQ(p.with_id, 6u);
  // "a" twice; 7 and "7" have the same id text and count as one.
  EXPECT_EQ(p.duplicate_ids(), 2u);
  EXPECT_EQ(p.ids.size(), 4u);
  const FieldValues& lang = p.fields[0];
  EXPECT_EQ(lang.values.count("\"en\""), 3u);  // escaped "\u0065n" is "en"
  EXPECT_EQ(lang.values.count("\"de\""), 1u);
  EXPECT_EQ(lang.values.count("null"), 1u);
  EXPECT_EQ(lang.non_scalar, 1u);
  EXPECT_EQ(lang.missing, 1u);
  EXPECT_EQ(p.fields[1].values.count("1"), 2u);
  EXPECT_EQ(p.fields[1].values.count("1.5"), 1u);
  EXPECT_EQ(p.fields[2].values.count("true"), 1u);
  EXPECT_EQ(p.fields[2].values.count("false"), 1u);
  EXPECT_EQ(p.presence.count("text"), 7u);
  EXPECT_EQ(p.presence.count("id"), 6u);
  EXPECT_EQ(p.presence.count("lang"), 6u);
  EXPECT_EQ(p.presence.count("ok"), 2u);
  EXPECT_EQ(p.words.max(), 3u);
  EXPECT_EQ(p.chars.min(), 0u);
  const std::string json = p.to_json();
  EXPECT_NE(json.find("\"duplicates\": 2"), std::string::npos) << json;
  EXPECT_NE(json.find("\"value\": \"en\""), std::string::npos) << json;
}

TEST(StatsProfile, PresenceSeesEdits) {
  Schema schema;
  ProfileOptions opts;
  CorpusProfile p(opts);
  auto docs = parse_all({R"({"text":"t","gone":1})"}, schema);
  docs[0]->doc.remove("gone");
  docs[0]->doc.set_id("new");  // as docid does
  p.observe(docs[0]->doc);
  EXPECT_EQ(p.presence.count("gone"), 0u);
  EXPECT_EQ(p.presence.count("id"), 1u);
  EXPECT_EQ(p.with_id, 1u);
}

TEST(StatsProfile, MergeEqualsOneInstance) {
  Schema schema;
  ProfileOptions opts;
  opts.fields = {"lang", "n"};
  std::vector<std::string> lines;
  std::mt19937 rng(7);
  for (int i = 0; i < 300; ++i) {
    std::string words;
    for (int w = 0; w < static_cast<int>(rng() % 40); ++w) words += "w ";
    lines.push_back(R"({"id":")" + std::to_string(rng() % 250) + R"(","text":")" + words + R"(","lang":")" +
                    std::string(1, static_cast<char>('a' + rng() % 5)) + R"(","n":)" + std::to_string(i % 3) + "}");
  }
  auto docs = parse_all(lines, schema);
  CorpusProfile all(opts), a(opts), b(opts), c(opts);
  for (size_t i = 0; i < docs.size(); ++i) {
    all.observe(docs[i]->doc);
    (i % 3 == 0 ? a : i % 3 == 1 ? b : c).observe(docs[i]->doc);
  }
  a.merge(b);
  a.merge(c);
  EXPECT_EQ(a.to_json(), all.to_json());
  EXPECT_GT(all.duplicate_ids(), 0u);
}

TEST(StatsHtml, EscapesAndHasCharts) {
  Schema schema;
  ProfileOptions opts;
  opts.fields = {"src"};
  CorpusProfile p(opts);
  auto docs = parse_all({R"({"text":"a b c","src":"<script>alert('x')</script>&"})", R"({"text":"abc","src":"ok"})"},
                        schema);
  for (const auto& l : docs) p.observe(l->doc);
  const std::string html = render_html(p, "t<i>");
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"), std::string::npos);
  EXPECT_NE(html.find("t&lt;i&gt;"), std::string::npos);
  EXPECT_EQ(html.find("http://www.w3.org/2000/svg\"") != std::string::npos, true);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
}

size_t occurrences(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST(StatsHtml, FunnelHasOneRowPerStepAndEscapesReasons) {
  Schema schema;
  CorpusProfile p{ProfileOptions{}};
  auto docs = parse_all({R"({"text":"a b c"})"}, schema);
  for (const auto& l : docs) p.observe(l->doc);
  RunTally run;
  run.documents_read = 10;
  run.rejected_at_read = 1;
  run.rejected_by_reason = {{"malformed_json", 1}};
  run.steps = {{"docid", 9, 9, 0, 900, 900, {}},
               {"select", 9, 4, 0, 900, 400, {{"min_words", 3}, {"<b>", 2}}},
               {"stats", 4, 4, 0, 400, 400, {}}};
  const std::string html = render_html(p, "t", &run);
  EXPECT_EQ(occurrences(html, "<tr class=\"step\">"), 3u);
  EXPECT_EQ(occurrences(html, "<g class=\"step\">"), 3u);
  EXPECT_NE(html.find("<td class=\"l\">select</td><td>9</td><td>4</td><td>40.00%</td><td>400</td>"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt; 2, min_words 3"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("malformed_json 1"), std::string::npos);
  // A step alone (dpk-stats by itself) has no funnel to draw.
  run.steps.resize(1);
  EXPECT_EQ(render_html(p, "t", &run).find("id=\"funnel\""), std::string::npos);
  EXPECT_EQ(render_html(p, "t").find("id=\"funnel\""), std::string::npos);
}

TEST(StatsHtml, NoDocumentsStillMakesAPage) {
  CorpusProfile p{ProfileOptions{}};
  const std::string html = render_html(p, "empty");
  EXPECT_NE(html.find("</html>"), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_EQ(occurrences(html, "No values."), 4u);  // one per length measure
}

TEST(StatsHtml, EveryLengthAndNumericFieldHasAHistogram) {
  Schema schema;
  CorpusProfile p{ProfileOptions{}};
  auto docs = parse_all({R"({"id":"1","text":"a b","score":0.5,"year":2001,"name":"x"})",
                         R"({"id":"2","text":"c","score":0.75,"year":"1999"})", R"({"id":"3","text":"","score":-2})"},
                        schema);
  for (const auto& l : docs) p.observe(l->doc);
  const std::string html = render_html(p, "t");
  EXPECT_EQ(occurrences(html, "<svg class=\"histogram\""), 6u);  // chars words bytes lines score year
  EXPECT_NE(html.find("value of score"), std::string::npos);
  EXPECT_NE(html.find("value of year"), std::string::npos);
  EXPECT_EQ(html.find("value of name"), std::string::npos);
  EXPECT_EQ(html.find("value of id"), std::string::npos);
}

TEST(StatsProfile, NumericFieldsCountNumbersOnly) {
  Schema schema;
  ProfileOptions opts;
  opts.max_numeric_fields = 2;
  CorpusProfile a(opts), b(opts), all(opts);
  auto docs = parse_all({R"({"id":7,"text":"a","n":1,"m":"2","f":[1]})", R"({"text":"b","n":2.5,"m":3})",
                         R"({"text":"c","n":-1e2,"z":4})"},
                        schema);
  for (size_t i = 0; i < docs.size(); ++i) {
    (i == 1 ? b : a).observe(docs[i]->doc);
    all.observe(docs[i]->doc);
  }
  a.merge(b);
  ASSERT_EQ(all.numbers.size(), 2u);  // n and m; z came third, over the limit
  EXPECT_TRUE(all.numbers_truncated);
  EXPECT_EQ(all.numbers.at("n").count(), 3u);
  EXPECT_EQ(all.numbers.at("n").min(), -100);
  EXPECT_EQ(all.numbers.at("n").max(), 2.5);
  EXPECT_EQ(all.numbers.at("m").count(), 1u);  // "2" is a string
  EXPECT_EQ(all.numbers.count("id"), 0u);
  EXPECT_EQ(a.numbers.at("n").count(), 3u);
  EXPECT_NE(all.to_json().find("\"numeric_fields\""), std::string::npos);
}

// The declared step end to end: configure, per-worker instances, merge,
// finish writes the reports.
TEST(StatsStep, WorkersMergeAndFinishWritesReports) {
  const TransformSpec* spec = find_transform("stats");
  ASSERT_NE(spec, nullptr);
  EXPECT_EQ(spec->kind, TransformKind::kGlobal);
  EXPECT_EQ(spec->default_output, "/dev/null");
  const auto dir = std::filesystem::temp_directory_path() / ("dpk-stats-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  OptionValues v;
  v.add("report", (dir / "r.json").string());
  v.add("html", (dir / "r.html").string());
  v.add("fields", "lang");
  ASSERT_TRUE(validate_options(spec->options, v, "").ok());
  StepContext ctx;
  ctx.output = "/dev/null";
  auto step = spec->configure(v, ctx);
  ASSERT_TRUE(step.ok()) << step.status().message();
  auto master = step->make();
  auto w1 = step->make(), w2 = step->make();
  auto* g = dynamic_cast<GlobalTransform*>(master.get());
  ASSERT_NE(g, nullptr);
  EXPECT_FALSE(g->needs_second_pass());
  Schema schema;
  auto docs = parse_all(kDocs, schema);
  for (size_t i = 0; i < docs.size(); ++i) {
    dynamic_cast<GlobalTransform*>((i % 2 ? w1 : w2).get())->observe(docs[i]->doc);
  }
  g->merge_from(*dynamic_cast<GlobalTransform*>(w1.get()));
  g->merge_from(*dynamic_cast<GlobalTransform*>(w2.get()));
  ASSERT_TRUE(g->finish().ok());
  const std::string json = read_file((dir / "r.json").string());
  EXPECT_NE(json.find("\"documents\": 7,"), std::string::npos) << json;
  EXPECT_NE(json.find("\"duplicates\": 2,"), std::string::npos) << json;
  EXPECT_NE(read_file((dir / "r.html").string()).find("<svg"), std::string::npos);
  std::filesystem::remove_all(dir);

  // Documents and the report cannot both go to stdout.
  OptionValues v2;
  ASSERT_TRUE(validate_options(spec->options, v2, "").ok());
  ctx.output = "-";
  auto bad = spec->configure(v2, ctx);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kUsage);
}

}  // namespace
}  // namespace dpk::stats
