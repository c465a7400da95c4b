#include "histogram_chart.h"

#include <algorithm>

#include "html_report.h"
#include "number_text.h"

namespace dpk::stats {

bool overlaps(const Box& a, const Box& b) {
  return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

bool contains(const Box& outer, const Box& inner) {
  return inner.x >= outer.x && inner.y >= outer.y && inner.right() <= outer.right() &&
         inner.bottom() <= outer.bottom();
}

double label_width(std::string_view text, double font_size) {
  size_t code_points = 0;
  for (char c : text) code_points += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return static_cast<double>(code_points) * font_size * kGlyphWidth;
}

namespace {

constexpr double kWidth = 720;
constexpr double kHeaderBaseline = 15;     // the marker's label and the y title live above the plot
constexpr double kPlotTop = 24;
constexpr double kPlotLeft = 70;
constexpr double kPlotHeight = 190;
constexpr double kCountRoom = 14;          // above the tallest bar, for its count
constexpr double kFont = 11, kSmallFont = 10;
constexpr double kPad = 4;

// A label box for text whose baseline is at `baseline`: ascent 0.8 em, descent 0.2 em.
Label make_label(std::string text, double font, Anchor anchor, double anchor_x, double baseline) {
  Label l;
  l.font_size = font;
  l.anchor = anchor;
  const double w = label_width(text, font);
  const double x = anchor == Anchor::kStart ? anchor_x : anchor == Anchor::kMiddle ? anchor_x - w / 2 : anchor_x - w;
  l.box = {x, baseline - 0.8 * font, w, font};
  l.text = std::move(text);
  return l;
}

// Moves a label sideways into [lo, hi] (it keeps its anchor: the box is what counts).
void clamp_into(Label& l, double lo, double hi) {
  if (l.box.right() > hi) l.box.x = hi - l.box.w;
  if (l.box.x < lo) l.box.x = lo;
}

// Drops the last code point of s.
void pop_code_point(std::string& s) {
  while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
  if (!s.empty()) s.pop_back();
}

// Cuts a label until it fits `room` pixels, ending it with "…".
void fit_width(Label& l, double room) {
  if (label_width(l.text, l.font_size) > room) {
    while (!l.text.empty() && label_width(l.text + "…", l.font_size) > room) pop_code_point(l.text);
    l.text += "…";
  }
  l.box.w = label_width(l.text, l.font_size);
}

// Every k-th bar gets its tick label, for the smallest k whose labels do not touch.
std::vector<Label> x_tick_labels(const ChartSpec& spec, const ChartLayout& lay, double bar_w) {
  const size_t n = spec.bins.size();
  const double baseline = lay.plot.bottom() + 15;
  for (size_t k = 1;; ++k) {
    std::vector<Label> ticks;
    for (size_t i = 0; i < n; i += k) {
      Label l = make_label(spec.bins[i].tick, kSmallFont, Anchor::kMiddle,
                           lay.plot.x + bar_w * (static_cast<double>(i) + 0.5), baseline);
      fit_width(l, kWidth - 2 * kPad);
      clamp_into(l, kPad, kWidth - kPad);
      ticks.push_back(std::move(l));
    }
    bool apart = true;
    for (size_t i = 1; i < ticks.size() && apart; ++i) apart = ticks[i].box.x >= ticks[i - 1].box.right() + 6;
    if (apart || k >= n) return ticks;
  }
}

}  // namespace

ChartLayout layout_chart(const ChartSpec& spec) {
  ChartLayout lay;
  lay.plot = {kPlotLeft, kPlotTop, kWidth - kPlotLeft - 16, kPlotHeight};
  lay.svg = {0, 0, kWidth, lay.plot.bottom() + 40};
  lay.baseline_y = lay.plot.bottom();
  const size_t n = spec.bins.size();
  if (n == 0) return lay;
  uint64_t peak = 0;
  for (const auto& b : spec.bins) peak = std::max(peak, b.count);
  const double bar_w = lay.plot.w / static_cast<double>(n);
  const double gap = bar_w >= 4 ? 1 : 0;
  const double max_h = lay.plot.h - kCountRoom;
  for (size_t i = 0; i < n; ++i) {
    const uint64_t c = spec.bins[i].count;
    // A bin with any count is at least one pixel tall, so it never looks empty.
    const double h = peak == 0 || c == 0 ? 0 : std::max(1.0, max_h * static_cast<double>(c) / static_cast<double>(peak));
    lay.bars.push_back({lay.plot.x + bar_w * static_cast<double>(i) + gap, lay.plot.bottom() - h,
                        std::max(bar_w - 2 * gap, 0.5), h});
    // The count above its bar, when it fits the bar's width.
    if (c == 0) continue;
    Label l = make_label(short_count(c), kSmallFont, Anchor::kMiddle, lay.bars[i].x + lay.bars[i].w / 2,
                         lay.bars[i].y - 3);
    if (l.box.w <= lay.bars[i].w) lay.counts.push_back(std::move(l));
  }
  lay.x_ticks = x_tick_labels(spec, lay, bar_w);
  // Y ticks: 0 and the peak at the tallest bar's top.
  const double tick_x = lay.plot.x - 6;
  lay.y_ticks.push_back(make_label("0", kFont, Anchor::kEnd, tick_x, lay.plot.bottom() + 3));
  lay.y_tick_values.push_back({lay.plot.bottom(), 0});
  if (peak > 0) {
    const double top = lay.plot.bottom() - max_h;
    // The exact peak when it fits left of the axis, else its short form.
    Label l = make_label(with_commas(peak), kFont, Anchor::kEnd, tick_x, top + 4);
    if (l.box.x < kPad) l = make_label(short_count(peak), kFont, Anchor::kEnd, tick_x, top + 4);
    fit_width(l, tick_x - kPad);
    l.box.x = tick_x - l.box.w;
    lay.y_ticks.push_back(std::move(l));
    lay.y_tick_values.push_back({top, peak});
  }
  lay.y_title = make_label(spec.y_title, kFont, Anchor::kStart, kPad, kHeaderBaseline);
  fit_width(lay.y_title, kWidth / 3);
  lay.x_title = make_label(spec.x_title, kFont + 1, Anchor::kMiddle, lay.plot.x + lay.plot.w / 2, lay.svg.h - 6);
  fit_width(lay.x_title, kWidth - 2 * kPad);
  clamp_into(lay.x_title, kPad, kWidth - kPad);

  if (spec.marker) {
    lay.marker = true;
    const double at = std::clamp(spec.marker_at, 0.0, static_cast<double>(n));
    lay.marker_x = lay.plot.x + bar_w * at;
    // In the band above the plot, right of the line if it fits, else left
    // of it, else as near as the band allows; never over the y title.
    const double lo = std::max(lay.plot.x, lay.y_title.box.right() + 6), hi = kWidth - kPad;
    Label l = make_label(spec.marker_label, kFont, Anchor::kStart, lay.marker_x + 4, kHeaderBaseline);
    fit_width(l, hi - lo);
    if (l.box.right() > hi) {
      l = make_label(l.text, kFont, Anchor::kEnd, lay.marker_x - 4, kHeaderBaseline);
      if (l.box.x < lo) {
        l.anchor = Anchor::kStart;
        clamp_into(l, lo, hi);
      }
    }
    lay.marker_label = std::move(l);
  }
  return lay;
}

namespace {

std::string px(double v) { return format_double("%.1f", v); }

void append_text(std::string& o, const Label& l, std::string_view extra = {}) {
  const double x = l.anchor == Anchor::kStart ? l.box.x : l.anchor == Anchor::kMiddle ? l.box.x + l.box.w / 2 : l.box.right();
  o += "<text x=\"" + px(x) + "\" y=\"" + px(l.box.y + 0.8 * l.font_size) + "\" font-size=\"" + px(l.font_size) + "\"";
  if (l.anchor != Anchor::kStart) o += l.anchor == Anchor::kMiddle ? " text-anchor=\"middle\"" : " text-anchor=\"end\"";
  o += extra;
  o += ">";
  append_html_escaped(o, l.text);
  o += "</text>\n";
}

}  // namespace

void append_chart_svg(std::string& o, const ChartSpec& spec) {
  if (spec.bins.empty()) {
    o += "<p class=\"note\">No values.</p>\n";
    return;
  }
  const ChartLayout lay = layout_chart(spec);
  o += "<svg class=\"histogram\" role=\"img\" width=\"" + px(lay.svg.w) + "\" height=\"" + px(lay.svg.h) +
       "\" viewBox=\"0 0 " + px(lay.svg.w) + " " + px(lay.svg.h) + "\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>";
  append_html_escaped(o, spec.title);
  o += "</title>\n";
  for (const auto& [y, v] : lay.y_tick_values) {
    if (v == 0) continue;
    o += "<line x1=\"" + px(lay.plot.x) + "\" y1=\"" + px(y) + "\" x2=\"" + px(lay.plot.right()) + "\" y2=\"" + px(y) +
         "\" stroke=\"#ddd\"/>\n";
  }
  for (size_t i = 0; i < spec.bins.size(); ++i) {
    const Box& b = lay.bars[i];
    o += "<rect class=\"bar\" x=\"" + px(b.x) + "\" y=\"" + px(b.y) + "\" width=\"" + px(b.w) + "\" height=\"" +
         px(b.h) + "\" fill=\"#4878a8\"><title>";
    append_html_escaped(o, spec.bins[i].range);
    o += ": " + with_commas(spec.bins[i].count) + " ";
    append_html_escaped(o, spec.y_title);
    o += "</title></rect>\n";
  }
  o += "<line x1=\"" + px(lay.plot.x) + "\" y1=\"" + px(lay.plot.bottom()) + "\" x2=\"" + px(lay.plot.right()) +
       "\" y2=\"" + px(lay.plot.bottom()) + "\" stroke=\"#444\"/>\n";
  o += "<line x1=\"" + px(lay.plot.x) + "\" y1=\"" + px(lay.plot.y) + "\" x2=\"" + px(lay.plot.x) + "\" y2=\"" +
       px(lay.plot.bottom()) + "\" stroke=\"#444\"/>\n";
  for (const auto& l : lay.counts) append_text(o, l, " fill=\"#555\"");
  for (const auto& l : lay.x_ticks) append_text(o, l);
  for (const auto& l : lay.y_ticks) append_text(o, l);
  append_text(o, lay.y_title);
  append_text(o, lay.x_title);
  if (lay.marker) {
    o += "<line class=\"marker\" x1=\"" + px(lay.marker_x) + "\" y1=\"" + px(lay.plot.y) + "\" x2=\"" +
         px(lay.marker_x) + "\" y2=\"" + px(lay.plot.bottom()) + "\" stroke=\"#c0392b\" stroke-dasharray=\"4 3\"/>\n";
    append_text(o, lay.marker_label, " class=\"marker-label\" fill=\"#c0392b\"");
  }
  o += "</svg>\n";
}

}  // namespace dpk::stats
