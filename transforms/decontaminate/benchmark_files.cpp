#include "benchmark_files.h"

#include <cctype>

#include "dpk/byte_stream.h"
#include "dpk/document.h"
#include "dpk/document_parser.h"

namespace dpk::decontaminate {
namespace {

bool is_jsonl_name(std::string_view path) {
  for (std::string_view z : {".gz", ".zst", ".bz2", ".xz"}) {
    if (path.ends_with(z)) path.remove_suffix(z.size());
  }
  return path.ends_with(".jsonl") || path.ends_with(".json");
}

}  // namespace

StatusOr<BenchmarkSource> parse_benchmark(const std::string& spec) {
  const size_t eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
    return Status::Usage("--benchmark: expected NAME=PATH[:FIELD], got '" + spec + "'");
  }
  BenchmarkSource s;
  s.name = spec.substr(0, eq);
  s.path = spec.substr(eq + 1);
  for (char c : s.name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) {
      return Status::Usage("--benchmark: name '" + s.name + "' may hold only letters, digits, '_', '-' and '.'");
    }
  }
  const size_t colon = s.path.rfind(':');
  if (colon != std::string::npos && s.path.find('/', colon) == std::string::npos) {
    s.field = s.path.substr(colon + 1);
    s.path.resize(colon);
    if (s.field.empty()) return Status::Usage("--benchmark " + spec + ": empty FIELD after ':'");
  }
  if (s.field.empty() && is_jsonl_name(s.path)) s.field = "text";
  if (!s.field.empty() && !is_jsonl_name(s.path)) {
    return Status::Usage("--benchmark " + spec + ": a FIELD needs a JSONL file (.jsonl or .json)");
  }
  return s;
}

StatusOr<LoadedBenchmarks> load_benchmarks(const std::vector<BenchmarkSource>& sources, int n) {
  if (sources.size() > 65535) return Status::Usage("--benchmark: at most 65535 benchmarks");
  NgramIndexBuilder builder(n);
  LoadedBenchmarks out;
  DocumentParser parser;
  std::string padded, error;
  Document doc;
  for (size_t b = 0; b < sources.size(); ++b) {
    const BenchmarkSource& src = sources[b];
    for (size_t k = 0; k < b; ++k) {
      if (sources[k].name == src.name) return Status::Usage("--benchmark: name '" + src.name + "' given twice");
    }
    auto data = read_whole_input(src.path);
    if (!data.ok()) return Status::Usage("--benchmark " + src.name + ": " + data.status().message());
    out.names.push_back(src.name);
    out.texts.push_back(0);
    Schema schema;
    schema.text_key = src.field;
    std::string_view rest = *data;
    uint64_t line_no = 0;
    while (!rest.empty()) {
      const size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      if (src.field.empty()) {
        builder.add_text(static_cast<uint16_t>(b), line);
      } else {
        padded.assign(line);
        padded.append(DocumentParser::kPadding, ' ');
        if (!parser.parse(std::string_view(padded.data(), line.size()), padded.size(), schema, doc, error)) {
          return Status::Usage("--benchmark " + src.name + ": " + src.path + ":" + std::to_string(line_no) + ": " +
                               error);
        }
        builder.add_text(static_cast<uint16_t>(b), doc.text());
      }
      ++out.texts.back();
    }
  }
  out.index = std::move(builder).build();
  return out;
}

}  // namespace dpk::decontaminate
