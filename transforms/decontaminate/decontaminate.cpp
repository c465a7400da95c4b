// decontaminate — finds benchmark n-grams in training text; drops the
// document, cuts the matches out, or annotates it.
#include <algorithm>
#include <map>
#include <memory>

#include "benchmark_files.h"
#include "benchmark_options.h"
#include "dpk/json_text.h"
#include "dpk/transform.h"
#include "index_stage.h"
#include "ngram_index.h"
#include "word_scanner.h"

namespace dpk {
namespace {

using decontaminate::LoadedBenchmarks;
using decontaminate::WordScanner;

enum class Mode { kDrop, kRemove, kAnnotate };

struct Config {
  int n = 13;
  Mode mode = Mode::kDrop;
  uint64_t margin = 200, min_piece = 200, max_pieces = 10;
  std::shared_ptr<const LoadedBenchmarks> benchmarks;
  std::vector<std::string> reasons;  // "contaminated:NAME", by benchmark number
};

// Moves `at` back (or forward) by up to `chars` code points within `s`.
size_t back_chars(std::string_view s, size_t at, uint64_t chars) {
  while (at > 0 && chars > 0) {
    --at;
    while (at > 0 && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
    --chars;
  }
  return at;
}
size_t forward_chars(std::string_view s, size_t at, uint64_t chars) {
  while (at < s.size() && chars > 0) {
    ++at;
    while (at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) ++at;
    --chars;
  }
  return at;
}
uint64_t code_points(std::string_view s) {
  uint64_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}
std::string_view trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") + 1 - b);
}

class DecontaminateTransform final : public DocumentTransform {
 public:
  explicit DecontaminateTransform(const Config& cfg) : cfg_(cfg), counts_(cfg.reasons.size()) {}

  void apply(Document& doc) override {
    const decontaminate::NgramIndex& index = cfg_.benchmarks->index;
    scanner_.scan(doc.text());
    first_ = -1;
    first_word_ = 0;
    std::fill(counts_.begin(), counts_.end(), 0);
    spans_.clear();
    const bool stop_at_first = cfg_.mode == Mode::kDrop;
    bool stop = false;
    decontaminate::for_each_ngram(scanner_, cfg_.n, [&](uint64_t h, size_t first) {
      if (stop) return;
      const int b = index.find(h);
      if (b < 0) return;
      if (first_ < 0) {
        first_ = b;
        first_word_ = first;
      }
      ++counts_[static_cast<size_t>(b)];
      if (cfg_.mode == Mode::kRemove) {
        const auto& w = scanner_.words();
        spans_.emplace_back(w[first].text_begin, w[first + static_cast<size_t>(cfg_.n) - 1].text_end);
      }
      stop = stop_at_first;
    });
    if (first_ < 0) return;
    if (cfg_.mode == Mode::kDrop) {
      doc.set_string("dpk_contaminated_benchmark", cfg_.benchmarks->names[static_cast<size_t>(first_)]);
      doc.set_string("dpk_contaminated_ngram", matched_ngram());
      doc.drop(cfg_.reasons[static_cast<size_t>(first_)]);
      return;
    }
    doc.set_raw("dpk_contamination", counts_json());
    if (cfg_.mode == Mode::kRemove) remove_spans(doc);
  }

 private:
  std::string matched_ngram() const {
    std::string s;
    for (int i = 0; i < cfg_.n; ++i) {
      if (i) s += ' ';
      s += scanner_.word(first_word_ + static_cast<size_t>(i));
    }
    return s;
  }

  std::string counts_json() const {
    std::string j = "{";
    for (size_t b = 0; b < counts_.size(); ++b) {
      if (!counts_[b]) continue;
      if (j.size() > 1) j += ',';
      append_json_string(j, cfg_.benchmarks->names[b]);
      j += ':';
      append_json_int(j, static_cast<int64_t>(counts_[b]));
    }
    return j + "}";
  }

  // GPT-3's rule: each match widened by --margin characters either side is
  // cut out; the text splits at the cuts; pieces under --min-piece-chars
  // are dropped; more than --max-pieces pieces drop the whole document.
  void remove_spans(Document& doc) {
    const std::string_view text = doc.text();
    merged_.clear();
    for (auto [b, e] : spans_) {
      const size_t lo = back_chars(text, b, cfg_.margin), hi = forward_chars(text, e, cfg_.margin);
      if (!merged_.empty() && lo <= merged_.back().second) {
        merged_.back().second = std::max(merged_.back().second, hi);
      } else {
        merged_.emplace_back(lo, hi);
      }
    }
    if (merged_.size() + 1 > cfg_.max_pieces) {
      doc.drop(cfg_.reasons[static_cast<size_t>(first_)]);
      return;
    }
    out_.clear();
    size_t at = 0;
    auto keep = [&](std::string_view piece) {
      piece = trim(piece);
      if (piece.empty() || code_points(piece) < cfg_.min_piece) return;
      if (!out_.empty()) out_ += "\n\n";
      out_ += piece;
    };
    for (auto [lo, hi] : merged_) {
      keep(text.substr(at, lo - at));
      at = hi;
    }
    keep(text.substr(at));
    if (out_.empty()) {
      doc.drop(cfg_.reasons[static_cast<size_t>(first_)]);
      return;
    }
    doc.set_text(out_);
  }

