// stats/report_charts.h — the charts of the HTML report, built from the
// profile's histograms and the run's counts: which bins, ticks and marker
// each chart gets (histogram_chart.h draws them).
#pragma once

#include <string>
#include <string_view>

#include "dpk/transform.h"
#include "histogram_chart.h"
#include "log_histogram.h"
#include "numeric_histogram.h"

namespace dpk::stats {

// One bar per power of two (0, 1, 2-3, 4-7 ...) from the first to the last
// non-empty one, so the x axis is logarithmic; the median is marked.
// The bars' counts sum to h.count(); no bars when it is empty.
ChartSpec length_chart(const LogHistogram& h, std::string_view what);

// Equal-width bars over [min, max] (one per integer for a small integer
// range); the median is marked. The bars' counts sum to h.count().
ChartSpec number_chart(const NumericHistogram& h, std::string_view field);

// Horizontal bars, one per step: the documents left after it, as a share
// of the documents read (class "funnel", one <g class="step"> per step).
void append_funnel_svg(std::string& out, const RunTally& run);

}  // namespace dpk::stats
