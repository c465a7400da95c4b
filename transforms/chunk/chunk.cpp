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

class ChunkTransform final : public SplitTransform {
 public:
  ChunkTransform(ChunkConfig cfg, std::optional<WordPieceTokenizer> tok) : cfg_(cfg), tok_(std::move(tok)) {}

  void split(const Document& parent, std::vector<Document>& out) override {
    const std::string_view text = parent.text();
    seg_.set_text(text);
    cps_.reset(text);
    units_.clear();
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
    pack_units(units_, cfg_.limit, packed_);
    id_base_.assign(parent.has_id() ? parent.id() : std::to_string(parent.ordinal));
    for (uint32_t k = 0; k < packed_.size(); ++k) {
      const PackUnit& a = units_[packed_[k].first_unit];
      const PackUnit& b = units_[packed_[k].last_unit];
      const uint32_t begin = seg_.boundary_at_or_before(a.begin);
      const uint32_t end = seg_.boundary_at_or_after(b.end);
      Document& c = out.emplace_back(parent);
      c.set_text(text.substr(begin, end - begin));
      id_.assign(id_base_).append("#").append(std::to_string(k));
      c.set_id(id_);
      c.set_string("parent_id", id_base_);
      c.set_int("chunk_index", k);
      c.set_int("start", begin);
      c.set_int("end", end);
      c.set_int("char_start", static_cast<int64_t>(cps_.at(begin)));
      c.set_int("char_end", static_cast<int64_t>(cps_.at(end)));
      if (cfg_.strategy == Strategy::kMarkdown) {
        const MarkdownSection& s = sections_[a.group];
        json_.assign("[");
        for (uint32_t h = 0; h < s.heading_count; ++h) {
          if (h > 0) json_.push_back(',');
          append_json_string(json_, seg_.heading_texts()[s.first_heading + h]);
        }
        json_.push_back(']');
        c.set_raw("headings", json_);
      }
    }
  }

 private:
  bool tokens_mode() const { return cfg_.limit.mode == PackLimit::kTokens; }

  void push(TextSpan s, uint32_t group, uint32_t tokens) {
    units_.push_back({s.begin, s.end, cps_.at(s.begin), cps_.at(s.end), tokens, group});
  }

  void add_token_words(TextSpan s, uint32_t group, std::string_view text) {
    tok_->words(text.substr(s.begin, s.end - s.begin), words_);
    for (const WordSpan& w : words_) push({s.begin + w.begin, s.begin + w.end}, group, w.pieces);
  }

  // Adds `s` as one unit when it fits, else its finer units. `whole` is
  // false for a span that must not be kept whole (a strategy's top level
  // is always split at least once).
  void add(TextSpan s, uint32_t group, Level level, std::string_view text, bool whole = false) {
    s = seg_.trim(s.begin, s.end);
    if (s.begin >= s.end) return;
    uint32_t tokens = 0;
    uint64_t size;
    if (tokens_mode()) {
      tokens = static_cast<uint32_t>(tok_->count(text.substr(s.begin, s.end - s.begin)));
      size = tokens;
    } else {
      size = cps_.at(s.end) - cps_.at(s.begin);
    }
    if (whole && size <= cfg_.limit.max) {
      push(s, group, tokens);
      return;
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
        for (const TextSpan& p : parts) push(p, group, 0);
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
  std::vector<PackUnit> units_;
  std::vector<PackedChunk> packed_;
  std::vector<MarkdownSection> sections_;
  std::vector<TextSpan> scratch_[4];
  std::vector<WordSpan> words_;
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
      "sentences: ICU sentence breaks, packed into chunks of at most --max-chars code points (or "
      "--max-tokens tokens of the embedding model).\n\n"
      "paragraphs: paragraphs (separated by blank lines), packed the same way.\n\n"
      "markdown: one chunk per section (a section starts at an ATX heading, '#' to '######', outside "
      "fenced code); a long section is split like paragraphs; `headings` holds the heading path.\n\n"
      "tokens: windows of --max-tokens WordPiece tokens of the embedding model (default: the model's "
      "maximum sequence length less [CLS] and [SEP]), cut between words.\n\n"
      "A unit larger than the limit is split into smaller units (paragraphs, sentences, words, then "
      "grapheme clusters). --overlap repeats the trailing units of a chunk, up to that many chars or "
      "tokens, at the start of the next. Chunks never split a UTF-8 sequence or a grapheme cluster. "
      "A document with no non-blank text gives no chunk and is dropped as empty_after_split.",
      {
          {"strategy", OptionType::kChoice, "sentences", "How to split.", "sentences|paragraphs|markdown|tokens"},
          {"max-chars", OptionType::kInt, "1000", "Largest chunk in code points (when --max-tokens is 0).", {}, 0, "N"},
          {"max-tokens", OptionType::kInt, "0",
           "Largest chunk in tokens of the embedding model (0: use --max-chars; strategy tokens: the model's limit).",
           {}, 0, "N"},
          {"overlap", OptionType::kInt, "0", "Chars (or tokens) of a chunk's end repeated at the next's start.", {}, 0, "N"},
          {"model", OptionType::kString, "", "Embedding model folder, for token counts (default: as dpk-embed finds it).", {}, 0, "DIR"},
      },
      {{"id", "PARENT_ID#INDEX"},
       {"parent_id", "the id of the document the chunk came from (its 0-based input position when it had none)"},
       {"chunk_index", "0-based position of the chunk in its document"},
       {"start", "byte offset of the chunk's text in the parent's text (UTF-8)"},
       {"end", "byte offset one past the chunk's end"},
       {"char_start", "the same start in code points"},
       {"char_end", "the same end in code points"},
       {"headings", "markdown: the heading path of the chunk's section, outermost first"}},
      {"dpk-chunk --max-chars 800 --overlap 100 docs.jsonl > chunks.jsonl",
       "dpk-chunk --strategy markdown --max-tokens 256 -o out/ docs/",
       "dpk-chunk --strategy tokens --max-tokens 128 --overlap 16 docs.jsonl"},
      "-",
      [](const OptionValues& v, const StepContext&) -> StatusOr<ConfiguredStep> {
        ChunkConfig cfg;
        const std::string s = v.get_string("strategy");
        cfg.strategy = s == "paragraphs" ? Strategy::kParagraphs
                       : s == "markdown" ? Strategy::kMarkdown
                       : s == "tokens"   ? Strategy::kTokens
                                         : Strategy::kSentences;
        const int64_t max_chars = v.get_int("max-chars");
        int64_t max_tokens = v.get_int("max-tokens");
        const int64_t overlap = v.get_int("overlap");
        if (max_chars <= 0) return Status::Usage("--max-chars must be positive");
        if (max_tokens < 0) return Status::Usage("--max-tokens must not be negative");
        if (overlap < 0) return Status::Usage("--overlap must not be negative");
        const bool tokens = max_tokens > 0 || cfg.strategy == Strategy::kTokens;
        std::optional<WordPieceTokenizer> tok;
        if (tokens) {
          auto dir = locate_embedding_model(v.get_string("model"));
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
