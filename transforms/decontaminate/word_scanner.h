// word_scanner.h — cuts a text into the words datatrove's n-gram
// decontamination compares, each tied to the bytes of the original text it
// came from.
//
// The text is simplified as datatrove's simplify_text does with its default
// settings: lowercase; every run of decimal digits, with at most one decimal
// separator inside, becomes "0"; punctuation (datatrove's list) and
// whitespace separate words; combining marks are dropped after canonical
// decomposition (so "café" and "cafe" are one word). The words are then
// split where spaCy's English tokenizer splits such simplified text: a
// symbol left in a word (•, €, ©, ...) is a word of its own, a unit after a
// number is cut off ("0kg" -> "0" "kg"), and contractions written without
// the apostrophe are split as spaCy's exceptions split them ("dont" -> "do"
// "nt", "cannot" -> "can" "not").
//
// One scanner per thread; buffers are reused, so scanning allocates only
// while they grow.
//
//   dpk::decontaminate::WordScanner s;
//   s.scan("Don't pay $3.50!");   // words: "don" "t" "pay" "0"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dpk::decontaminate {

struct Word {
  uint32_t begin, end;            // in normalized()
  uint32_t text_begin, text_end;  // bytes of the scanned text it came from
};

class WordScanner {
 public:
  void scan(std::string_view text);
  const std::vector<Word>& words() const { return words_; }
  std::string_view word(size_t i) const { return std::string_view(norm_).substr(words_[i].begin, words_[i].end - words_[i].begin); }

 private:
  void open_word(uint32_t at);
  void close_word(uint32_t text_end);
  void append(char32_t cp);
  size_t scan_number(std::string_view text, size_t i);

  std::string norm_;
  std::vector<Word> words_;
  bool in_word_ = false;
  uint32_t word_norm_begin_ = 0, word_text_begin_ = 0;
};

}  // namespace dpk::decontaminate
