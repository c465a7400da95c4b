// text_segmenter.cpp — see text_segmenter.h.
#include "text_segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

namespace dpk {
namespace {

bool is_space_at(std::string_view t, uint32_t i, uint32_t& len) {
  const auto* s = reinterpret_cast<const uint8_t*>(t.data());
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(s, j, static_cast<int32_t>(t.size()), c);
  len = static_cast<uint32_t>(j) - i;
  return c >= 0 && u_isUWhiteSpace(c);
}

// Code point ending just before `i`, and its byte length.
bool is_space_before(std::string_view t, uint32_t i, uint32_t& len) {
  const auto* s = reinterpret_cast<const uint8_t*>(t.data());
  int32_t j = static_cast<int32_t>(i);
  UChar32 c;
  U8_PREV(s, 0, j, c);
  len = i - static_cast<uint32_t>(j);
  return c >= 0 && u_isUWhiteSpace(c);
}

bool blank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// Leading spaces (at most 3 count for markdown block syntax).
size_t indent(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

}  // namespace

TextSegmenter::TextSegmenter() {
  UErrorCode err = U_ZERO_ERROR;
  sentence_.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), err));
  grapheme_.reset(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), err));
  if (U_FAILURE(err)) status_ = Status::Data(std::string("ICU break iterators: ") + u_errorName(err));
}

TextSegmenter::~TextSegmenter() {
  if (utext_ != nullptr) utext_close(utext_);
}

void TextSegmenter::set_text(std::string_view text) {
  text_ = text;
  UErrorCode err = U_ZERO_ERROR;
  utext_ = utext_openUTF8(utext_, text.data(), static_cast<int64_t>(text.size()), &err);
  if (U_FAILURE(err)) return;
  sentence_->setText(utext_, err);
  grapheme_->setText(utext_, err);
}

TextSpan TextSegmenter::trim(uint32_t begin, uint32_t end) const {
  uint32_t len;
  while (begin < end && is_space_at(text_, begin, len)) begin += len;
  while (end > begin && is_space_before(text_, end, len)) end -= len;
  return {begin, end};
}

void TextSegmenter::push_trimmed(uint32_t begin, uint32_t end, std::vector<TextSpan>& out) const {
  TextSpan s = trim(begin, end);
  if (s.begin < s.end) out.push_back(s);
}

void TextSegmenter::sentences(uint32_t begin, uint32_t end, std::vector<TextSpan>& out) {
  uint32_t prev = begin;
  int32_t b = sentence_->following(static_cast<int32_t>(begin));
  while (b != icu::BreakIterator::DONE && static_cast<uint32_t>(b) < end) {
    push_trimmed(prev, static_cast<uint32_t>(b), out);
    prev = static_cast<uint32_t>(b);
    b = sentence_->next();
  }
  push_trimmed(prev, end, out);
}

void TextSegmenter::paragraphs(uint32_t begin, uint32_t end, std::vector<TextSpan>& out) {
  uint32_t para = begin;
  uint32_t pos = begin;
  while (pos < end) {
    size_t nl = text_.find('\n', pos);
    uint32_t line_end = nl == std::string_view::npos || nl >= end ? end : static_cast<uint32_t>(nl);
    if (blank(text_.substr(pos, line_end - pos))) {
      push_trimmed(para, pos, out);
      para = line_end;
    }
    pos = line_end + 1;
  }
  push_trimmed(para, end, out);
}

void TextSegmenter::words(uint32_t begin, uint32_t end, std::vector<TextSpan>& out) {
  uint32_t pos = begin;
  uint32_t word = begin;
  uint32_t len;
  while (pos < end) {
    if (is_space_at(text_, pos, len)) {
      if (word < pos) out.push_back({word, pos});
      pos += len;
      word = pos;
    } else {
      pos += len;
    }
  }
  if (word < end) out.push_back({word, end});
}

