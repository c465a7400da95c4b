// extract_bench — main-content extraction alone, on pages already in
// memory, the way the Python peers are timed in-process: the pages of a
// JSONL file ({"id", "html"}) are read first (not timed), then every page is
// extracted REPEAT times in a loop on one thread.
//   extract_bench PAGES.jsonl [REPEAT [per-page]]
//   -> "dpk-in-memory PAGES_EXTRACTED CPU_SECONDS OUTPUT_BYTES"
// With "per-page", also one line per page: its line number and its CPU
// seconds over the REPEAT passes (to find the pages that cost most).
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "content_extractor.h"
#include "dpk/byte_stream.h"
#include "dpk/document_parser.h"

namespace {

double thread_cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: extract_bench PAGES.jsonl [REPEAT]\n");
    return 2;
  }
  const int repeat = argc > 2 ? std::atoi(argv[2]) : 1;
  const bool per_page = argc > 3 && std::string_view(argv[3]) == "per-page";
  auto text = dpk::read_whole_input(argv[1]);
  if (!text.ok()) {
    std::fprintf(stderr, "extract_bench: cannot read %s\n", argv[1]);
    return 3;
  }
  dpk::DocumentParser parser;
  dpk::Schema schema;
  schema.text_required = false;
  dpk::Document doc;
  std::string err, line;
  std::vector<std::string> pages;
  std::string_view rest = *text;
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    line.assign(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (line.empty()) continue;
    const size_t len = line.size();
    line.append(dpk::DocumentParser::kPadding, ' ');
    if (!parser.parse(std::string_view(line.data(), len), line.size(), schema, doc, err)) {
      std::fprintf(stderr, "extract_bench: %s: line %zu: %s\n", argv[1], pages.size() + 1, err.c_str());
      return 1;
    }
    if (!doc.get_string("html", pages.emplace_back())) pages.pop_back();
  }
  dpk::ContentExtractor extractor({});
  size_t out_bytes = 0;
  const double t0 = thread_cpu_seconds();
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& p : pages) out_bytes += extractor.extract(p).text.size();
  }
  const double dt = thread_cpu_seconds() - t0;
  if (per_page) {
    for (size_t i = 0; i < pages.size(); ++i) {
      const double p0 = thread_cpu_seconds();
      for (int r = 0; r < repeat; ++r) out_bytes += extractor.extract(pages[i]).text.size();
      std::printf("page %zu %.6f\n", i + 1, thread_cpu_seconds() - p0);
    }
  }
  std::printf("dpk-in-memory %zu %.4f %zu\n", pages.size() * static_cast<size_t>(repeat), dt, out_bytes);
  return 0;
}
