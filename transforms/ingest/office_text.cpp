#include "office_text.h"

#include "epub_text.h"
#include "odf_text.h"
#include "ooxml_text.h"

namespace dpk {
namespace {

using Wanted = bool (*)(std::string_view);

Wanted wanted_for(FileKind kind) {
  switch (kind) {
    case FileKind::kDocx: return docx_part_wanted;
    case FileKind::kPptx: return pptx_part_wanted;
    case FileKind::kXlsx: return xlsx_part_wanted;
    case FileKind::kOdt:
    case FileKind::kOdp:
    case FileKind::kOds: return odf_part_wanted;
    case FileKind::kEpub: return epub_part_wanted;
    default: return nullptr;
  }
}

// Replaces bytes that are not UTF-8 (libxml2 gives UTF-8; this is the
// guarantee for anything that slipped through) with U+FFFD.
void make_valid_utf8(std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok) {
      i += len;
      continue;
    }
    s.replace(i, 1, "\xEF\xBF\xBD");
    i += 3;
  }
}

}  // namespace

std::string_view office_format_name(FileKind kind) {
  switch (kind) {
    case FileKind::kDocx: return "DOCX";
    case FileKind::kPptx: return "PPTX";
    case FileKind::kXlsx: return "XLSX";
    case FileKind::kOdt: return "ODT";
    case FileKind::kOdp: return "ODP";
    case FileKind::kOds: return "ODS";
    case FileKind::kEpub: return "EPUB";
    default: return "document";
  }
}

OfficeTextExtractor::Result OfficeTextExtractor::extract(FileKind kind, std::string_view bytes,
                                                         std::string_view page_separator, const ZipLimits& limits,
                                                         std::string& text, int& pages, std::string& why) {
  text.clear();
  pages = 0;
  why.clear();
  const Wanted wanted = wanted_for(kind);
  if (wanted == nullptr) {
    why = "not an office or e-book kind";
    return kCorrupt;
  }
  // A password-protected Office file is an OLE compound file holding the
  // encrypted zip (so is a legacy .doc/.xls/.ppt given a new name).
  if (bytes.substr(0, 4) == "\xD0\xCF\x11\xE0") {
    why = "encrypted: an OLE compound file (a password-protected Office file, or a legacy .doc/.xls/.ppt renamed)";
    return kCorrupt;
  }
  switch (zip_.read(bytes, wanted, limits, why)) {
    case ZipParts::kOk: break;
    case ZipParts::kTooLarge: return kTooLarge;
    case ZipParts::kEncrypted: why = "encrypted: " + why; return kCorrupt;
    case ZipParts::kCorrupt: return kCorrupt;
  }
  bool ok = false;
  switch (kind) {
    case FileKind::kDocx: ok = docx_text(zip_, walk_, text, why); break;
    case FileKind::kPptx: ok = pptx_text(zip_, walk_, page_separator, text, pages, why); break;
    case FileKind::kXlsx: ok = xlsx_text(zip_, walk_, page_separator, text, pages, why); break;
    case FileKind::kEpub: ok = epub_text(zip_, walk_, page_separator, text, pages, why); break;
    default: ok = odf_text(kind, zip_, walk_, page_separator, text, pages, why); break;
  }
  walk_.close();
  if (!ok) {
    text.clear();
    return kCorrupt;
  }
  make_valid_utf8(text);
  return kOk;
}

}  // namespace dpk
