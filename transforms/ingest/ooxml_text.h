// ooxml_text.h — the text of Office Open XML files (docx, pptx, xlsx) from
// their zip parts.
//
//   docx: word/document.xml; w:t text, w:tab a tab, w:br and w:cr a line
//         break, the end of w:p the end of a line (a table's cells are
//         paragraphs, one after another).
//   pptx: ppt/slides/slideN.xml in the order of N; a:t text, a:br a line
//         break, the end of a:p the end of a line; slides joined by the page
//         separator, `pages` the slide count.
//   xlsx: xl/worksheets/sheetN.xml in the order of N, with
//         xl/sharedStrings.xml; one line per row, cells joined by tabs (an
//         empty column keeps its tab), a shared string (t="s"), inline string
//         or the cell's value as stored (numbers, formula results); sheets
//         joined by the page separator, `pages` the sheet count.
// Alternate content's fallback (mc:Fallback, the same text again for old
// readers) is skipped.
#pragma once

#include <string>
#include <string_view>

#include "xml_walk.h"
#include "zip_parts.h"

namespace dpk {

// The zip parts each reader needs.
bool docx_part_wanted(std::string_view name);
bool pptx_part_wanted(std::string_view name);
bool xlsx_part_wanted(std::string_view name);

// Each writes the text to `text` (and the slide or sheet count to `pages`);
// false with `why` when a main part is missing or its XML is broken.
bool docx_text(const ZipParts& zip, XmlWalk& walk, std::string& text, std::string& why);
bool pptx_text(const ZipParts& zip, XmlWalk& walk, std::string_view page_separator, std::string& text, int& pages,
               std::string& why);
bool xlsx_text(const ZipParts& zip, XmlWalk& walk, std::string_view page_separator, std::string& text, int& pages,
               std::string& why);

}  // namespace dpk
