// text_measure.h — the lengths `select` bounds: code points and words.
#pragma once

#include <cstdint>
#include <string_view>

namespace dpk::select {

// Unicode code points of valid UTF-8 text (the parser has checked it):
// every byte that is not a continuation byte starts one.
uint64_t count_code_points(std::string_view text);

// Maximal runs of non-space characters. Spaces are ASCII whitespace
// (space, \t, \n, \v, \f, \r) and the other Unicode White_Space characters:
// U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F,
// U+3000.
uint64_t count_words(std::string_view text);

}  // namespace dpk::select
