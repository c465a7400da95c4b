// dpk/name_suggestion.h — "did you mean ...?" for misspelt names: unknown
// options, commands, recipe keys and step names all go through here, so every
// usage error suggests the same way.
//
// Names are compared after folding case and '_' to '-', so a Data-Juicer-style
// `min_words` finds `min-words`. A name the word begins (`min` for `min-score`)
// is suggested; otherwise the names at the smallest optimal-string-alignment
// distance (Damerau-Levenshtein with adjacent swaps), if that distance is small
// for the word's length.
//
//   did_you_mean("min-wrods", {"min-words", "max-words"}, "--")
//     == " (did you mean --min-words?)"
//   did_you_mean("zzz", {"min-words"}, "--") == ""
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dpk {

// Edits (insert, delete, substitute, swap two neighbours) that turn a into b;
// no substring is edited twice.
size_t osa_distance(std::string_view a, std::string_view b);

// The names closest to `word` (at most three, in the order given), or none when
// no name is close enough.
std::vector<std::string> similar_names(std::string_view word, const std::vector<std::string>& names);

// " (did you mean PREFIXaSUFFIX?)" or " (did you mean PREFIXaSUFFIX or
// PREFIXbSUFFIX?)"; "" when nothing is close. Ready to append to an error
// message; prefix and suffix spell a name as the user writes it (`--min-words`,
// `steps:`).
std::string did_you_mean(std::string_view word, const std::vector<std::string>& names,
                         std::string_view prefix = "", std::string_view suffix = "");

// The " (did you mean ...?)" text for names already found; "" for none.
std::string suggestion_text(const std::vector<std::string>& found, std::string_view prefix = "",
                            std::string_view suffix = "");

}  // namespace dpk
