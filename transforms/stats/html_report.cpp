#include "html_report.h"

#include <algorithm>

#include "dpk/json_text.h"
#include "number_text.h"
#include "report_charts.h"

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

std::string num(uint64_t v) { return with_commas(v); }
std::string fmt(const char* f, double v) { return format_double(f, v); }
std::string pct(uint64_t a, uint64_t b) { return fmt("%.2f%%", 100.0 * fraction(a, b)); }

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

// Documents and text kept after each step, and why the others went.
void funnel_section(std::string& o, const RunTally& run) {
  o += "<h2>Run funnel</h2>\n<p class=\"note\">What each step of the run kept, up to this report. Text bytes "
       "are the UTF-8 bytes of the text field.</p>\n";
  append_funnel_svg(o, run);
  o += "<table id=\"funnel\">\n<tr><th class=\"l\">step</th><th>documents in</th><th>kept</th><th>kept of read</th>"
       "<th>text bytes kept</th><th class=\"l\">dropped, by reason</th><th>rejected</th></tr>\n";
  o += "<tr class=\"read\"><td class=\"l\">read</td><td></td><td>" + num(run.documents_read) + "</td><td>" +
       pct(run.documents_read, run.documents_read) + "</td><td>" +
       (run.steps.empty() ? std::string() : num(run.steps.front().text_bytes_in)) + "</td><td class=\"l\"></td><td>" +
       num(run.rejected_at_read) + "</td></tr>\n";
  for (const auto& st : run.steps) {
    o += "<tr class=\"step\"><td class=\"l\">";
    append_html_escaped(o, st.name);
    o += "</td><td>" + num(st.documents_in) + "</td><td>" + num(st.documents_out) + "</td><td>" +
         pct(st.documents_out, run.documents_read) + "</td><td>" + num(st.text_bytes_out) + "</td><td class=\"l\">";
    bool first = true;
    for (const auto& [reason, n] : st.dropped) {
      o += first ? "" : ", ";
      append_html_escaped(o, reason);
      o += " " + num(n);
      first = false;
    }
    o += "</td><td>" + num(st.rejected) + "</td></tr>\n";
  }
  o += "</table>\n";
  if (!run.rejected_by_reason.empty()) {
    o += "<p>Rejected (bad input):";
    for (const auto& [reason, n] : run.rejected_by_reason) {
      o += " ";
      append_html_escaped(o, reason);
      o += " " + num(n) + ";";
    }
    o.back() = '.';
    o += "</p>\n";
  }
}

}  // namespace

std::string render_html(const CorpusProfile& p, std::string_view title, const RunTally* run) {
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
  o += "</h1>\n";
  if (run != nullptr && run->steps.size() > 1) funnel_section(o, *run);
  o += "<h2>Summary</h2>\n<table>\n";
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
  for (const auto& [name, h] : dists) {
    o += "<h3>";
    o.push_back(static_cast<char>(name[0] - 'a' + 'A'));
    o += std::string(name + 1) + " per document</h3>\n";
    append_chart_svg(o, length_chart(*h, name));
  }
  if (!p.numbers.empty()) {
    o += "<h2>Numeric fields</h2>\n<p class=\"note\">Every top-level field holding numbers. Bars group "
         "values within 1/32 of their size (integers below 64 exactly); count, mean, min and max are exact.</p>\n";
  }
  for (const auto& [name, h] : p.numbers) {
    o += "<h3>Field <code>";
    append_html_escaped(o, name);
    o += "</code></h3>\n<p>" + num(h.count()) + " numbers (" + pct(h.count(), docs) + " of documents), mean " +
         fmt("%.4g", h.mean()) + ", min " + fmt("%.4g", h.min()) + ", max " + fmt("%.4g", h.max()) + ".</p>\n";
    append_chart_svg(o, number_chart(h, name));
  }
  if (p.numbers_truncated) {
    o += "<p class=\"note\">More numeric fields than " + num(p.options().max_numeric_fields) +
         "; the first ones seen are shown.</p>\n";
  }

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
