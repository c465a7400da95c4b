// The report's chart layout and the bins behind its histograms.
#include "histogram_chart.h"

#include <gtest/gtest.h>

#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "log_histogram.h"
#include "numeric_histogram.h"
#include "report_charts.h"

namespace dpk::stats {
namespace {

std::vector<const Label*> all_labels(const ChartLayout& lay) {
  std::vector<const Label*> v;
  for (const auto* group : {&lay.x_ticks, &lay.y_ticks, &lay.counts}) {
    for (const auto& l : *group) v.push_back(&l);
  }
  v.push_back(&lay.x_title);
  v.push_back(&lay.y_title);
  if (lay.marker) v.push_back(&lay.marker_label);
  return v;
}

// Every layout rule the report relies on; `what` names the case in failures.
void expect_readable(const ChartSpec& spec, const std::string& what) {
  const ChartLayout lay = layout_chart(spec);
  ASSERT_EQ(lay.bars.size(), spec.bins.size()) << what;
  const auto labels = all_labels(lay);
  for (const Label* l : labels) {
    EXPECT_TRUE(contains(lay.svg, l->box)) << what << ": label '" << l->text << "' leaves the SVG";
    for (const Box& b : lay.bars) {
      if (b.h > 0) {
        EXPECT_FALSE(overlaps(l->box, b)) << what << ": label '" << l->text << "' overlaps a bar";
      }
    }
  }
  for (size_t i = 0; i < labels.size(); ++i) {
    for (size_t j = i + 1; j < labels.size(); ++j) {
      EXPECT_FALSE(overlaps(labels[i]->box, labels[j]->box))
          << what << ": '" << labels[i]->text << "' overlaps '" << labels[j]->text << "'";
    }
  }
  for (const Box& b : lay.bars) EXPECT_TRUE(contains(lay.plot, b)) << what << ": a bar leaves the plot";
  if (lay.marker) {
    EXPECT_GE(lay.marker_x, lay.plot.x) << what;
    EXPECT_LE(lay.marker_x, lay.plot.right()) << what;
    EXPECT_FALSE(lay.marker_label.text.empty()) << what;
  }
}

TEST(HistogramChart, MedianLabelAtEitherEdgeStaysInsideAndOffTheBars) {
  // The cases that used to cut or cover the label: the median in the first
  // or last bar, a single bar, a long label.
  for (size_t n : {1, 2, 5, 17, 40, 64}) {
    for (double at : {0.0, 0.3, 0.5, static_cast<double>(n) / 2, static_cast<double>(n) - 0.2, static_cast<double>(n)}) {
      for (std::string label : {"median 3", "median 12,345,678", "median 123,456,789,012,345"}) {
        ChartSpec spec;
        for (size_t i = 0; i < n; ++i) spec.bins.push_back({std::to_string(uint64_t{1} << i), "r", (i * 7919) % 1000 + 1});
        spec.x_title = "words per document";
        spec.marker = true;
        spec.marker_at = at;
        spec.marker_label = label;
        expect_readable(spec, "n=" + std::to_string(n) + " at=" + std::to_string(at) + " " + label);
      }
    }
  }
}

TEST(HistogramChart, RandomChartsKeepEveryLabelApart) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 300; ++round) {
    ChartSpec spec;
    const size_t n = 1 + rng() % 70;
    for (size_t i = 0; i < n; ++i) {
      const uint64_t count = rng() % 4 == 0 ? 0 : rng() % (uint64_t{1} << (rng() % 40));
      spec.bins.push_back({std::to_string(rng() % 100000000), "r", count});
    }
    spec.x_title = "value of a field with a long name " + std::string(rng() % 80, 'x');
    spec.y_title = rng() % 2 ? "documents" : "values";
    spec.marker = rng() % 5 != 0;
    spec.marker_at = static_cast<double>(rng() % 1000) / 1000.0 * static_cast<double>(n);
    spec.marker_label = "median " + std::to_string(rng());
    expect_readable(spec, "round " + std::to_string(round));
  }
}

TEST(HistogramChart, EmptyChartIsANote) {
  std::string out;
  append_chart_svg(out, ChartSpec{});
  EXPECT_EQ(out.find("<svg"), std::string::npos);
  EXPECT_NE(out.find("No values"), std::string::npos);
}

TEST(HistogramChart, SvgHasOneBarPerBinAndEscapesText) {
  ChartSpec spec;
  spec.bins = {{"<0>", "a&b", 3}, {"1", "1", 0}, {"2", "2", 9}};
  spec.x_title = "x<y";
  spec.marker = true;
  spec.marker_at = 1.5;
  spec.marker_label = "median \"1\"";
  std::string out;
  append_chart_svg(out, spec);
  size_t bars = 0;
  for (size_t at = out.find("class=\"bar\""); at != std::string::npos; at = out.find("class=\"bar\"", at + 1)) ++bars;
  EXPECT_EQ(bars, 3u);
  EXPECT_NE(out.find("&lt;0&gt;"), std::string::npos);
  EXPECT_NE(out.find("a&amp;b: 3 documents"), std::string::npos);
  EXPECT_NE(out.find("x&lt;y"), std::string::npos);
  EXPECT_NE(out.find("median &quot;1&quot;"), std::string::npos);
  EXPECT_EQ(out.find("<0>"), std::string::npos);
}

uint64_t sum_bins(const ChartSpec& spec) {
  uint64_t n = 0;
  for (const auto& b : spec.bins) n += b.count;
  return n;
}

