// Fuzz target: one JSONL line through DocumentParser, then the edits steps
// make (add, replace, remove, rename a field, set the text) and a reparse of
// the serialized result, which must succeed and give back the same text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "dpk/document.h"
#include "dpk/document_parser.h"
#include "fuzz_check.h"

namespace {

struct State {
  dpk::DocumentParser parser;
  dpk::Schema schema;
  dpk::Document doc, again;
  std::string padded, out, error, value;
};

// The line must lie in a buffer with kPadding readable bytes after it.
std::string_view pad(std::string& buf, std::string_view line) {
  buf.assign(line);
  buf.append(dpk::DocumentParser::kPadding, ' ');
  return std::string_view(buf.data(), line.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static State s;
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  if (line.find('\n') != std::string_view::npos) return 0;  // one line, as the block reader gives it
  std::string_view view = pad(s.padded, line);
  if (!s.parser.parse(view, s.padded.size(), s.schema, s.doc, s.error)) {
    FUZZ_CHECK(!s.error.empty());
    return 0;
  }
  // Every field a parsed document lists can be read back.
  s.doc.for_each_field([&](std::string_view key, std::string_view raw) {
    FUZZ_CHECK(!raw.empty());
    s.doc.get_string(key, s.value);
    (void)s.doc.get_number(key);
  });
  s.out.clear();
  s.doc.serialize(s.out);
  FUZZ_CHECK(s.out == line);  // an unedited document is written byte for byte

  const std::string text(s.doc.text());
  s.doc.set_string("lang", "en\"\\\x01");
  s.doc.set_number("score", 0.25);
  s.doc.set_int("n", -3);
  s.doc.set_bool("ok", true);
  s.doc.remove("meta");
  s.doc.rename("url", "source_url");
  s.doc.set_text(text + "\xe2\x80\x94");
  s.out.clear();
  s.doc.serialize(s.out);
  std::string buf2;
  std::string_view view2 = pad(buf2, s.out);
  const bool reparsed = s.parser.parse(view2, buf2.size(), s.schema, s.again, s.error);
  if (!reparsed) std::fprintf(stderr, "reparse failed: %s\n%s\n", s.error.c_str(), s.out.c_str());
  FUZZ_CHECK(reparsed);
  FUZZ_CHECK(s.again.text() == text + "\xe2\x80\x94");
  FUZZ_CHECK(s.again.get_string("lang", s.value) && s.value == "en\"\\\x01");
  FUZZ_CHECK(!s.again.has_field("meta"));
  return 0;
}
