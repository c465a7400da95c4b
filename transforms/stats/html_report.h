// stats/html_report.h — the profile as one self-contained HTML page: tables
// and inline SVG charts, no scripts, stylesheets or fonts from elsewhere.
#pragma once

#include <string>
#include <string_view>

#include "profile.h"

namespace dpk::stats {

std::string render_html(const CorpusProfile& p, std::string_view title);

// Appends `s` with & < > " ' escaped (safe in text and in quoted attributes).
void append_html_escaped(std::string& out, std::string_view s);

}  // namespace dpk::stats
