#include "report_charts.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "html_report.h"
#include "number_text.h"

namespace dpk::stats {

ChartSpec length_chart(const LogHistogram& h, std::string_view what) {
  ChartSpec spec;
  spec.title = "Histogram of " + std::string(what) + " per document (bars span powers of two)";
  spec.x_title = std::string(what) + " per document (log scale: bars span powers of two)";
  std::array<uint64_t, 65> bins{};
  for (size_t b = 0; b < LogHistogram::kBuckets; ++b) {
    bins[static_cast<size_t>(std::bit_width(LogHistogram::bucket_low(b)))] += h.buckets()[b];
  }
  size_t first = bins.size(), last = 0;
  for (size_t i = 0; i < bins.size(); ++i) {
    if (bins[i] == 0) continue;
    first = std::min(first, i);
    last = i;
  }
  if (first > last) return spec;  // empty
  for (size_t bin = first; bin <= last; ++bin) {
    const uint64_t lo = bin == 0 ? 0 : uint64_t{1} << (bin - 1);
    const uint64_t hi = bin == 0 ? 0 : (uint64_t{1} << bin) - 1;
    spec.bins.push_back({short_count(lo), lo == hi ? with_commas(lo) : with_commas(lo) + "–" + with_commas(hi), bins[bin]});
  }
  // The median, placed by log2 within its power-of-two bar.
  const uint64_t med = h.quantile(0.5);
  const size_t mbin = static_cast<size_t>(std::bit_width(med));
  const double frac = med == 0 ? 0.5 : std::log2(static_cast<double>(med)) - static_cast<double>(mbin - 1);
  spec.marker = true;
  spec.marker_at = static_cast<double>(mbin - first) + frac;
  spec.marker_label = "median " + with_commas(med);
  return spec;
}

ChartSpec number_chart(const NumericHistogram& h, std::string_view field) {
  ChartSpec spec;
  spec.title = "Histogram of the values of field " + std::string(field);
  spec.x_title = "value of " + std::string(field);
  const auto bins = h.linear_bins(30);
  if (bins.empty()) return spec;
  const bool integers = h.all_integers();
  for (const auto& b : bins) {
    // Integer bins name the integers they count; others their [low, high).
    const double last = b.high - 1;
    const std::string range = !integers     ? "[" + short_value(b.low) + ", " + short_value(b.high) + ")"
                              : last > b.low ? short_value(b.low) + "–" + short_value(last)
                                             : short_value(b.low);
    spec.bins.push_back({short_value(b.low), range, b.count});
  }
  // The median, within its bar; an integer sits in the middle of its own share of the bar.
  const double med = h.quantile(0.5);
  size_t i = 0;
  while (i + 1 < bins.size() && med >= bins[i + 1].low) ++i;
  const double width = bins[i].high - bins[i].low;
  const double within = integers ? (med - bins[i].low + 0.5) / width : (med - bins[i].low) / width;
  spec.marker = true;
  spec.marker_at = static_cast<double>(i) + std::clamp(within, 0.0, 1.0);
  spec.marker_label = "median " + short_value(med);
  return spec;
}

namespace {
std::string px(double v) { return format_double("%.1f", v); }
}  // namespace

void append_funnel_svg(std::string& o, const RunTally& run) {
  constexpr double kRow = 24, kLabelRight = 150, kBarLeft = 160, kBarWidth = 380, kWidth = 720, kFont = 12;
  const double height = kRow * static_cast<double>(run.steps.size() + 1) + 8;
  const uint64_t base = std::max<uint64_t>(run.documents_read, 1);
  o += "<svg class=\"funnel\" role=\"img\" width=\"" + px(kWidth) + "\" height=\"" + px(height) + "\" viewBox=\"0 0 " +
       px(kWidth) + " " + px(height) + "\" xmlns=\"http://www.w3.org/2000/svg\">\n"
       "<title>Documents left after each step, as a share of the documents read</title>\n";
  auto bar_row = [&](size_t row, std::string_view label, uint64_t docs, const char* cls, const char* fill) {
    const double y = 4 + kRow * static_cast<double>(row);
    const double w = docs == 0 ? 0 : std::max(1.0, kBarWidth * std::min(1.0, static_cast<double>(docs) / static_cast<double>(base)));
    o += std::string("<g class=\"") + cls + "\"><text x=\"" + px(kLabelRight) + "\" y=\"" + px(y + 16) +
         "\" text-anchor=\"end\" font-size=\"" + px(kFont) + "\">";
    // Step names are short and ours; clip anything long to its column.
    append_html_escaped(o, label.substr(0, 20));
    o += "</text><rect x=\"" + px(kBarLeft) + "\" y=\"" + px(y + 3) + "\" width=\"" + px(w) + "\" height=\"" +
         px(kRow - 6) + "\" fill=\"" + fill + "\"/><text x=\"" + px(kBarLeft + w + 6) + "\" y=\"" + px(y + 16) +
         "\" font-size=\"" + px(kFont) + "\">" + with_commas(docs) + " (" +
         format_double("%.1f%%", 100.0 * static_cast<double>(docs) / static_cast<double>(base)) + ")</text></g>\n";
  };
  bar_row(0, "read", run.documents_read, "read", "#999");
  for (size_t i = 0; i < run.steps.size(); ++i) bar_row(i + 1, run.steps[i].name, run.steps[i].documents_out, "step", "#4878a8");
  o += "</svg>\n";
}

}  // namespace dpk::stats
