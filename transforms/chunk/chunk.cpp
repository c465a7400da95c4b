// chunk — splits documents into chunks for retrieval: by sentences,
// paragraphs, markdown sections or fixed token windows.
#include <optional>

#include "../embed/bert_config.h"
#include "../embed/model_locator.h"
#include "../embed/wordpiece_tokenizer.h"
#include "chunk_packer.h"
#include "dpk/json_text.h"
#include "dpk/transform.h"
#include "text_segmenter.h"

namespace dpk {
namespace {

enum class Strategy { kSentences, kParagraphs, kMarkdown, kTokens };

struct ChunkConfig {
  Strategy strategy;
  PackLimit limit;
};

// Coarse units are refined until they fit the limit: section -> paragraphs
// -> sentences -> words -> grapheme pieces.
enum Level { kSection = 0, kParagraph = 1, kSentence = 2, kWord = 3 };

// Token work on a long span goes window by window, each window cut at an
// ASCII white space byte, so the tokenizer's scratch (several bytes per code
// point) follows the window, not the document. White space separates words,
// so the words and counts are the same as in one go.
constexpr uint32_t kTokenWindow = 1u << 16;

template <typename Fn>
void for_each_token_window(std::string_view text, TextSpan s, Fn&& fn) {
  const std::string_view upto = text.substr(0, s.end);
  uint32_t a = s.begin;
  while (a < s.end) {
    uint32_t b = s.end;
    if (s.end - a > kTokenWindow) {
      const size_t cut = upto.find_first_of(" \t\n\r", a + kTokenWindow);
      if (cut != std::string_view::npos) b = static_cast<uint32_t>(cut);
    }
    fn(TextSpan{a, b});
    a = b;
  }
}

class ChunkTransform final : public SplitTransform {
 public:
  ChunkTransform(ChunkConfig cfg, std::optional<WordPieceTokenizer> tok)
      : cfg_(cfg), tok_(std::move(tok)), packer_(cfg.limit) {}

  // Units are found in text order and packed as they come; each chunk is
  // written as soon as it is complete. Nothing here holds more than the
  // chunk being filled, besides offsets of a level's units.
  void split(const Document& parent, std::vector<Document>& out) override {
    const std::string_view text = parent.text();
    seg_.set_text(text);
    cps_.reset(text);
    packer_.reset();
    tokens_before_ = 0;
    parent_ = &parent;
    out_ = &out;
    chunks_ = 0;
    id_base_.assign(parent.has_id() ? parent.id() : std::to_string(parent.ordinal));
    const auto n = static_cast<uint32_t>(text.size());
    sections_.clear();
    switch (cfg_.strategy) {
      case Strategy::kSentences:
        add(TextSpan{0, n}, 0, kParagraph, text);  // a whole text refines into sentences
        break;
      case Strategy::kParagraphs:
        add(TextSpan{0, n}, 0, kSection, text);
        break;
      case Strategy::kMarkdown:
        seg_.markdown_sections(sections_);
        for (uint32_t i = 0; i < sections_.size(); ++i) add(sections_[i].span, i, kSection, text, /*whole=*/true);
        break;
      case Strategy::kTokens:
        add_token_words(TextSpan{0, n}, 0, text);
        break;
    }
    packer_.finish(done_);
    write_done(text);
    parent_ = nullptr;
    out_ = nullptr;
  }

 private:
  bool tokens_mode() const { return cfg_.limit.mode == PackLimit::kTokens; }

  // Appends the chunks the packer completed to the output.
  void write_done(std::string_view text) {
    for (const PackedChunk& p : done_) {
      const uint32_t begin = seg_.boundary_at_or_before(p.first.begin);
      const uint32_t end = seg_.boundary_at_or_after(p.last.end);
      Document& c = out_->emplace_back();
      c.assign_with_text(*parent_, text.substr(begin, end - begin));
      id_.assign(id_base_).append("#").append(std::to_string(chunks_));
      c.set_id(id_);
      c.set_string("parent_id", id_base_);
      c.set_int("chunk_index", chunks_);
      c.set_int("start", begin);
      c.set_int("end", end);
      c.set_int("char_start", static_cast<int64_t>(cps_.at(begin)));
      c.set_int("char_end", static_cast<int64_t>(cps_.at(end)));
      if (cfg_.strategy == Strategy::kMarkdown) {
        const MarkdownSection& s = sections_[p.first.group];
        json_.assign("[");
        for (uint32_t h = 0; h < s.heading_count; ++h) {
          if (h > 0) json_.push_back(',');
          append_json_string(json_, seg_.heading_texts()[s.first_heading + h]);
        }
        json_.push_back(']');
        c.set_raw("headings", json_);
      }
      ++chunks_;
    }
    done_.clear();
  }

