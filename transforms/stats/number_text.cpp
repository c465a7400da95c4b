#include "number_text.h"

#include <cstdio>

namespace dpk::stats {

std::string with_commas(uint64_t v) {
  std::string d = std::to_string(v), out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(d[i]);
  }
  return out;
}

std::string format_double(const char* format, double v) {
  char b[64];
  std::snprintf(b, sizeof b, format, v);
  return b;
}

std::string short_count(uint64_t v) {
  if (v < 10000) return std::to_string(v);
  if (v < 10000000) return format_double("%.0fk", static_cast<double>(v) / 1e3);
  if (v < 10000000000ull) return format_double("%.0fM", static_cast<double>(v) / 1e6);
  return format_double("%.0fG", static_cast<double>(v) / 1e9);
}

std::string short_value(double v) { return format_double("%.4g", v); }

}  // namespace dpk::stats
