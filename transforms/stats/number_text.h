// stats/number_text.h — numbers as the HTML report prints them.
#pragma once

#include <cstdint>
#include <string>

namespace dpk::stats {

// 1234567 -> "1,234,567": corpus-sized counts stay readable.
std::string with_commas(uint64_t v);
// Short axis label: 1, 512, 4k, 2M, 3G.
std::string short_count(uint64_t v);
// A field's value with up to 4 significant digits: 0.25, 1200, 1.5e+09.
std::string short_value(double v);
// printf-style formatting of one double ("%.1f").
std::string format_double(const char* format, double v);

}  // namespace dpk::stats
