#include "text_units.h"

namespace dpk::line_dedup {
namespace {

bool is_blank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

}  // namespace

void split_units(std::string_view text, Unit unit, std::vector<std::string_view>& out) {
  size_t pos = 0;
  const char* para_begin = nullptr;
  const char* para_end = nullptr;
  while (true) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (unit == Unit::kLine) {
      out.push_back(line);
    } else if (is_blank(line)) {
      if (para_begin) out.emplace_back(para_begin, static_cast<size_t>(para_end - para_begin));
      para_begin = nullptr;
    } else {
      if (!para_begin) para_begin = line.data();
      para_end = line.data() + line.size();
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  if (para_begin) out.emplace_back(para_begin, static_cast<size_t>(para_end - para_begin));
}

void join_units(const std::vector<std::string_view>& units, const std::vector<bool>& keep, Unit unit,
                std::string& out) {
  out.clear();
  bool first = true;
  for (size_t i = 0; i < units.size(); ++i) {
    if (!keep[i]) continue;
    if (!first) out.append(unit == Unit::kLine ? "\n" : "\n\n");
    out.append(units[i]);
    first = false;
  }
}

}  // namespace dpk::line_dedup
