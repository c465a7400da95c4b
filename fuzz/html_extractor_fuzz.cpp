// Fuzz target: an HTML page through ContentExtractor, as text and as
// Markdown, with comments and tables on or off (the first byte picks). The
// extractor takes UTF-8 (dpk-warc decodes first; JSON strings are UTF-8), so
// other bytes are fed too but only valid UTF-8 input must give valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include <simdjson.h>

#include "extract/content_extractor.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // One instance per option set, reused like a worker thread reuses it.
  static std::unique_ptr<dpk::ContentExtractor> extractors[8];
  if (size == 0) return 0;
  const unsigned pick = data[0] % 8;
  if (!extractors[pick]) {
    dpk::ExtractOptions o;
    o.format = (pick & 1) ? dpk::TextFormat::kMarkdown : dpk::TextFormat::kText;
    o.comments = (pick & 2) != 0;
    o.tables = (pick & 4) != 0;
    extractors[pick] = std::make_unique<dpk::ContentExtractor>(o);
  }
  const std::string_view html(reinterpret_cast<const char*>(data) + 1, size - 1);
  const dpk::ExtractedPage& page = extractors[pick]->extract(html);
  if (simdjson::validate_utf8(html.data(), html.size())) {
    FUZZ_CHECK(simdjson::validate_utf8(page.text.data(), page.text.size()));
    FUZZ_CHECK(simdjson::validate_utf8(page.title.data(), page.title.size()));
    FUZZ_CHECK(simdjson::validate_utf8(page.lang.data(), page.lang.size()));
  }
  return 0;
}
