// signature_bench — MinHash work alone, the part the Python peers are timed
// on: shingles are made first (not timed), then each document's shingles are
// hashed (XXH3) and turned into a 112-value signature on one core. Two
// layouts of the given shingles:
//  - one string per shingle (as the peers get a list of bytes objects);
//  - views into the document's words joined by spaces (the layout the
//    Shingler hands to the hasher in a real run: shingles overlap in memory).
//   signature_bench FILE.jsonl   -> "dpk-xxh3-hashing-only DOCS_PER_CPU_SECOND"
//                                   "dpk-xxh3-hashing-only-views DOCS_PER_CPU_SECOND"
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "dpk/byte_stream.h"
#include "dpk/document_parser.h"
#include "minhash_signature.h"

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  auto text = dpk::read_whole_input(argv[1]);
  if (!text.ok()) return 3;
  dpk::MinHashConfig cfg;
  dpk::Shingler shingler(cfg.shingle, cfg.ngram);
  dpk::DocumentParser parser;
  dpk::Schema schema;
  dpk::Document doc;
  std::string err, line;
  std::vector<std::vector<std::string>> docs;
  std::vector<std::string> joined;  // per document: its words joined by spaces
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> spans;  // its shingles in `joined`
  std::string_view rest = *text;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    line.assign(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    const size_t len = line.size();
    line.append(dpk::DocumentParser::kPadding, ' ');
    if (!parser.parse(std::string_view(line.data(), len), line.size(), schema, doc, err)) return 1;
    auto& sh = docs.emplace_back();
    shingler.shingle(doc.text(), [&](std::string_view s) { sh.emplace_back(s); });
    const auto words = shingler.last_words();
    auto& sp = spans.emplace_back();
    auto& buf = joined.emplace_back();
    if (words.empty()) continue;
    const char* base = words.front().data();
    buf.assign(base, static_cast<size_t>(words.back().data() + words.back().size() - base));
    const size_t k = static_cast<size_t>(cfg.ngram), n = words.size();
    auto add = [&](size_t first, size_t last) {
      sp.emplace_back(static_cast<uint32_t>(words[first].data() - base),
                      static_cast<uint32_t>(words[last].data() + words[last].size() - words[first].data()));
    };
    if (n < k) add(0, n - 1);
    for (size_t i = 0; i + k <= n; ++i) add(i, i + k - 1);
    if (sp.size() != sh.size()) return 1;  // the two layouts must hold the same shingles
  }
  // Views made once, after every string is in place, like the peers' lists.
  std::vector<std::vector<std::string_view>> views(docs.size());
  for (size_t d = 0; d < docs.size(); ++d) views[d].assign(docs[d].begin(), docs[d].end());
  dpk::MinHasher hasher(cfg);
  std::vector<uint32_t> sig(static_cast<size_t>(cfg.num_perm));
  uint64_t sink = 0;
  double best = 1e9;
  for (int round = 0; round < 3; ++round) {
    const std::clock_t t0 = std::clock();
    for (const auto& tokens : views) {
      hasher.signature_of_tokens(tokens, sig.data());
      sink += sig[0];
    }
    best = std::min(best, static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC);
  }
  std::printf("dpk-xxh3-hashing-only %.1f\n", static_cast<double>(docs.size()) / best);
  std::vector<std::vector<std::string_view>> in_place(docs.size());
  for (size_t d = 0; d < docs.size(); ++d) {
    for (auto [off, len] : spans[d]) in_place[d].emplace_back(joined[d].data() + off, len);
    if (!in_place[d].empty() && in_place[d].back() != views[d].back()) return 1;
  }
  best = 1e9;
  for (int round = 0; round < 3; ++round) {
    const std::clock_t t0 = std::clock();
    for (const auto& tokens : in_place) {
      hasher.signature_of_tokens(tokens, sig.data());
      sink += sig[0];
    }
    best = std::min(best, static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC);
  }
  std::printf("dpk-xxh3-hashing-only-views %.1f\n", static_cast<double>(docs.size()) / best);
  return sink == 42 ? 1 : 0;
}
