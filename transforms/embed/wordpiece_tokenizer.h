// wordpiece_tokenizer.h — BERT's WordPiece tokenizer, giving the same token
// ids as the model's Hugging Face tokenizer (tokenizer.json: BertNormalizer,
// BertPreTokenizer, WordPiece, [CLS] ... [SEP]).
//
// Normalization (as BertNormalizer): drop NUL, U+FFFD and control/format
// characters, map whitespace to ' ', put spaces around CJK ideographs, strip
// accents (NFD, then drop nonspacing marks), lowercase. Pre-tokenization:
// split on whitespace, and every punctuation character is a word by itself.
// WordPiece: greedy longest match from the left, "##" on continuation
// pieces; a word with no full cover (or over 100 characters) is [UNK].
// Special tokens written literally in the text ("[SEP]") are matched first,
// as the Hugging Face fast tokenizer does.
//
//   auto tok = dpk::WordPieceTokenizer::load("/path/to/model");
//   std::vector<int32_t> ids;
//   tok->encode("Hello, world!", 256, ids);   // [101, 7592, 1010, 2088, 999, 102]
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dpk/status.h"

namespace dpk {

struct WordPieceVocab;  // shared, read-only after load

// A pre-tokenized word: its bytes [begin, end) in the original text and how
// many WordPiece tokens it became.
struct WordSpan {
  uint32_t begin;
  uint32_t end;
  uint32_t pieces;
};

class WordPieceTokenizer {
 public:
  // Reads vocab.txt and the normalizer settings (tokenizer.json, else
  // tokenizer_config.json) from a Hugging Face model folder.
  static StatusOr<WordPieceTokenizer> load(const std::string& model_dir);

  // Replaces `ids` by [CLS] tokens... [SEP], keeping at most max_len ids in
  // all (0 = no limit), as truncation in the Hugging Face tokenizer does.
  void encode(std::string_view text, size_t max_len, std::vector<int32_t>& ids);
  // Appends the tokens of `text`, without special tokens or truncation.
  void tokenize(std::string_view text, std::vector<int32_t>& ids);
  // Replaces `words` by the words of `text` (without special tokens).
  void words(std::string_view text, std::vector<WordSpan>& words);
  // Number of tokens of `text`, without [CLS]/[SEP].
  size_t count(std::string_view text);

  int32_t cls_id() const;
  int32_t sep_id() const;
  int32_t pad_id() const;
  int32_t unk_id() const;
  size_t vocab_size() const;

 private:
  // One normalized code point and the original bytes it came from.
  struct NormChar {
    char32_t cp;
    uint32_t begin;
    uint32_t end;
  };
  void normalize(std::string_view text, uint32_t base);
  void emit_word(size_t from, size_t to);
  void run(std::string_view text);

  std::shared_ptr<const WordPieceVocab> vocab_;
  // Scratch, reused across calls (one instance per thread).
  std::vector<NormChar> norm_;
  std::u16string u16_;
  std::u16string nfd_;
  std::string word_;
  std::string piece_;
  std::vector<uint32_t> cp_ends_;  // byte end of each code point of word_
  std::vector<int32_t>* out_ids_ = nullptr;
  std::vector<WordSpan>* out_words_ = nullptr;
  size_t count_ = 0;
};

}  // namespace dpk
