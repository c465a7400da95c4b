// Fuzz target: page bytes through CharsetDecoder under the label a server
// might send (none, a real one, a bogus one), and the <meta> sniffer. The
// decoder promises valid UTF-8 whatever the bytes and the label.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "fuzz_check.h"
#include "warc/charset_decoder.h"

namespace {

// Labels the first input byte picks from: the ones that take other paths in
// the decoder (empty = sniff and detect; multi-byte, stateful and UTF-16/32
// converters; one ICU does not know).
constexpr std::string_view kLabels[] = {
    "",          "utf-8",     "UTF-8",   "iso-8859-1", "windows-1252", "shift_jis", "euc-jp",
    "gb18030",   "big5",      "euc-kr",  "koi8-r",     "utf-16",       "utf-16le",  "utf-32be",
    "iso-2022-jp", "utf-7",   "cesu-8",  "scsu",       "bocu-1",       "x-no-such-charset", "hz-gb-2312",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static dpk::CharsetDecoder decoder;
  static std::string out, used;
  if (size == 0) return 0;
  const std::string_view label = kLabels[data[0] % std::size(kLabels)];
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  decoder.to_utf8(bytes, label, out, used);
  FUZZ_CHECK(simdjson::validate_utf8(out.data(), out.size()));
  FUZZ_CHECK(!used.empty());
  for (char c : used) FUZZ_CHECK(c > ' ' && c <= '~');  // a label, safe to write anywhere
  const std::string meta = dpk::sniff_meta_charset(bytes);
  for (char c : meta) FUZZ_CHECK(!(c >= 'A' && c <= 'Z'));
  return 0;
}
