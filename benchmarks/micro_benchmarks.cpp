// Micro-benchmarks of dpk's hot paths on real JSONL lines:
//   parse      DocumentParser on each line (simdjson On-Demand, text decoded)
//   splice     serialize after adding fields (original bytes + spliced fields)
//   rewrite    serialize after replacing the text (re-encodes one field)
//   zstd       BlockCompressor on 1 MiB blocks of JSONL
//
// Input: $DPK_BENCH_INPUT (plain, .gz or .zst; e.g. the full real web pages),
// else the 200 pages of testdata/web/pages.jsonl.zst, else synthetic lines.
// The input used is printed first. Run:
//   cmake --build build --target dpk_benchmarks && build/benchmarks/dpk_benchmarks
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "dpk/byte_stream.h"
#include "dpk/compression.h"
#include "dpk/document.h"
#include "dpk/document_parser.h"

namespace {

struct Corpus {
  std::string buffer;                   // all lines, each followed by '\n', then padding
  std::vector<std::string_view> lines;  // views into buffer
  size_t bytes = 0;                     // sum of line sizes (without newlines)
  bool synthetic = false;               // no input file was readable
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus c;
    std::string path;
    if (const char* env = std::getenv("DPK_BENCH_INPUT")) path = env;
    else path = std::string(DPK_TESTDATA_DIR) + "/web/pages.jsonl.zst";
    if (auto text = dpk::read_whole_input(path); text.ok()) {
      std::string_view rest = *text;
      while (!rest.empty()) {
        const size_t nl = rest.find('\n');
        const std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        if (!line.empty()) c.buffer.append(line).push_back('\n');
      }
    }
    if (c.buffer.empty()) {
      std::fprintf(stderr, "dpk_benchmarks: %s not readable, using synthetic lines\n", path.c_str());
      c.synthetic = true;
      for (int i = 0; i < 2000; ++i) {
        std::string text;
        for (int w = 0; w < 400; ++w) text += "word" + std::to_string((i * 31 + w) % 997) + " ";
        c.buffer += "{\"id\":\"doc-" + std::to_string(i) + "\",\"text\":\"" + text +
                    "\\nline two \\u00e9\",\"source\":\"synthetic\"}\n";
      }
    }
    const size_t n = c.buffer.size();
    c.buffer.append(dpk::DocumentParser::kPadding, ' ');
    size_t pos = 0;
    while (pos < n) {
      size_t nl = c.buffer.find('\n', pos);
      c.lines.emplace_back(c.buffer.data() + pos, nl - pos);
      c.bytes += nl - pos;
      pos = nl + 1;
    }
    std::fprintf(stderr, "dpk_benchmarks: %zu lines, %zu bytes of %s\n", c.lines.size(), c.bytes,
                 c.synthetic ? "synthetic JSONL" : path.c_str());
    return c;
  }();
  return c;
}

size_t readable(const Corpus& c, std::string_view line) {
  return static_cast<size_t>(c.buffer.data() + c.buffer.size() - line.data());
}

void BM_Parse(benchmark::State& state) {
  const Corpus& c = corpus();
  dpk::DocumentParser parser;
  dpk::Schema schema;
  dpk::Document doc;
  std::string err;
  for (auto _ : state) {
    for (auto line : c.lines) {
      if (!parser.parse(line, readable(c, line), schema, doc, err)) state.SkipWithError(err.c_str());
      benchmark::DoNotOptimize(doc.text().data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.lines.size()));
}
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond);

// Parsed once; the timed part is editing and serializing.
struct ParsedCorpus {
  std::vector<dpk::Document> docs;
  dpk::Schema schema;
};

const ParsedCorpus& parsed() {
  static const ParsedCorpus p = [] {
    ParsedCorpus p;
    const Corpus& c = corpus();
    dpk::DocumentParser parser;
    std::string err;
    p.docs.resize(c.lines.size());
    for (size_t i = 0; i < c.lines.size(); ++i) {
      if (!parser.parse(c.lines[i], readable(c, c.lines[i]), p.schema, p.docs[i], err)) {
        std::fprintf(stderr, "dpk_benchmarks: line %zu: %s\n", i + 1, err.c_str());
        std::exit(1);
      }
    }
    return p;
  }();
  return p;
}

void BM_SerializeSplice(benchmark::State& state) {
  const Corpus& c = corpus();
  std::vector<dpk::Document> docs = parsed().docs;  // copies keep their spans into the corpus
  std::string out;
  out.reserve(c.bytes / c.lines.size() * 4);
  for (auto _ : state) {
    for (auto& d : docs) {
      d.set_string("lang", "en");
      d.set_number("lang_score", 0.93);
      d.set_int("dpk_len", static_cast<int64_t>(d.text().size()));
      out.clear();
      d.serialize(out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.lines.size()));
}
BENCHMARK(BM_SerializeSplice)->Unit(benchmark::kMillisecond);

void BM_SerializeNewText(benchmark::State& state) {
  const Corpus& c = corpus();
  std::vector<dpk::Document> docs = parsed().docs;
  std::vector<std::string> texts;
  for (const auto& d : docs) texts.emplace_back(std::string(d.text()) + " ");
  std::string out;
  for (auto _ : state) {
    for (size_t i = 0; i < docs.size(); ++i) {
      docs[i].set_text(texts[i]);
      out.clear();
      docs[i].serialize(out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.lines.size()));
}
BENCHMARK(BM_SerializeNewText)->Unit(benchmark::kMillisecond);

void BM_BlockCompressZstd(benchmark::State& state) {
  const Corpus& c = corpus();
  const size_t block = 1 << 20;
  std::string data(c.buffer.data(), c.buffer.size() - dpk::DocumentParser::kPadding);
  while (data.size() < 4 * block) data += data;
  dpk::BlockCompressor z(dpk::Codec::kZstd, static_cast<int>(state.range(0)));
  std::string frame;
  size_t in_bytes = 0, out_bytes = 0;
  for (auto _ : state) {
    for (size_t off = 0; off + block <= data.size(); off += block) {
      frame.clear();
      auto s = z.compress(std::string_view(data).substr(off, block), frame);
      if (!s.ok()) state.SkipWithError(s.message().c_str());
      in_bytes += block;
      out_bytes += frame.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(in_bytes));
  state.counters["ratio"] = out_bytes ? static_cast<double>(in_bytes) / static_cast<double>(out_bytes) : 0;
}
BENCHMARK(BM_BlockCompressZstd)->Arg(1)->Arg(3)->Unit(benchmark::kMillisecond);

void BM_BlockCompressGzip(benchmark::State& state) {
  const Corpus& c = corpus();
  const size_t block = 1 << 20;
  std::string data(c.buffer.data(), c.buffer.size() - dpk::DocumentParser::kPadding);
  while (data.size() < 2 * block) data += data;
  dpk::BlockCompressor z(dpk::Codec::kGzip, 6);
  std::string frame;
  size_t in_bytes = 0;
  for (auto _ : state) {
    for (size_t off = 0; off + block <= data.size(); off += block) {
      frame.clear();
      auto s = z.compress(std::string_view(data).substr(off, block), frame);
      if (!s.ok()) state.SkipWithError(s.message().c_str());
      in_bytes += block;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(in_bytes));
}
BENCHMARK(BM_BlockCompressGzip)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