void TextSegmenter::graphemes(uint32_t begin, uint32_t end, uint32_t max_chars, std::vector<TextSpan>& out) {
  uint32_t piece = begin;
  uint32_t chars = 0;
  int32_t b = grapheme_->following(static_cast<int32_t>(begin));
  uint32_t last = begin;
  while (b != icu::BreakIterator::DONE && static_cast<uint32_t>(b) <= end) {
    uint32_t cps = 0;
    for (uint32_t i = last; i < static_cast<uint32_t>(b); ++i) cps += (static_cast<uint8_t>(text_[i]) & 0xC0) != 0x80;
    if (chars > 0 && chars + cps > max_chars) {
      out.push_back({piece, last});
      piece = last;
      chars = 0;
    }
    chars += cps;
    last = static_cast<uint32_t>(b);
    if (last == end) break;
    b = grapheme_->next();
  }
  if (piece < end) out.push_back({piece, end});
}

uint32_t TextSegmenter::boundary_at_or_before(uint32_t pos) {
  if (pos == 0 || pos >= text_.size()) return pos;
  if (grapheme_->isBoundary(static_cast<int32_t>(pos))) return pos;
  return static_cast<uint32_t>(grapheme_->preceding(static_cast<int32_t>(pos)));
}

uint32_t TextSegmenter::boundary_at_or_after(uint32_t pos) {
  if (pos == 0 || pos >= text_.size()) return pos;
  if (grapheme_->isBoundary(static_cast<int32_t>(pos))) return pos;
  return static_cast<uint32_t>(grapheme_->following(static_cast<int32_t>(pos)));
}

void TextSegmenter::markdown_sections(std::vector<MarkdownSection>& out) {
  out.clear();
  headings_.clear();
  stack_.clear();
  const auto n = static_cast<uint32_t>(text_.size());
  uint32_t section = 0;
  uint32_t first = 0, count = 0;
  std::string fence;  // the open code fence ("```" or "~~~"), empty outside one
  auto close = [&](uint32_t at) {
    TextSpan s = trim(section, at);
    if (s.begin < s.end) out.push_back({s, first, count});
  };
  uint32_t pos = 0;
  while (pos < n) {
    size_t nl = text_.find('\n', pos);
    uint32_t line_end = nl == std::string_view::npos ? n : static_cast<uint32_t>(nl);
    std::string_view line = text_.substr(pos, line_end - pos);
    size_t ind = indent(line);
    std::string_view body = ind <= 3 ? line.substr(ind) : std::string_view();
    if (!fence.empty()) {
      if (body.starts_with(fence)) fence.clear();
    } else if (body.starts_with("```") || body.starts_with("~~~")) {
      fence.assign(body.substr(0, 3));
    } else if (body.starts_with('#')) {
      size_t level = 0;
      while (level < body.size() && body[level] == '#') ++level;
      if (level <= 6 && (level == body.size() || body[level] == ' ' || body[level] == '\t')) {
        std::string_view title = body.substr(level);
        while (!title.empty() && (title.back() == ' ' || title.back() == '\t' || title.back() == '\r')) title.remove_suffix(1);
        while (!title.empty() && title.back() == '#') title.remove_suffix(1);  // closing #s
        while (!title.empty() && (title.front() == ' ' || title.front() == '\t')) title.remove_prefix(1);
        while (!title.empty() && (title.back() == ' ' || title.back() == '\t')) title.remove_suffix(1);
        // The section before this heading ends here; a section holding only
        // its heading line is not worth a chunk (its title stays in the path).
        TextSpan s = trim(section, pos);
        bool only_heading = count > 0 && s.begin < s.end && text_.find('\n', s.begin) >= s.end;
        if (!only_heading) close(pos);
        while (!stack_.empty() && stack_.back().first >= static_cast<int>(level)) stack_.pop_back();
        headings_.emplace_back(title);
        stack_.emplace_back(static_cast<int>(level), static_cast<uint32_t>(headings_.size() - 1));
        // The path is stored contiguously: copy it to the end of headings_.
        first = static_cast<uint32_t>(headings_.size());
        for (const auto& [lvl, idx] : stack_) headings_.push_back(headings_[idx]);
        count = static_cast<uint32_t>(stack_.size());
        section = pos;
      }
    }
    pos = line_end + 1;
  }
  close(n);
}

uint64_t CodePointOffsets::at(uint32_t pos) {
  auto lead = [&](uint32_t i) { return (static_cast<uint8_t>(text_[i]) & 0xC0) != 0x80; };
  while (byte_ < pos) cp_ += lead(byte_++);
  while (byte_ > pos) cp_ -= lead(--byte_);
  return cp_;
}

}  // namespace dpk
