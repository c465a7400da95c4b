// odf_text.h — the text of OpenDocument files (odt, odp, ods) from
// content.xml.
//
//   text:p and text:h end lines; text:tab is a tab, text:line-break a line
//   break, text:s c="N" N spaces. odp: each draw:page is a page (joined by
//   the page separator; speaker notes are left out). ods: each table:table
//   is a sheet (joined by the page separator), each table-row a line, cells
//   joined by tabs; a cell's paragraphs join with spaces, and
//   number-columns-repeated / number-rows-repeated repeat at most 256 times
//   (a sheet's trailing empty cells are repeated thousands of times).
// An encrypted file (META-INF/manifest.xml lists encryption data) is refused.
#pragma once

#include <string>
#include <string_view>

#include "file_type.h"
#include "xml_walk.h"
#include "zip_parts.h"

namespace dpk {

bool odf_part_wanted(std::string_view name);

// kind: kOdt, kOdp or kOds. `pages`: slides (odp) or sheets (ods), else 0.
bool odf_text(FileKind kind, const ZipParts& zip, XmlWalk& walk, std::string_view page_separator, std::string& text,
              int& pages, std::string& why);

}  // namespace dpk
