// text_units.h — splits a text into the units line-dedup counts: lines
// (split at '\n'), or paragraphs (runs of lines separated by one or more
// blank lines), and joins the kept ones back.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dpk::line_dedup {

enum class Unit { kLine, kParagraph };

// Appends the units of `text` to `out` (views into `text`). Lines: every
// line, blank ones included, so joining all of them with '\n' gives the text
// back. Paragraphs: the non-blank runs only (their separators are dropped).
void split_units(std::string_view text, Unit unit, std::vector<std::string_view>& out);

// Joins kept units: lines with '\n', paragraphs with a blank line between.
void join_units(const std::vector<std::string_view>& units, const std::vector<bool>& keep, Unit unit,
                std::string& out);

}  // namespace dpk::line_dedup
