#include "html_report.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>

#include "dpk/json_text.h"

namespace dpk::stats {

void append_html_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
}

namespace {

std::string num(uint64_t v) {
  // Thousands separators make corpus-sized counts readable.
  std::string d = std::to_string(v), out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(d[i]);
  }
  return out;
}

std::string fmt(const char* f, double v) {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

std::string pct(uint64_t a, uint64_t b) { return fmt("%.2f%%", 100.0 * fraction(a, b)); }

// Short axis label: 1, 512, 4k, 2.1M.
std::string short_num(uint64_t v) {
  if (v < 10000) return std::to_string(v);
  if (v < 10000000) return fmt("%.0fk", static_cast<double>(v) / 1e3);
  if (v < 10000000000ull) return fmt("%.0fM", static_cast<double>(v) / 1e6);
  return fmt("%.0fG", static_cast<double>(v) / 1e9);
}

// Cuts to at most n code points without splitting a UTF-8 sequence.
std::string_view clip(std::string_view s, size_t n, bool& clipped) {
  size_t cps = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && cps++ == n) {
      clipped = true;
      return s.substr(0, i);
    }
  }
  clipped = false;
  return s;
}

// Histogram of one length distribution: one bar per power of two (0, 1,
// 2-3, 4-7 ...), so the x axis is logarithmic; the median is marked.
void length_chart(std::string& o, const LogHistogram& h, std::string_view what) {
  std::array<uint64_t, 64> bins{};
  for (size_t b = 0; b < LogHistogram::kBuckets; ++b) {
    bins[std::bit_width(LogHistogram::bucket_low(b))] += h.buckets()[b];
  }
  size_t first = bins.size(), last = 0;
  for (size_t i = 0; i < bins.size(); ++i) {
    if (bins[i] == 0) continue;
    first = std::min(first, i);
    last = i;
  }
  const uint64_t peak = *std::max_element(bins.begin(), bins.end());
  if (peak == 0) {
    o += "<p>No documents.</p>\n";
    return;
  }
  const size_t n = last - first + 1;
  const double left = 60, top = 10, plot_w = 640, plot_h = 200;
  const double bw = plot_w / static_cast<double>(n);
  o += "<svg role=\"img\" width=\"720\" height=\"260\" viewBox=\"0 0 720 260\" xmlns=\"http://www.w3.org/2000/svg\">\n";
  o += "<title>Histogram of text length in ";
  append_html_escaped(o, what);
  o += " (log scale)</title>\n";
  o += "<line x1=\"60\" y1=\"210\" x2=\"700\" y2=\"210\" stroke=\"#444\"/>\n";
  o += "<line x1=\"60\" y1=\"10\" x2=\"60\" y2=\"210\" stroke=\"#444\"/>\n";
  o += "<text x=\"55\" y=\"18\" text-anchor=\"end\" font-size=\"11\">" + num(peak) + "</text>\n";
  o += "<text x=\"55\" y=\"210\" text-anchor=\"end\" font-size=\"11\">0</text>\n";
  const size_t label_every = n > 16 ? 2 : 1;
  for (size_t i = 0; i < n; ++i) {
    const size_t bin = first + i;
    const uint64_t lo = bin == 0 ? 0 : uint64_t{1} << (bin - 1);
    const uint64_t hi = bin == 0 ? 0 : (uint64_t{1} << bin) - 1;
    const double hgt = plot_h * static_cast<double>(bins[bin]) / static_cast<double>(peak);
    const double x = left + bw * static_cast<double>(i);
    o += "<rect x=\"" + fmt("%.1f", x + 1) + "\" y=\"" + fmt("%.1f", top + plot_h - hgt) + "\" width=\"" +
         fmt("%.1f", std::max(bw - 2, 1.0)) + "\" height=\"" + fmt("%.1f", hgt) + "\" fill=\"#4878a8\"><title>";
    o += lo == hi ? num(lo) : num(lo) + "–" + num(hi);
    o += " " + std::string(what) + ": " + num(bins[bin]) + " documents</title></rect>\n";
    if (i % label_every == 0) {
      o += "<text x=\"" + fmt("%.1f", x + bw / 2) + "\" y=\"226\" text-anchor=\"middle\" font-size=\"10\">" +
           short_num(lo) + "</text>\n";
    }
  }
  // Median marker, placed by log2 within its power-of-two bar.
  const uint64_t med = h.quantile(0.5);
  const size_t mbin = static_cast<size_t>(std::bit_width(med));
  const double frac = med == 0 ? 0.5 : std::log2(static_cast<double>(med)) - static_cast<double>(mbin - 1);
  const double mx = left + bw * (static_cast<double>(mbin - first) + frac);
  o += "<line x1=\"" + fmt("%.1f", mx) + "\" y1=\"10\" x2=\"" + fmt("%.1f", mx) +
       "\" y2=\"210\" stroke=\"#c0392b\" stroke-dasharray=\"4 3\"/>\n";
  o += "<text x=\"" + fmt("%.1f", std::min(mx + 4, 640.0)) + "\" y=\"22\" font-size=\"11\" fill=\"#c0392b\">median " +
       num(med) + "</text>\n";
  o += "<text x=\"380\" y=\"252\" text-anchor=\"middle\" font-size=\"12\">";
  append_html_escaped(o, what);
  o += " per document (bars span powers of two)</text>\n</svg>\n";
}

