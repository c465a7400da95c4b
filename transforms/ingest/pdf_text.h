// pdf_text.h — the text of a PDF, page by page (poppler).
//
// Each page's text comes out in reading order; pages are joined by a
// separator (a form feed, as pdftotext writes, unless asked otherwise).
// poppler's own diagnostics are silenced: a PDF poppler cannot open is
// reported through the return value.
//
//   dpk::PdfTextExtractor pdf;
//   std::string text; int pages = 0;
//   dpk::Status s = pdf.extract(bytes, "\f", text, pages);
#pragma once

#include <string>
#include <string_view>

#include "dpk/status.h"

namespace dpk {

class PdfTextExtractor {
 public:
  PdfTextExtractor();
  // kData with a short reason when the bytes are not a readable PDF
  // (corrupt, encrypted, no pages). `text` is valid UTF-8.
  Status extract(std::string_view pdf, std::string_view page_separator, std::string& text, int& pages);
};

}  // namespace dpk