  // Packs the next unit; writes the chunk it completes, if any. Callers
  // have finished with the segmenter's iterators (write_done moves them).
  void push(TextSpan s, uint32_t group, uint32_t tokens, std::string_view text) {
    packer_.add({s.begin, s.end, cps_.at(s.begin), cps_.at(s.end), tokens_before_, tokens_before_ + tokens, group},
                done_);
    tokens_before_ += tokens;
    if (!done_.empty()) write_done(text);
  }

  void add_token_words(TextSpan s, uint32_t group, std::string_view text) {
    for_each_token_window(text, s, [&](TextSpan w) {
      tok_->words(text.substr(w.begin, w.end - w.begin), words_);
      for (const WordSpan& x : words_) push({w.begin + x.begin, w.begin + x.end}, group, x.pieces, text);
    });
  }

  uint64_t count_tokens(TextSpan s, std::string_view text) {
    uint64_t n = 0;
    for_each_token_window(text, s, [&](TextSpan w) { n += tok_->count(text.substr(w.begin, w.end - w.begin)); });
    return n;
  }

  // Adds `s` as one unit when it fits, else its finer units. `whole` is
  // false for a span that must not be kept whole (a strategy's top level
  // is always split at least once).
  void add(TextSpan s, uint32_t group, Level level, std::string_view text, bool whole = false) {
    s = seg_.trim(s.begin, s.end);
    if (s.begin >= s.end) return;
    if (whole) {
      uint64_t tokens = 0;
      uint64_t size;
      if (tokens_mode()) {
        tokens = count_tokens(s, text);
        size = tokens;
      } else {
        size = cps_.at(s.end) - cps_.at(s.begin);
      }
      if (size <= cfg_.limit.max) {
        push(s, group, static_cast<uint32_t>(tokens), text);
        return;
      }
    }
    std::vector<TextSpan>& parts = scratch_[level];
    parts.clear();
    switch (level) {
      case kSection:
        seg_.paragraphs(s.begin, s.end, parts);
        break;
      case kParagraph:
        seg_.sentences(s.begin, s.end, parts);
        break;
      case kSentence:
        if (tokens_mode()) {
          add_token_words(s, group, text);
          return;
        }
        seg_.words(s.begin, s.end, parts);
        break;
      case kWord:
        seg_.graphemes(s.begin, s.end, static_cast<uint32_t>(cfg_.limit.max), parts);
        for (const TextSpan& p : parts) push(p, group, 0, text);
        return;
    }
    // Copy: deeper levels reuse their own scratch, but a child may refine
    // into this same level's vector on a later call.
    for (size_t i = 0; i < parts.size(); ++i) {
      const TextSpan p = scratch_[level][i];
      add(p, group, static_cast<Level>(level + 1), text, /*whole=*/true);
    }
  }

