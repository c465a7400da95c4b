// text_segmenter.h — finds the units a document is chunked by: sentences
// (ICU sentence breaks), paragraphs (blank lines), markdown sections (ATX
// headings, outside fenced code) and whitespace-separated words; and snaps
// byte offsets to grapheme cluster boundaries.
//
// Spans are byte offsets into the text given, trimmed of white space, never
// empty. ICU iterators are made once per segmenter (one per thread).
//
//   dpk::TextSegmenter seg;
//   std::vector<dpk::TextSpan> s;
//   seg.sentences("One. Two.", 0, 9, s);   // {0,4} {5,9}
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/utext.h>
#include <unicode/uversion.h>

#include "dpk/status.h"

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace dpk {

struct TextSpan {
  uint32_t begin;
  uint32_t end;
};

struct MarkdownSection {
  TextSpan span;
  // Heading path, outermost first, as [first, first + count) of the
  // segmenter's heading_texts().
  uint32_t first_heading;
  uint32_t heading_count;
};

class TextSegmenter {
 public:
  TextSegmenter();
  ~TextSegmenter();
  TextSegmenter(const TextSegmenter&) = delete;
  TextSegmenter& operator=(const TextSegmenter&) = delete;
  Status status() const { return status_; }

  // Points the grapheme and sentence iterators at `text` (kept by reference).
  void set_text(std::string_view text);

  // Appends the spans of the units inside [begin, end) of the current text.
  void sentences(uint32_t begin, uint32_t end, std::vector<TextSpan>& out);
  void paragraphs(uint32_t begin, uint32_t end, std::vector<TextSpan>& out);
  void words(uint32_t begin, uint32_t end, std::vector<TextSpan>& out);
  // Replaces `out` by the sections of the whole text; heading texts are kept
  // in heading_texts() until the next call.
  void markdown_sections(std::vector<MarkdownSection>& out);
  const std::vector<std::string>& heading_texts() const { return headings_; }

  // Pieces of at most max_chars code points, cut at grapheme boundaries (a
  // grapheme longer than that stays whole).
  void graphemes(uint32_t begin, uint32_t end, uint32_t max_chars, std::vector<TextSpan>& out);

  // The nearest grapheme boundary at or before / at or after `pos`.
  uint32_t boundary_at_or_before(uint32_t pos);
  uint32_t boundary_at_or_after(uint32_t pos);

  // [begin, end) without leading and trailing white space.
  TextSpan trim(uint32_t begin, uint32_t end) const;

 private:
  void push_trimmed(uint32_t begin, uint32_t end, std::vector<TextSpan>& out) const;

  Status status_;
  std::string_view text_;
  std::unique_ptr<icu::BreakIterator> sentence_;
  std::unique_ptr<icu::BreakIterator> grapheme_;
  UText* utext_ = nullptr;
  std::vector<std::string> headings_;
  std::vector<std::pair<int, uint32_t>> stack_;  // (level, index in headings_)
};

// Code points in text[0, pos), computed incrementally from the last query.
class CodePointOffsets {
 public:
  void reset(std::string_view text) {
    text_ = text;
    byte_ = 0;
    cp_ = 0;
  }
  uint64_t at(uint32_t pos);

 private:
  std::string_view text_;
  uint32_t byte_ = 0;
  uint64_t cp_ = 0;
};

}  // namespace dpk
