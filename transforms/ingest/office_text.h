// office_text.h — the text of office and e-book files: docx, pptx, xlsx
// (Office Open XML), odt, odp, ods (OpenDocument) and epub.
//
// Each is a zip of XML parts: the parts a kind needs are inflated from
// memory (zip_parts.h, under size caps), walked as XML (xml_walk.h: no
// network, no DTD, no entity expansion) and written as lines by the rules
// of ooxml_text.h, odf_text.h and epub_text.h. Slides, sheets and chapters
// are joined by a page separator, as PDF pages are.
//
//   dpk::OfficeTextExtractor office;
//   std::string text, why; int pages = 0;
//   auto r = office.extract(FileKind::kDocx, bytes, "\f", limits, text, pages, why);
#pragma once

#include <string>
#include <string_view>

#include "file_type.h"
#include "xml_walk.h"
#include "zip_parts.h"

namespace dpk {

class OfficeTextExtractor {
 public:
  enum Result {
    kOk,        // text (maybe blank) and pages are set
    kCorrupt,   // unreadable: not a zip, a main part missing, broken XML, encrypted (why says which)
    kTooLarge,  // parts decompress past the limits (a zip bomb)
  };

  // `kind` is one of the zipped-document kinds (is_zipped_document). `pages`
  // is the slide, sheet or chapter count (0 for docx and odt). `text` is
  // valid UTF-8.
  Result extract(FileKind kind, std::string_view bytes, std::string_view page_separator, const ZipLimits& limits,
                 std::string& text, int& pages, std::string& why);

  // Frees buffers grown past `keep_bytes`.
  void shrink(size_t keep_bytes) { zip_.shrink(keep_bytes); }

 private:
  ZipParts zip_;
  XmlWalk walk_;
};

// "DOCX", "EPUB" ...: the name a rejection gives the format.
std::string_view office_format_name(FileKind kind);

}  // namespace dpk
