// Fuzz target: a WARC file (plain, gzip or zstd: detected by magic bytes, as
// for a real input) through the WARC document source, i.e. WarcReader,
// parse_http_response (chunking, gzip bodies), CharsetDecoder and the JSON
// line writer. Every line it yields must be one JSON object that dpk's own
// parser accepts, and the stream must end.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "dpk/byte_stream.h"
#include "dpk/document.h"
#include "dpk/document_parser.h"
#include "fuzz_check.h"
#include "warc/warc_document_source.h"

namespace {

// The input goes through a memory file so that open_input() reads it exactly
// as it reads a file on disk (codec detection included).
int memory_file() {
  static const int fd = memfd_create("dpk-fuzz-warc", 0);
  return fd;
}

bool write_all(int fd, const uint8_t* data, size_t size) {
  if (ftruncate(fd, 0) != 0) return false;
  size_t done = 0;
  while (done < size) {
    const ssize_t n = pwrite(fd, data + done, size - done, static_cast<off_t>(done));
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static dpk::DocumentParser parser;
  static const dpk::Schema schema;
  static dpk::Document doc;
  static std::string pending, padded, error;
  const int fd = memory_file();
  FUZZ_CHECK(fd >= 0);
  FUZZ_CHECK(write_all(fd, data, size));
  auto raw = dpk::open_input("/proc/self/fd/" + std::to_string(fd));
  FUZZ_CHECK(raw.ok());
  dpk::WarcSourceOptions options;
  options.types = {"response", "resource", "conversion", "request", "metadata"};
  options.max_body = (size & 1) ? 0 : 1 << 12;  // both with and without the size limit
  auto source = dpk::make_warc_document_source(std::move(*raw), "fuzz.warc", options);

  pending.clear();
  char buf[4096];
  while (true) {
    auto n = source->read(buf, sizeof buf);
    if (!n.ok() || *n == 0) break;  // an I/O error ends a file; it must not crash it
    pending.append(buf, *n);
  }
  // Each line: one JSON object with a text field (the warc step reads it).
  size_t at = 0;
  while (at < pending.size()) {
    size_t nl = pending.find('\n', at);
    FUZZ_CHECK(nl != std::string::npos);  // every line is complete
    const std::string_view line(pending.data() + at, nl - at);
    padded.assign(line);
    padded.append(dpk::DocumentParser::kPadding, ' ');
    const bool ok = parser.parse(std::string_view(padded.data(), line.size()), padded.size(), schema, doc, error);
    if (!ok) std::fprintf(stderr, "bad line: %s\n%.*s\n", error.c_str(), static_cast<int>(line.size()), line.data());
    FUZZ_CHECK(ok);
    at = nl + 1;
  }
  return 0;
}