  Config cfg_;
  WordScanner scanner_;
  int first_ = -1;
  size_t first_word_ = 0;
  std::vector<uint64_t> counts_;
  std::vector<std::pair<size_t, size_t>> spans_, merged_;
  std::string out_;
};

StatusOr<ConfiguredStep> configure(const OptionValues& v, const StepContext&) {
  Config cfg;
  cfg.n = static_cast<int>(v.get_int("ngram"));
  const std::string mode = v.get_string("mode");
  cfg.mode = mode == "remove" ? Mode::kRemove : mode == "annotate" ? Mode::kAnnotate : Mode::kDrop;
  cfg.margin = static_cast<uint64_t>(v.get_int("margin"));
  cfg.min_piece = static_cast<uint64_t>(v.get_int("min-piece-chars"));
  cfg.max_pieces = static_cast<uint64_t>(v.get_int("max-pieces"));
  std::vector<decontaminate::BenchmarkSource> sources;
  auto loaded = decontaminate::load_from_options(v, sources);
  if (!loaded.ok()) return loaded.status();
  auto shared = std::make_shared<LoadedBenchmarks>(std::move(*loaded));
  std::string explain = std::to_string(cfg.n) + "-grams of";
  ConfiguredStep c;
  for (size_t b = 0; b < shared->names.size(); ++b) {
    cfg.reasons.push_back("contaminated:" + shared->names[b]);
    explain += (b ? ", " : " ") + shared->names[b] + " (" + std::to_string(shared->texts[b]) + " texts)";
    if (b < sources.size()) c.model_files.push_back(sources[b].path);
  }
  explain += ": " + std::to_string(shared->index.size()) + " distinct in " +
             std::to_string((shared->index.bytes() + 1023) / 1024) + " KiB, " + mode;
  if (!sources.size()) c.model_files.push_back(decontaminate::index_path(v.get_string("work")));
  cfg.benchmarks = shared;
  c.make = [cfg]() { return std::make_unique<DecontaminateTransform>(cfg); };
  c.explain = explain;
  return c;
}

}  // namespace

const TransformSpec& dpk_transform_decontaminate() {
  static const TransformSpec spec{
      "decontaminate",
      TransformKind::kFilter,
      "Find benchmark text in training documents by word n-grams; drop, cut out or annotate.",
      "Each --benchmark NAME=PATH[:FIELD] is read once at start (or the index stage reads them once and "
      "saves their n-grams in its --work DIR, which runs given the same --work load): a JSONL file (.jsonl or .json, "
      "plain or compressed) gives one text per line from FIELD (default text); any other file "
      "gives one text per non-blank line. Every run of --ngram consecutive words of a text is "
      "kept as a 64-bit hash (10 bytes per distinct n-gram in memory).\n\n"
      "Words are found as datatrove's n-gram decontamination finds them: the text is lowercased, "
      "each number (digits with at most one decimal separator inside) becomes 0, punctuation "
      "and whitespace separate words, combining marks are dropped after canonical decomposition, "
      "and the words are split further where spaCy's English tokenizer splits such text (a "
      "symbol stands alone, a unit after a number is cut off, a contraction written without its "
      "apostrophe splits as spaCy splits it). A document whose words hold any n-gram of a "
      "benchmark is contaminated by it; a document with fewer words than --ngram never is.\n\n"
      "--mode drop (default) drops it with reason contaminated:NAME (the first benchmark found, "
      "in the order given) and records the benchmark and the first matching n-gram in the "
      "dropped document. --mode remove cuts every match out with --margin characters either "
      "side, splits the text at the cuts, keeps the pieces of at least --min-piece-chars "
      "characters (joined by a blank line), and drops the document when no piece is left or "
      "when it would be split into more than --max-pieces pieces. --mode annotate keeps every "
      "document and adds the matches per benchmark.",
      {
          decontaminate::benchmark_option(),
          {"work", OptionType::kString, "", "The work directory of the index stage: use the index saved there instead of --benchmark.", {}, 0, "DIR"},
          decontaminate::ngram_option(),
          {"mode", OptionType::kChoice, "drop", "What to do with a contaminated document.", "drop|remove|annotate"},
          {"margin", OptionType::kInt, "200", "With --mode remove: characters cut either side of a match.", {}, 0, "N", 0},
          {"min-piece-chars", OptionType::kInt, "200", "With --mode remove: shortest piece kept, in characters.", {}, 0, "N", 0},
          {"max-pieces", OptionType::kInt, "10", "With --mode remove: a document split into more pieces is dropped.", {}, 0, "N", 1},
      },
      {{"dpk_contaminated_benchmark", "--mode drop: the benchmark found (in dropped documents)"},
       {"dpk_contaminated_ngram", "--mode drop: the first matching n-gram, as words joined by spaces"},
       {"dpk_contamination", "--mode remove or annotate: matching n-grams per benchmark, e.g. {\"mmlu\":3}"},
       {"text", "--mode remove: the text without the matches"}},
      {"dpk-decontaminate --benchmark mmlu=bench/mmlu.jsonl:question -o clean/ corpus/",
       "dpk-decontaminate --benchmark gsm8k=gsm8k.txt --mode remove --keep-dropped contaminated.jsonl in.jsonl > out.jsonl",
       "dpk-decontaminate --benchmark a=a.jsonl --benchmark b=b.jsonl --mode annotate < in.jsonl > out.jsonl",
       "dpk-decontaminate index --work bench/ --benchmark mmlu=mmlu.jsonl:question && dpk-decontaminate --work bench/ -o clean/ corpus/"},
      "-",
      configure,
      {decontaminate::index_stage()},
  };
  return spec;
}

}  // namespace dpk