// Horizontal bars of the most frequent values of one field.
void values_chart(std::string& o, const FieldValues& fv, size_t top, uint64_t documents,
                  std::string& scratch) {
  auto rows = fv.values.top(top);
  if (rows.empty()) {
    o += "<p>No scalar values.</p>\n";
    return;
  }
  const uint64_t peak = rows.front().second;
  const double row_h = 20, label_w = 260, bar_w = 360;
  const double height = row_h * static_cast<double>(rows.size()) + 10;
  o += "<svg role=\"img\" width=\"760\" height=\"" + fmt("%.0f", height) + "\" viewBox=\"0 0 760 " +
       fmt("%.0f", height) + "\" xmlns=\"http://www.w3.org/2000/svg\">\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& [value, n] = rows[i];
    // Show strings without their quotes; other values as their JSON text.
    scratch.clear();
    if (value.empty() || value.front() != '"' || !decode_json_string(value, scratch)) scratch.assign(value);
    bool clipped = false;
    std::string_view shown = clip(scratch, 36, clipped);
    const double y = 5 + row_h * static_cast<double>(i);
    const double w = std::max(1.0, bar_w * static_cast<double>(n) / static_cast<double>(peak));
    o += "<g><title>";
    append_html_escaped(o, scratch.size() > 500 ? std::string_view(scratch).substr(0, 500) : std::string_view(scratch));
    o += ": " + num(n) + "</title>";
    o += "<text x=\"" + fmt("%.0f", label_w - 6) + "\" y=\"" + fmt("%.1f", y + 14) +
         "\" text-anchor=\"end\" font-size=\"12\">";
    append_html_escaped(o, shown);
    if (clipped) o += "…";
    o += "</text><rect x=\"" + fmt("%.0f", label_w) + "\" y=\"" + fmt("%.1f", y + 2) + "\" width=\"" +
         fmt("%.1f", w) + "\" height=\"" + fmt("%.0f", row_h - 4) + "\" fill=\"#5a9e6f\"/>";
    o += "<text x=\"" + fmt("%.1f", label_w + w + 6) + "\" y=\"" + fmt("%.1f", y + 14) + "\" font-size=\"11\">" +
         num(n) + " (" + pct(n, documents) + ")</text></g>\n";
  }
  o += "</svg>\n";
}

void row(std::string& o, std::string_view label, const std::string& value) {
  o += "<tr><th>";
  append_html_escaped(o, label);
  o += "</th><td>";
  append_html_escaped(o, value);
  o += "</td></tr>\n";
}

}  // namespace

