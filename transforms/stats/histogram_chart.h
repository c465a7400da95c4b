// stats/histogram_chart.h — one histogram as inline SVG, and the layout
// behind it: where each bar, tick label, count and the marker's label go.
//
// The layout is computed, not left to the browser, so it can be tested:
// every label lies inside the SVG, no label overlaps a bar or another
// label, and the marker's label (the median) sits in a band above the
// plot, beside its line, on whichever side has room. Label widths are a
// generous estimate (kGlyphWidth em per character); text is anchored so a
// narrower rendering stays inside the estimated box.
//
//   ChartSpec spec;
//   spec.bins = {{"0", "0", 3}, {"1", "1", 5}};
//   spec.x_title = "words per document";
//   append_chart_svg(html, spec);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dpk::stats {

struct Box {
  double x = 0, y = 0, w = 0, h = 0;
  double right() const { return x + w; }
  double bottom() const { return y + h; }
};
// True when the interiors meet (boxes that only touch do not overlap).
bool overlaps(const Box& a, const Box& b);
bool contains(const Box& outer, const Box& inner);

inline constexpr double kGlyphWidth = 0.65;  // em, wider than the average glyph of common sans fonts
double label_width(std::string_view text, double font_size);

enum class Anchor { kStart, kMiddle, kEnd };
struct Label {
  std::string text;
  Box box;  // where the text may be drawn; baseline at box.y + 0.8 * font size
  double font_size = 11;
  Anchor anchor = Anchor::kStart;
};

struct ChartBin {
  std::string tick;   // x-axis label under the bar ("512")
  std::string range;  // values the bar counts, for its tooltip ("512–1,023")
  uint64_t count = 0;
};

struct ChartSpec {
  std::vector<ChartBin> bins;
  std::string title;                // the SVG's accessible title
  std::string x_title;              // "words per document"
  std::string y_title = "documents";
  bool marker = false;              // draw a marker line (the median)
  double marker_at = 0;             // in bars: 0 = left edge of the first, bins.size() = right edge of the last
  std::string marker_label;         // "median 1,234"
};

struct ChartLayout {
  Box svg, plot;
  std::vector<Box> bars;  // parallel to bins (height 0 for an empty bin)
  std::vector<Label> x_ticks, y_ticks, counts;
  Label x_title, y_title;
  bool marker = false;
  double marker_x = 0;
  Label marker_label;
  double baseline_y = 0;  // y of the x axis
  std::vector<std::pair<double, uint64_t>> y_tick_values;  // (y, count) of each y tick
};

ChartLayout layout_chart(const ChartSpec& spec);
// The <svg> element (class "histogram"); a note instead when there are no bins.
void append_chart_svg(std::string& out, const ChartSpec& spec);

}  // namespace dpk::stats
