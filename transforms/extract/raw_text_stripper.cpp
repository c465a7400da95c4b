#include "raw_text_stripper.h"

#include <cstring>

namespace dpk {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Whether `s` at `at` starts with the lower-case ASCII word `w`, ignoring case.
bool starts_with_ci(std::string_view s, size_t at, std::string_view w) {
  if (s.size() - at < w.size()) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    if (lower(s[at + i]) != w[i]) return false;
  }
  return true;
}

bool ends_name(std::string_view s, size_t at) {
  if (at >= s.size()) return true;
  const char c = s[at];
  return c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Position after the closing tag "</NAME...>" found from `from`, or npos.
size_t after_end_tag(std::string_view s, size_t from, std::string_view name) {
  for (size_t at = s.find("</", from); at != std::string_view::npos; at = s.find("</", at + 2)) {
    if (starts_with_ci(s, at + 2, name) && ends_name(s, at + 2 + name.size())) {
      size_t gt = s.find('>', at);
      return gt == std::string_view::npos ? s.size() : gt + 1;
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::string_view strip_raw_text_elements(std::string_view html, std::string& scratch) {
  scratch.clear();
  size_t copied = 0;  // html[copied, pos) is still to be copied
  size_t pos = 0;
  bool cut = false;
  while (pos < html.size()) {
    const void* lt = std::memchr(html.data() + pos, '<', html.size() - pos);
    if (lt == nullptr) break;
    const size_t at = static_cast<size_t>(static_cast<const char*>(lt) - html.data());
    size_t end = std::string_view::npos;  // where the cut element ends
    if (html.compare(at + 1, 3, "!--") == 0) {
      size_t close = html.find("-->", at + 4);
      end = close == std::string_view::npos ? html.size() : close + 3;
    } else {
      for (std::string_view name : {std::string_view("script"), std::string_view("style"), std::string_view("svg")}) {
        if (!starts_with_ci(html, at + 1, name) || !ends_name(html, at + 1 + name.size())) continue;
        size_t gt = html.find('>', at);
        if (gt == std::string_view::npos) {
          end = html.size();
        } else if (name == "svg" && html[gt - 1] == '/') {
          end = gt + 1;  // <svg .../> is complete (foreign elements may self-close)
        } else {
          end = after_end_tag(html, gt + 1, name);
          if (end == std::string_view::npos) end = html.size();
        }
        break;
      }
    }
    if (end == std::string_view::npos) {
      pos = at + 1;
      continue;
    }
    scratch.append(html.data() + copied, at - copied);
    copied = pos = end;
    cut = true;
  }
  if (!cut) return html;
  scratch.append(html.data() + copied, html.size() - copied);
  return scratch;
}

}  // namespace dpk
