#include "dpk/text_normalizer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace dpk {

bool TextNormalizer::parse_folds(std::string_view list) {
  bool l = false, w = false, p = false;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (item == "lower") l = true;
    else if (item == "whitespace") w = true;
    else if (item == "punctuation") p = true;
    else if (item != "none" && !item.empty()) return false;
  }
  lower = l;
  whitespace = w;
  punctuation = p;
  return true;
}

namespace {

bool is_punctuation(UChar32 c) {
  constexpr uint32_t kMask = U_GC_PC_MASK | U_GC_PD_MASK | U_GC_PS_MASK | U_GC_PE_MASK | U_GC_PI_MASK |
                             U_GC_PF_MASK | U_GC_PO_MASK;
  return (U_GET_GC_MASK(c) & kMask) != 0;
}

void append_utf8(std::string& out, UChar32 c) {
  // Folded code points are valid scalar values, so the unsafe append is safe.
  char tmp[4];
  int32_t n = 0;
  U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(tmp), n, c);
  out.append(tmp, static_cast<size_t>(n));
}

}  // namespace

std::string_view TextNormalizer::normalize(std::string_view text) {
  if (!any()) return text;
  buf_.clear();
  bool pending_space = false;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    if (s[i] < 0x80) {
      c = s[i++];
    } else {
      U8_NEXT(s, i, n, c);
      if (c < 0) {  // invalid byte(s): keep them as they are
        if (pending_space && !buf_.empty()) buf_.push_back(' ');
        pending_space = false;
        buf_.append(text.data() + start, static_cast<size_t>(i - start));
        continue;
      }
    }
    if (whitespace && (c < 0x80 ? (c == ' ' || (c >= '\t' && c <= '\r')) : u_isUWhiteSpace(c))) {
      pending_space = true;
      continue;
    }
    if (punctuation && is_punctuation(c)) continue;
    if (pending_space && !buf_.empty()) buf_.push_back(' ');
    pending_space = false;
    if (lower) {
      if (c < 0x80) {
        buf_.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      } else {
        append_utf8(buf_, u_foldCase(c, U_FOLD_CASE_DEFAULT));
      }
    } else if (c < 0x80) {
      buf_.push_back(static_cast<char>(c));
    } else {
      buf_.append(text.data() + start, static_cast<size_t>(i - start));
    }
  }
  return buf_;
}

}  // namespace dpk