  ChunkConfig cfg_;
  std::optional<WordPieceTokenizer> tok_;
  TextSegmenter seg_;
  CodePointOffsets cps_;
  ChunkPacker packer_;
  std::vector<PackedChunk> done_;
  const Document* parent_ = nullptr;
  std::vector<Document>* out_ = nullptr;
  int64_t chunks_ = 0;
  std::vector<MarkdownSection> sections_;
  std::vector<TextSpan> scratch_[4];
  std::vector<WordSpan> words_;
  uint64_t tokens_before_ = 0;
  std::string id_base_, id_, json_;
};

}  // namespace

const TransformSpec& dpk_transform_chunk() {
  static const TransformSpec spec{
      "chunk",
      TransformKind::kSplitter,
      "Split documents into chunks for retrieval (sentences, paragraphs, markdown sections, token windows).",
      "Each chunk is a copy of its document (every other field kept) whose text is a part of the "
      "document's text, with id PARENT#INDEX. Strategies:\n\n"
      "sentences: ICU sentence breaks, packed into chunks of at most --chunk-chars code points (or "
      "--chunk-tokens tokens of the embedding model).\n\n"
      "paragraphs: paragraphs (separated by blank lines), packed the same way.\n\n"
      "markdown: one chunk per section (a section starts at an ATX heading, '#' to '######', outside "
      "fenced code); a long section is split like paragraphs; `headings` holds the heading path.\n\n"
      "tokens: windows of --chunk-tokens WordPiece tokens of the embedding model (default: the model's "
      "maximum sequence length less [CLS] and [SEP]), cut between words.\n\n"
      "A unit larger than the limit is split into smaller units (paragraphs, sentences, words, then "
      "grapheme clusters). --overlap repeats the trailing units of a chunk, up to that many chars or "
      "tokens, at the start of the next. Chunks never split a UTF-8 sequence or a grapheme cluster. "
      "A document with no non-blank text gives no chunk and is dropped as empty_after_split.",
      {
          {"strategy", OptionType::kChoice, "sentences", "How to split.", "sentences|paragraphs|markdown|tokens"},
          renamed("max-chars", {"chunk-chars", OptionType::kInt, "1000", "Largest chunk in code points (when --chunk-tokens is 0).", {}, 0, "N", 1}),
          renamed("max-tokens", {"chunk-tokens", OptionType::kInt, "0",
           "Largest chunk in tokens of the embedding model (0: use --chunk-chars; strategy tokens: the model's limit).",
           {}, 0, "N", 0}),
          {"overlap", OptionType::kInt, "0", "Chars (or tokens) of a chunk's end repeated at the next's start.", {}, 0, "N", 0},
          renamed("model", {"model-dir", OptionType::kString, "", "Embedding model folder, for token counts (default: as dpk-embed finds it).", {}, 0, "DIR"}),
      },
      {{"id", "PARENT_ID#INDEX"},
       {"parent_id", "the id of the document the chunk came from (its 0-based input position when it had none)"},
       {"chunk_index", "0-based position of the chunk in its document"},
       {"start", "byte offset of the chunk's text in the parent's text (UTF-8)"},
       {"end", "byte offset one past the chunk's end"},
       {"char_start", "the same start in code points"},
       {"char_end", "the same end in code points"},
       {"headings", "markdown: the heading path of the chunk's section, outermost first"}},
      {"dpk-chunk --chunk-chars 800 --overlap 100 docs.jsonl > chunks.jsonl",
       "dpk-chunk --strategy markdown --chunk-tokens 256 -o out/ docs/",
       "dpk-chunk --strategy tokens --chunk-tokens 128 --overlap 16 docs.jsonl"},
      "-",
      [](const OptionValues& v, const StepContext&) -> StatusOr<ConfiguredStep> {
        ChunkConfig cfg;
        const std::string s = v.get_string("strategy");
        cfg.strategy = s == "paragraphs" ? Strategy::kParagraphs
                       : s == "markdown" ? Strategy::kMarkdown
                       : s == "tokens"   ? Strategy::kTokens
                                         : Strategy::kSentences;
        const int64_t max_chars = v.get_int("chunk-chars");
        int64_t max_tokens = v.get_int("chunk-tokens");
        const int64_t overlap = v.get_int("overlap");
        const bool tokens = max_tokens > 0 || cfg.strategy == Strategy::kTokens;
        std::optional<WordPieceTokenizer> tok;
        if (tokens) {
          auto dir = locate_embedding_model(v.get_string("model-dir"));
          if (!dir.ok()) return dir.status();
          auto t = WordPieceTokenizer::load(*dir);
          if (!t.ok()) return t.status();
          tok = std::move(t.value());
          if (max_tokens == 0) {
            auto bc = read_bert_config(*dir);
            if (!bc.ok()) return bc.status();
            max_tokens = bc->max_seq_length - 2;
          }
        }
        cfg.limit.mode = tokens ? PackLimit::kTokens : PackLimit::kChars;
        cfg.limit.max = static_cast<uint64_t>(tokens ? max_tokens : max_chars);
        cfg.limit.overlap = static_cast<uint64_t>(overlap);
        if (cfg.limit.overlap >= cfg.limit.max) return Status::Usage("--overlap must be smaller than the chunk size");
        ConfiguredStep c;
        c.make = [cfg, tok]() { return std::make_unique<ChunkTransform>(cfg, tok); };
        c.explain = s + ", at most " + std::to_string(cfg.limit.max) + (tokens ? " tokens" : " chars") +
                    (overlap > 0 ? ", overlap " + std::to_string(overlap) : "");
        return c;
      },
  };
  return spec;
}

}  // namespace dpk
