// epub_text.h — the text of an EPUB e-book.
//
// META-INF/container.xml names the package (OPF) file; its spine gives the
// reading order over its manifest; each spine document (XHTML) is read with
// the HTML parser: head, script and style are left out; p, h1-h6, li, div,
// br, tr, blockquote, pre and the other blocks end lines; table cells are
// joined by tabs; white space runs collapse to one space (kept as is in
// pre). Chapters (spine documents) are joined by the page separator and
// `pages` counts them.
#pragma once

#include <string>
#include <string_view>

#include "xml_walk.h"
#include "zip_parts.h"

namespace dpk {

bool epub_part_wanted(std::string_view name);

bool epub_text(const ZipParts& zip, XmlWalk& walk, std::string_view page_separator, std::string& text, int& pages,
               std::string& why);

// The text of one (X)HTML document by the rules above, appended to `out`.
void html_chapter_text(XmlWalk& walk, std::string& out);

}  // namespace dpk
