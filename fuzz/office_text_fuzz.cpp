// Fuzz target: the XML parts of an office or e-book file through
// OfficeTextExtractor. Mutating a zip's compressed bytes mostly breaks its
// checksums, so the input is the parts' XML: the first byte picks the kind,
// the rest is split at 0x1E into that kind's parts (names below), which are
// stored uncompressed in a zip built here. Checks: any input ends in one of
// the three results, a failure says why, and the text is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "fuzz_check.h"
#include "ingest/office_text.h"
#include "ingest/zip_writer_for_tests.h"

namespace {

struct Layout {
  dpk::FileKind kind;
  std::vector<const char*> parts;
};

const Layout kLayouts[] = {
    {dpk::FileKind::kDocx, {"word/document.xml"}},
    {dpk::FileKind::kPptx, {"ppt/slides/slide1.xml", "ppt/slides/slide2.xml"}},
    {dpk::FileKind::kXlsx, {"xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"}},
    {dpk::FileKind::kOdt, {"content.xml", "META-INF/manifest.xml"}},
    {dpk::FileKind::kOdp, {"content.xml"}},
    {dpk::FileKind::kOds, {"content.xml"}},
    {dpk::FileKind::kEpub, {"META-INF/container.xml", "content.opf", "chapter1.xhtml"}},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static dpk::OfficeTextExtractor office;  // reused, as a worker reuses it
  if (size == 0) return 0;
  const Layout& layout = kLayouts[data[0] % (sizeof kLayouts / sizeof kLayouts[0])];
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  dpk::ZipPartList parts;
  for (size_t i = 0; i < layout.parts.size(); ++i) {
    const size_t cut = i + 1 == layout.parts.size() ? std::string_view::npos : rest.find('\x1e');
    const std::string_view part = rest.substr(0, cut);
    parts.emplace_back(layout.parts[i], part);
    if (cut == std::string_view::npos) break;
    rest.remove_prefix(cut + 1);
  }
  const std::string zip = dpk::write_zip_in_memory(parts, /*deflate=*/false);
  dpk::ZipLimits limits;
  limits.max_part_bytes = 1 << 20;
  limits.max_total_bytes = 2 << 20;
  std::string text, why;
  int pages = -1;
  const auto r = office.extract(layout.kind, zip, "\f", limits, text, pages, why);
  FUZZ_CHECK(r == dpk::OfficeTextExtractor::kOk || r == dpk::OfficeTextExtractor::kCorrupt ||
             r == dpk::OfficeTextExtractor::kTooLarge);
  if (r == dpk::OfficeTextExtractor::kOk) {
    FUZZ_CHECK(pages >= 0);
    FUZZ_CHECK(simdjson::validate_utf8(text.data(), text.size()));
  } else {
    FUZZ_CHECK(!why.empty());
  }
  return 0;
}
