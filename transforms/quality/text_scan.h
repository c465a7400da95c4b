// text_scan.h — the character classes and line splits the quality presets
// are defined over, with the exact semantics of the Python reference
// implementations (str.isspace, str.splitlines, str.strip), on UTF-8.
//
//   std::vector<std::string_view> lines;
//   dpk::quality::split_lines(text, lines);       // like str.splitlines()
//   auto s = dpk::quality::strip(lines[0]);       // like str.strip()
#pragma once

#include <unicode/umachine.h>

#include <cstddef>
#include <string_view>
#include <vector>

namespace dpk::quality {

// Python's str.isspace() for one code point.
bool is_space(UChar32 c);
// A "symbol" character: ASCII punctuation and symbols, C0/C1 controls other
// than tab and newline, Unicode sentence terminators (Sentence_Terminal), and
// the common typographic quotes, dashes, brackets and fullwidth marks. A word
// made only of these does not count as a word (gopher-quality).
bool is_symbol(UChar32 c);
// Unicode Sentence_Terminal: what ends a line "with punctuation" (fineweb).
bool is_sentence_terminal(UChar32 c);
// A letter (general category L), like str.isalpha() for one code point.
bool is_letter(UChar32 c);

// Number of code points (what Python's len() counts).
size_t code_points(std::string_view s);
// First / last code point of a non-empty string.
UChar32 first_code_point(std::string_view s);
UChar32 last_code_point(std::string_view s);

// str.strip() / lstrip() / rstrip() over is_space.
std::string_view strip(std::string_view s);
std::string_view lstrip(std::string_view s);
std::string_view rstrip(std::string_view s);
bool is_blank(std::string_view s);

// str.splitlines(): breaks at \n, \r, \r\n, \v, \f, \x1c-\x1e, U+0085,
// U+2028, U+2029; no empty last line after a final break.
void split_lines(std::string_view text, std::vector<std::string_view>& out);
// str.split() with no argument: runs of is_space separate, none kept.
void split_whitespace(std::string_view text, std::vector<std::string_view>& out);
// Count of non-overlapping occurrences of `needle` (str.count).
size_t count_occurrences(std::string_view text, std::string_view needle);

}  // namespace dpk::quality
