// Driver for scripts/asan-ingest.sh (not part of the build).
// ASan/UBSan driver: extraction over every evaluation page (JSONL with html),
// WARC reading over every shared WARC file.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <simdjson.h>

#include "content_extractor.h"
#include "dpk/warc_reader.h"
#include "charset_decoder.h"

int main(int argc, char** argv) {
  dpk::ContentExtractor x({});
  dpk::ExtractOptions mo; mo.format = dpk::TextFormat::kMarkdown; mo.comments = true;
  dpk::ContentExtractor xm(mo);
  simdjson::dom::parser parser;
  std::ifstream in(argv[1]);
  std::string line;
  size_t pages = 0, chars = 0;
  while (std::getline(in, line)) {
    simdjson::dom::element doc = parser.parse(line);
    std::string_view html = doc["html"].get_string();
    chars += x.extract(html).text.size();
    chars += xm.extract(html).text.size();
    ++pages;
  }
  std::printf("pages %zu chars %zu\n", pages, chars);
  dpk::CharsetDecoder dec;
  for (int i = 2; i < argc; ++i) {
    auto src = dpk::open_input(argv[i]);
    dpk::WarcReader r(std::move(*src));
    dpk::WarcRecord rec; std::string problem; dpk::HttpResponse http; std::string out, used;
    size_t n = 0;
    while (true) {
      auto more = r.next(rec, problem);
      if (!more.ok() || !*more) break;
      if (dpk::parse_http_response(rec.block, http)) { dec.to_utf8(http.body, http.charset, out, used); chars += x.extract(out).text.size(); }
      ++n;
    }
    std::printf("%s: %zu records %s\n", argv[i], n, problem.c_str());
  }
}
