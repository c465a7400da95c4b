#include "lean_html.h"

#include <cstring>

namespace dpk {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Whether `s` at `at` starts with the lower-case ASCII word `w`, ignoring case.
bool starts_with_ci(std::string_view s, size_t at, std::string_view w) {
  if (s.size() - at < w.size()) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    if (lower(s[at + i]) != w[i]) return false;
  }
  return true;
}

bool equals_ci(std::string_view s, std::string_view lower_word) {
  return s.size() == lower_word.size() && starts_with_ci(s, 0, lower_word);
}

bool contains_ci(std::string_view s, std::string_view lower_word) {
  for (size_t at = 0; at + lower_word.size() <= s.size(); ++at) {
    if (starts_with_ci(s, at, lower_word)) return true;
  }
  return false;
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

bool wanted_attribute(std::string_view name, std::string_view value) {
  switch (name.size()) {
    case 2: return equals_ci(name, "id");
    case 4: return equals_ci(name, "role") || equals_ci(name, "lang");
    case 5:
      if (equals_ci(name, "class")) return true;
      return equals_ci(name, "style") && (contains_ci(value, "none") || contains_ci(value, "hidden"));
    case 6: return equals_ci(name, "hidden");
    case 7: return equals_ci(name, "content");
    case 8: return equals_ci(name, "xml:lang");
    case 10: return equals_ci(name, "http-equiv");
    case 11: return equals_ci(name, "aria-hidden");
    default: return false;
  }
}

// Elements that start and end a block of text: white space beside their
// tags separates nothing, as the block boundary already does.
bool is_block_tag(std::string_view name) {
  char buf[12];
  if (name.size() > sizeof buf) return false;
  for (size_t i = 0; i < name.size(); ++i) buf[i] = lower(name[i]);
  const std::string_view n(buf, name.size());
  switch (n.size()) {
    case 1: return n == "p";
    case 2:
      return n == "li" || n == "ul" || n == "ol" || n == "tr" || n == "td" || n == "th" || n == "dl" || n == "dt" ||
             n == "dd" || n == "br" || n == "hr" || (n[0] == 'h' && n[1] >= '1' && n[1] <= '6');
    case 3: return n == "div" || n == "nav";
    case 4: return n == "html" || n == "head" || n == "body" || n == "main" || n == "form" || n == "meta" || n == "link";
    case 5: return n == "table" || n == "tbody" || n == "thead" || n == "tfoot" || n == "aside" || n == "title";
    case 6: return n == "header" || n == "footer" || n == "figure";
    case 7: return n == "section" || n == "article";
    case 10: return n == "blockquote";
    default: return false;
  }
}

bool all_space(std::string_view s) {
  for (char c : s) {
    if (!is_space(c)) return false;
  }
  return true;
}

// The tag name starting at `at`.
std::string_view name_at(std::string_view s, size_t at) {
  size_t i = at;
  while (i < s.size() && !ends_name(s, i)) ++i;
  return s.substr(at, i - at);
}

// The start tag at `at` ("<" and a letter), written to `out` with only the
// wanted attributes; returns the position after it, or npos (out untouched)
// when the tag does not end.
size_t copy_start_tag(std::string_view s, size_t at, std::string& out) {
  size_t i = at + 1;
  while (i < s.size() && !ends_name(s, i)) ++i;
  const size_t name_end = i;
  const size_t mark = out.size();
  out.append(s.data() + at, name_end - at);
  bool self_closing = false;  // "/" right before ">", not the end of a value
  while (i < s.size()) {
    const char c = s[i];
    if (c == '>') {
      if (self_closing) out.push_back('/');
      out.push_back('>');
      return i + 1;
    }
    self_closing = c == '/';
    if (is_space(c) || c == '/') {
      ++i;
      continue;
    }
    // An attribute: name, then optionally "=" and a value.
    const size_t name_at = i;
    ++i;  // a first "=" belongs to the name
    while (i < s.size() && !is_space(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=') ++i;
    const std::string_view attr_name = s.substr(name_at, i - name_at);
    size_t j = i;
    while (j < s.size() && is_space(s[j])) ++j;
    std::string_view value;
    if (j < s.size() && s[j] == '=') {
      ++j;
      while (j < s.size() && is_space(s[j])) ++j;
      if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
        const void* q = std::memchr(s.data() + j + 1, s[j], s.size() - j - 1);
        if (q == nullptr) break;
        const size_t close = static_cast<size_t>(static_cast<const char*>(q) - s.data());
        value = s.substr(j + 1, close - j - 1);
        i = close + 1;
      } else {
        const size_t v = j;
        while (j < s.size() && !is_space(s[j]) && s[j] != '>') ++j;
        value = s.substr(v, j - v);
        i = j;
      }
    }
    if (wanted_attribute(attr_name, value)) {
      out.push_back(' ');
      out.append(s.data() + name_at, i - name_at);
    }
  }
  out.resize(mark);
  return std::string_view::npos;
}

}  // namespace

std::string_view lean_html(std::string_view html, std::string& scratch) {
  scratch.clear();
  size_t copied = 0;  // html[copied, pos) is still to be copied
  size_t pos = 0;
  bool cut = false;
  // The text since the last tag, and whether that tag was a block's.
  size_t text_from = std::string_view::npos;
  bool after_block = false;
  int pre_depth = 0;  // inside <pre> all white space counts
  // White space between two tags, one of them a block's, goes.
  auto drop_space_before = [&](size_t at, bool block) {
    if (text_from == std::string_view::npos || text_from >= at || pre_depth > 0 || !(block || after_block)) return;
    if (!all_space(html.substr(text_from, at - text_from))) return;
    scratch.append(html.data() + copied, text_from - copied);
    copied = at;
    cut = true;
  };
  while (pos < html.size()) {
    const void* lt = std::memchr(html.data() + pos, '<', html.size() - pos);
    if (lt == nullptr) break;
    const size_t at = static_cast<size_t>(static_cast<const char*>(lt) - html.data());
    size_t end = std::string_view::npos;  // where the cut element ends
    if (html.compare(at + 1, 3, "!--") == 0) {
      size_t close = html.find("-->", at + 4);
      end = close == std::string_view::npos ? html.size() : close + 3;
    } else if (at + 2 < html.size() && html[at + 1] == '/' && is_letter(html[at + 2])) {
      // An end tag: kept as it is.
      const std::string_view name = name_at(html, at + 2);
      const bool block = is_block_tag(name);
      drop_space_before(at, block);
      const size_t gt = html.find('>', at);
      if (gt == std::string_view::npos) break;
      if (pre_depth > 0 && equals_ci(name, "pre")) --pre_depth;
      text_from = pos = gt + 1;
      after_block = block;
      continue;
    } else if (at + 1 < html.size() && is_letter(html[at + 1])) {
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
      if (end == std::string_view::npos) {
        // Another start tag: copied with the wanted attributes only.
        const std::string_view name = name_at(html, at + 1);
        const bool block = is_block_tag(name);
        drop_space_before(at, block);
        scratch.append(html.data() + copied, at - copied);
        const size_t after = copy_start_tag(html, at, scratch);
        if (after == std::string_view::npos) {
          copied = at;  // unterminated: left to the parser as it is
          break;
        }
        if (equals_ci(name, "pre")) ++pre_depth;
        copied = pos = text_from = after;
        after_block = block;
        cut = true;
        continue;
      }
    }
    if (end == std::string_view::npos) {
      pos = at + 1;
      continue;
    }
    scratch.append(html.data() + copied, at - copied);
    copied = pos = text_from = end;
    after_block = false;
    cut = true;
  }
  if (!cut) return html;
  scratch.append(html.data() + copied, html.size() - copied);
  return scratch;
}

}  // namespace dpk