std::string render_html(const CorpusProfile& p, std::string_view title) {
  std::string o;
  std::string scratch;
  o += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  append_html_escaped(o, title);
  o += "</title>\n<style>\n"
       "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:960px;color:#222;padding:0 1em}\n"
       "table{border-collapse:collapse;margin:.5em 0 1.5em}\n"
       "th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}\n"
       "th{background:#f3f3f3}\ntd.l,th.l{text-align:left}\n"
       "svg{display:block;margin:.5em 0 1.5em;font-family:system-ui,sans-serif}\n"
       "p.note{color:#666;font-size:90%}\n</style>\n</head>\n<body>\n<h1>";
  append_html_escaped(o, title);
  o += "</h1>\n<h2>Summary</h2>\n<table>\n";
  const uint64_t docs = p.documents;
  row(o, "documents", num(docs));
  row(o, "empty texts", num(p.empty_texts) + " (" + pct(p.empty_texts, docs) + ")");
  row(o, "blank texts (no words)", num(p.blank_texts) + " (" + pct(p.blank_texts, docs) + ")");
  row(o, "documents without id", num(docs - p.with_id) + " (" + pct(docs - p.with_id, docs) + ")");
  row(o, "distinct ids", num(p.ids.size()));
  row(o, "duplicate ids", num(p.duplicate_ids()) + " (" + pct(p.duplicate_ids(), p.with_id) + " of ids)");
  row(o, "total characters", num(p.chars.sum()));
  row(o, "total words", num(p.words.sum()));
  row(o, "total bytes of text", num(p.bytes.sum()));
  o += "</table>\n<h2>Lengths</h2>\n<table>\n<tr><th class=\"l\">per document</th><th>mean</th><th>min</th>";
  for (auto q : kQuantileNames) o += "<th>" + std::string(q) + "</th>";
  o += "<th>max</th></tr>\n";
  const std::pair<const char*, const LogHistogram*> dists[] = {
      {"characters", &p.chars}, {"words", &p.words}, {"bytes", &p.bytes}, {"lines", &p.lines}};
  for (const auto& [name, h] : dists) {
    o += "<tr><th class=\"l\">" + std::string(name) + "</th><td>" + fmt("%.1f", h->mean()) + "</td><td>" +
         num(h->min()) + "</td>";
    for (double q : kQuantiles) o += "<td>" + num(h->quantile(q)) + "</td>";
    o += "<td>" + num(h->max()) + "</td></tr>\n";
  }
  o += "</table>\n<p class=\"note\">Quantiles come from a log histogram: exact below 16, otherwise "
       "within 6.25%. Mean, min and max are exact. Words are runs of non-whitespace.</p>\n";
  o += "<h3>Characters per document</h3>\n";
  length_chart(o, p.chars, "characters");
  o += "<h3>Words per document</h3>\n";
  length_chart(o, p.words, "words");

  const auto& names = p.options().fields;
  for (size_t i = 0; i < names.size(); ++i) {
    const FieldValues& fv = p.fields[i];
    o += "<h2>Field <code>";
    append_html_escaped(o, names[i]);
    o += "</code></h2>\n<p>present in " + num(docs - fv.missing) + " documents (" + pct(docs - fv.missing, docs) +
         "), " + num(fv.values.distinct()) + (fv.values.truncated() ? "+" : "") + " distinct values";
    if (fv.non_scalar) o += ", " + num(fv.non_scalar) + " objects or arrays";
    if (fv.values.truncated()) {
      o += "; counting stopped adding new values at " + num(fv.values.distinct()) + " distinct (" +
           num(fv.values.uncounted()) + " occurrences not counted)";
    }
    o += ".</p>\n";
    values_chart(o, fv, p.options().top, docs, scratch);
  }

  o += "<h2>Field presence</h2>\n<table>\n<tr><th class=\"l\">field</th><th>documents</th><th>share</th></tr>\n";
  for (const auto& [name, n] : p.presence.top(p.presence.distinct())) {
    o += "<tr><td class=\"l\"><code>";
    append_html_escaped(o, name);
    o += "</code></td><td>" + num(n) + "</td><td>" + pct(n, docs) + "</td></tr>\n";
  }
  o += "</table>\n";
  if (p.presence.truncated()) o += "<p class=\"note\">More distinct field names than could be counted.</p>\n";
  o += "</body>\n</html>\n";
  return o;
}

}  // namespace dpk::stats
