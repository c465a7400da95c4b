// text_layout.h — lines and parts of text as office and e-book readers write
// them: a paragraph ends a line, at most one blank line in a row, and a part
// (a slide, a sheet, a chapter) ends without trailing white space.
#pragma once

#include <string>
#include <string_view>

namespace dpk {

// Drops the spaces, tabs and line breaks at the end of `out`, not before `start`.
inline void trim_text_end(std::string& out, size_t start) {
  while (out.size() > start) {
    const char c = out.back();
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') break;
    out.pop_back();
  }
}

// Ends the current line: spaces before the break go, and a second blank line
// in a row, or a line break at the very start of the part (`start`), is not written.
inline void end_text_line(std::string& out, size_t start) {
  while (out.size() > start && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  if (out.size() == start) return;
  if (out.size() >= start + 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') return;
  out.push_back('\n');
}

// Ends the current line if it holds anything (HTML blocks: a block boundary
// is one line break, however many blocks close or open there).
inline void break_text_line(std::string& out, size_t start) {
  while (out.size() > start && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  if (out.size() > start && out.back() != '\n') out.push_back('\n');
}

// Begins the next part: the previous one (since `part_start`) loses its
// trailing white space and the separator follows it; returns where the new
// part starts.
inline size_t begin_text_part(std::string& out, size_t part_start, bool first, std::string_view separator) {
  if (first) return out.size();
  trim_text_end(out, part_start);
  out.append(separator);
  return out.size();
}

}  // namespace dpk