TEST(ReportCharts, LengthBinsSumToTheCount) {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 50; ++round) {
    LogHistogram h;
    const int n = static_cast<int>(rng() % 2000);
    for (int i = 0; i < n; ++i) h.add(rng() % 5 == 0 ? 0 : rng() >> (rng() % 64));
    const ChartSpec spec = length_chart(h, "words");
    EXPECT_EQ(sum_bins(spec), h.count());
    EXPECT_EQ(spec.bins.empty(), n == 0);
    if (n > 0) expect_readable(spec, "lengths round " + std::to_string(round));
  }
}

TEST(ReportCharts, LengthBinsArePowersOfTwo) {
  LogHistogram h;
  for (uint64_t v : {0, 1, 2, 3, 4, 7, 8, 1000}) h.add(v);
  const ChartSpec spec = length_chart(h, "words");
  // 0 | 1 | 2-3 | 4-7 | 8-15 ... 512-1023: 11 bars.
  ASSERT_EQ(spec.bins.size(), 11u);
  EXPECT_EQ(spec.bins[0].count, 1u);
  EXPECT_EQ(spec.bins[2].count, 2u);
  EXPECT_EQ(spec.bins[2].range, "2–3");
  EXPECT_EQ(spec.bins[10].count, 1u);
  EXPECT_EQ(spec.bins[10].range, "512–1,023");
  EXPECT_EQ(spec.marker_label, "median 3");
}

TEST(ReportCharts, NumberBinsSumToTheCount) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> unit(0, 1);
  std::normal_distribution<double> wide(0, 1e6);
  for (int round = 0; round < 60; ++round) {
    NumericHistogram h;
    const int n = 1 + static_cast<int>(rng() % 3000);
    for (int i = 0; i < n; ++i) {
      const double v = round % 3 == 0 ? unit(rng) : round % 3 == 1 ? wide(rng) : static_cast<double>(rng() % 20);
      h.add(v);
    }
    const ChartSpec spec = number_chart(h, "score");
    EXPECT_EQ(sum_bins(spec), h.count()) << "round " << round;
    expect_readable(spec, "numbers round " + std::to_string(round));
  }
}

TEST(NumericHistogram, SmallIntegersGetABinEach) {
  NumericHistogram h;
  for (int v : {3, 3, 4, 7, 7, 7}) h.add(v);
  const auto bins = h.linear_bins(30);
  ASSERT_EQ(bins.size(), 5u);  // 3 4 5 6 7
  EXPECT_EQ(bins[0].count, 2u);
  EXPECT_EQ(bins[1].count, 1u);
  EXPECT_EQ(bins[2].count, 0u);
  EXPECT_EQ(bins[4].count, 3u);
  EXPECT_EQ(h.quantile(0.5), 4);
  EXPECT_EQ(h.min(), 3);
  EXPECT_EQ(h.max(), 7);
}

TEST(NumericHistogram, WideIntegerRangesGetWholeNumberBins) {
  NumericHistogram h;
  for (int v = 20; v <= 60; ++v) h.add(v);
  const auto bins = h.linear_bins(30);
  ASSERT_EQ(bins.size(), 21u);  // 41 integers, 2 per bin
  for (const auto& b : bins) {
    EXPECT_EQ(b.high - b.low, 2);
    EXPECT_EQ(b.low, std::trunc(b.low));
  }
  EXPECT_EQ(bins.front().count, 2u);
  EXPECT_EQ(bins.back().count, 1u);  // 60 alone
  const ChartSpec spec = number_chart(h, "lines");
  EXPECT_EQ(spec.bins[0].range, "20–21");
  EXPECT_EQ(spec.bins[0].tick, "20");
}

TEST(NumericHistogram, ValuesWithinOneThirtySecondAndMergeIsExact) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> dist(-50, 1000);
  NumericHistogram a, b, all;
  std::vector<double> values;
  for (int i = 0; i < 5000; ++i) {
    const double v = dist(rng);
    values.push_back(v);
    (i % 2 ? a : b).add(v);
    all.add(v);
  }
  a.merge(b);
  EXPECT_EQ(a.count(), all.count());
  EXPECT_EQ(a.min(), all.min());
  EXPECT_EQ(a.max(), all.max());
  std::sort(values.begin(), values.end());
  for (double q : {0.1, 0.5, 0.9}) {
    const double exact = values[static_cast<size_t>(std::ceil(q * values.size())) - 1];
    EXPECT_EQ(a.quantile(q), all.quantile(q));
    EXPECT_NEAR(a.quantile(q), exact, std::fabs(exact) / 32 + 1e-12) << q;
  }
  const auto bins = a.linear_bins(30);
  // [-50, 1000] in 30 bins: 35 wide, rounded up to 50.
  ASSERT_EQ(bins.size(), 21u);
  EXPECT_EQ(bins[0].low, -50);
  EXPECT_EQ(bins[1].low, 0);
  EXPECT_EQ(std::accumulate(bins.begin(), bins.end(), uint64_t{0}, [](uint64_t s, const auto& x) { return s + x.count; }),
            5000u);
}

TEST(NumericHistogram, ParsesJsonNumbersOnly) {
  double v = 0;
  EXPECT_TRUE(parse_json_number("-1.5e3", v));
  EXPECT_EQ(v, -1500);
  EXPECT_TRUE(parse_json_number("0", v));
  EXPECT_FALSE(parse_json_number("\"3\"", v));
  EXPECT_FALSE(parse_json_number("true", v));
  EXPECT_FALSE(parse_json_number("1e999", v));
  EXPECT_FALSE(parse_json_number("12abc", v));
  EXPECT_FALSE(parse_json_number("", v));
}

}  // namespace
}  // namespace dpk::stats
