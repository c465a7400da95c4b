#include "epub_text.h"

#include <vector>

#include "file_type.h"
#include "text_layout.h"

namespace dpk {
namespace {

bool is_any(std::string_view n, std::initializer_list<std::string_view> names) {
  for (std::string_view x : names) {
    if (n == x) return true;
  }
  return false;
}

bool is_block(std::string_view n) {
  return is_any(n, {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                    "section", "article", "header", "footer", "aside", "nav", "ul", "ol", "dl", "dt", "dd",
                    "table", "figure", "figcaption", "hr", "address", "body", "caption", "main"});
}

bool is_skipped(std::string_view n) { return is_any(n, {"head", "script", "style", "template", "svg", "math"}); }

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A manifest href (relative to the package file, percent-encoded, maybe
// with a #fragment) -> the zip part's name.
std::string resolve_href(std::string_view base_dir, std::string_view href) {
  href = href.substr(0, href.find('#'));
  std::string decoded;
  for (size_t i = 0; i < href.size(); ++i) {
    if (href[i] == '%' && i + 2 < href.size() && hex(href[i + 1]) >= 0 && hex(href[i + 2]) >= 0) {
      decoded.push_back(static_cast<char>(hex(href[i + 1]) * 16 + hex(href[i + 2])));
      i += 2;
    } else {
      decoded.push_back(href[i]);
    }
  }
  std::string joined = decoded.substr(0, 1) == "/" ? decoded.substr(1) : std::string(base_dir) + decoded;
  // "OEBPS/text/../images/x" -> "OEBPS/images/x"
  std::vector<std::string_view> parts;
  std::string_view rest = joined;
  while (!rest.empty()) {
    const size_t slash = rest.find('/');
    const std::string_view seg = rest.substr(0, slash);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  std::string out;
  for (std::string_view p : parts) {
    if (!out.empty()) out.push_back('/');
    out.append(p);
  }
  return out;
}

struct ManifestItem {
  std::string id, href;
};

}  // namespace

bool epub_part_wanted(std::string_view name) {
  for (std::string_view ext : {".xml", ".opf", ".xhtml", ".html", ".htm", ".xht"}) {
    if (ends_with_ci(name, ext)) return true;
  }
  return false;
}

void html_chapter_text(XmlWalk& walk, std::string& out) {
  const size_t start = out.size();
  size_t line_start = out.size();
  bool space = false;  // white space seen since the last character written
  int pre = 0;
  for (;;) {
    const XmlWalk::Event e = walk.next();
    if (e == XmlWalk::kDone || e == XmlWalk::kError) break;  // the HTML parser recovers; keep what it read
    const std::string_view n = walk.name();
    if (e == XmlWalk::kStart && is_skipped(n)) {
      for (int depth = 1; depth > 0;) {
        const XmlWalk::Event s = walk.next();
        if (s == XmlWalk::kStart) ++depth;
        if (s == XmlWalk::kEnd) --depth;
        if (s == XmlWalk::kError || s == XmlWalk::kDone) break;
      }
      continue;
    }
    if (e == XmlWalk::kText) {
      for (char c : walk.text()) {
        if (pre == 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')) {
          space = true;
          continue;
        }
        if (space && pre == 0 && out.size() > line_start && out.back() != '\t') out.push_back(' ');
        space = false;
        out.push_back(c);
        if (c == '\n') line_start = out.size();
      }
      continue;
    }
    if (n == "pre") pre += e == XmlWalk::kStart ? 1 : (pre > 0 ? -1 : 0);
    if (is_block(n)) {
      break_text_line(out, start);
      line_start = out.size();
      space = false;
    } else if (e == XmlWalk::kStart && (n == "td" || n == "th") && out.size() > line_start) {
      out.push_back('\t');
      space = false;
    }
  }
  trim_text_end(out, start);
}

bool epub_text(const ZipParts& zip, XmlWalk& walk, std::string_view page_separator, std::string& text, int& pages,
               std::string& why) {
  const std::string* container = zip.find("META-INF/container.xml");
  if (container == nullptr) {
    why = "no META-INF/container.xml (not an EPUB)";
    return false;
  }
  std::string opf_path;
  if (!walk.open_xml(*container)) {
    why = "META-INF/container.xml: " + walk.error();
    return false;
  }
  for (auto e = walk.next(); e != XmlWalk::kDone; e = walk.next()) {
    if (e == XmlWalk::kError) {
      why = "META-INF/container.xml: " + walk.error();
      return false;
    }
    if (e == XmlWalk::kStart && walk.name() == "rootfile" && walk.attr("full-path", nullptr, opf_path)) break;
  }
  const std::string* opf = opf_path.empty() ? nullptr : zip.find(opf_path);
  if (opf == nullptr) {
    why = "no package file (" + (opf_path.empty() ? std::string("container.xml names none") : opf_path) + ")";
    return false;
  }
  const std::string base_dir = opf_path.substr(0, opf_path.rfind('/') + 1);

  std::vector<ManifestItem> manifest;
  std::vector<std::string> spine;
  if (!walk.open_xml(*opf)) {
    why = opf_path + ": " + walk.error();
    return false;
  }
  std::string value;
  for (auto e = walk.next(); e != XmlWalk::kDone; e = walk.next()) {
    if (e == XmlWalk::kError) {
      why = opf_path + ": " + walk.error();
      return false;
    }
    if (e != XmlWalk::kStart) continue;
    if (walk.name() == "item") {
      ManifestItem item;
      if (walk.attr("id", nullptr, item.id) && walk.attr("href", nullptr, item.href)) manifest.push_back(std::move(item));
    } else if (walk.name() == "itemref" && walk.attr("idref", nullptr, value)) {
      spine.push_back(value);
    }
  }
  if (spine.empty()) {
    why = opf_path + ": an empty spine";
    return false;
  }
  size_t part = 0;
  for (const std::string& idref : spine) {
    const ManifestItem* item = nullptr;
    for (const ManifestItem& m : manifest) {
      if (m.id == idref) item = &m;
    }
    // A spine entry the book does not hold is left out, as readers do.
    const std::string* chapter = item ? zip.find(resolve_href(base_dir, item->href)) : nullptr;
    if (chapter == nullptr) continue;
    part = begin_text_part(text, part, pages == 0, page_separator);
    ++pages;
    if (walk.open_html(*chapter)) html_chapter_text(walk, text);
  }
  if (pages == 0) {
    why = "no spine document found in the book";
    return false;
  }
  return true;
}

}  // namespace dpk
