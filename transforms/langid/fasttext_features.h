// fasttext_features.h — turns a line of text into the input rows of a
// fastText model, as fasttext::Dictionary::getLine does, without its
// per-token strings and hash-map lookups.
//
// libfasttext tokenizes through an std::istream, builds a std::string per
// token and per character n-gram, and maps every n-gram bucket of a
// quantized (pruned) model through an std::unordered_map: most of the time
// of a prediction. This does the same computation on string_views, with
// incremental FNV-1a hashes, an open-addressing word table and a dense
// bucket -> row array; the rows it yields are identical (a test compares
// them with getLine's on real text), and libfasttext's predict() takes them.
//
//   FastTextFeatures f(model);            // once per model
//   std::vector<int32_t> rows;
//   f.rows("some text\n", rows, scratch);  // then ft.predict(k, rows, ...)
//
// Words outside the vocabulary need their character n-grams hashed, most of
// the work; a caller that keeps a FastTextWordRows (one per thread) hashes
// each such word once and then copies its rows (and finds a vocabulary
// word's rows there too, with one lookup).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fasttext {
class Dictionary;
class FastText;
}

namespace dpk {

// Rows of words (in a model's vocabulary or not), by word, for one thread.
// Bounded, and small enough to stay in cache (a rare word costs less to
// hash again than to fetch from memory): emptied when it holds kMaxWords
// words, kMaxRows rows or kMaxBytes word bytes.
class FastTextWordRows {
 public:
  static constexpr size_t kMaxWords = size_t{1} << 13;
  static constexpr size_t kMaxRows = size_t{1} << 17;
  static constexpr size_t kMaxBytes = size_t{1} << 17;
  // The rows of `word` (FNV-1a hash `h`), or nullptr when not held.
  const int32_t* find(std::string_view word, uint32_t h, uint32_t& n_rows) const;
  void add(std::string_view word, uint32_t h, const int32_t* rows, uint32_t n_rows);

 private:
  struct Entry {
    uint32_t word_begin, word_size, rows_begin, n_rows;
  };
  void clear();
  std::vector<Entry> entries_;
  // Open addressing: the word's hash (high half) and its entry + 1 (low
  // half, 0 = empty), so most probes touch nothing but this table.
  std::vector<uint64_t> slots_;
  std::string words_;
  std::vector<int32_t> rows_;
};

class FastTextFeatures {
 public:
  explicit FastTextFeatures(const fasttext::FastText& model);

  // Input rows of the first line of `text` (up to and including its first
  // '\n', which stands for the end-of-sentence token). `scratch` is the
  // caller's reusable buffer.
  void rows(std::string_view text, std::vector<int32_t>& out, std::vector<int32_t>& word_hashes,
            std::string& scratch) const {
    rows(text, out, word_hashes, scratch, nullptr);
  }
  // The same, taking and keeping words' rows in `cache`.
  void rows(std::string_view text, std::vector<int32_t>& out, std::vector<int32_t>& word_hashes,
            std::string& scratch, FastTextWordRows* cache) const;

 private:
  int32_t find_word(std::string_view token, uint32_t h) const;
  void push_bucket(std::vector<int32_t>& out, int32_t bucket_id) const;
  void add_char_ngrams(std::string_view bow_word_eow, std::vector<int32_t>& out) const;

  int32_t nwords_ = 0;
  int32_t minn_ = 0, maxn_ = 0, bucket_ = 0, word_ngrams_ = 1;
  // h % bucket_ without a division (Lemire's fastmod): ~0 / bucket_ + 1.
  uint64_t bucket_inverse_ = 0;
  int64_t pruned_size_ = -1;          // -1: not pruned; else rows kept
  std::vector<int32_t> bucket_row_;   // pruned models: bucket -> row, -1 = cut
  // One bit per bucket, set when the pruned model kept it: 256 KB that stay
  // in cache, so most cut n-grams never touch the 8 MB bucket_row_.
  std::vector<uint64_t> bucket_kept_;
  // Words and labels, in dictionary order: text in one arena.
  std::string arena_;
  std::vector<uint32_t> word_begin_;  // size + 1 offsets into arena_
  std::vector<uint32_t> word_hash_;
  std::vector<int32_t> slots_;        // open addressing, -1 = empty
  uint32_t slot_mask_ = 0;
  // Each in-vocabulary word's rows (its own and its n-grams') are the
  // dictionary's, precomputed at load (Dictionary::getSubwords).
  std::shared_ptr<const fasttext::Dictionary> dict_;
};

// libfasttext's own rows for `line` (Dictionary::getLine through a stream):
// the reference the tests hold FastTextFeatures to. Not for the hot path.
void fasttext_getline_rows(const fasttext::FastText& model, const std::string& line, std::vector<int32_t>& out);

}  // namespace dpk
