#include "pdf_text.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <memory>
#include <mutex>

namespace dpk {
namespace {

void ignore_poppler_message(const std::string&, void*) {}

// Trailing white space of a page (poppler ends most pages with a newline).
void trim_end(std::string& s, size_t keep) {
  while (s.size() > keep && (s.back() == '\n' || s.back() == '\f' || s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) {
    s.pop_back();
  }
}

}  // namespace

PdfTextExtractor::PdfTextExtractor() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(ignore_poppler_message, nullptr); });
}

Status PdfTextExtractor::extract(std::string_view pdf, std::string_view page_separator, std::string& text,
                                 int& pages) {
  text.clear();
  pages = 0;
  if (pdf.size() > static_cast<size_t>(INT_MAX)) return Status::Data("PDF too large for the PDF reader");
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc) return Status::Data("not a readable PDF");
  if (doc->is_locked()) return Status::Data("encrypted PDF");
  pages = doc->pages();
  if (pages <= 0) return Status::Data("PDF without pages");
  for (int i = 0; i < pages; ++i) {
    if (i > 0) text.append(page_separator);
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    const poppler::byte_array utf8 = page->text().to_utf8();
    const size_t start = text.size();
    text.append(utf8.data(), utf8.size());
    trim_end(text, start);  // a page's own trailing white space stays out of the separator
  }
  return Status::Ok();
}

}  // namespace dpk
