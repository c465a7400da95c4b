// stats/html_report.h — the profile as one self-contained HTML page: tables
// and inline SVG charts, no scripts, stylesheets or fonts from elsewhere.
#pragma once

#include <string>
#include <string_view>

#include "dpk/transform.h"
#include "profile.h"

namespace dpk::stats {

// `run`, when given with more than one step, adds the run's funnel: the
// documents and text each step kept and its drop reasons.
std::string render_html(const CorpusProfile& p, std::string_view title, const RunTally* run = nullptr);

// Appends `s` with & < > " ' escaped (safe in text and in quoted attributes).
void append_html_escaped(std::string& out, std::string_view s);

}  // namespace dpk::stats
