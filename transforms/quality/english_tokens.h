// english_tokens.h — the English tokenization facts WordSplitter applies on
// top of ICU word boundaries, so that words count as the reference
// tokenizer (spaCy's English rules) counts them.
#pragma once

#include <cstddef>
#include <string_view>

namespace dpk::quality {

// Where an apostrophe-less contraction splits ("dont" -> 2: "do" "nt",
// "im" -> 1: "i" "m"), matched in lower case or with a capital first
// letter; 0 when `w` is not one.
size_t english_contraction_split(std::string_view w);
// Abbreviations that keep their period ("Mr.", "Jan.", "Calif."), without it.
bool is_english_abbreviation(std::string_view w);
// Length of an English clitic at the end of `w` ("n't", "'s", "’ll"...), or 0.
size_t english_clitic_length(std::string_view w);

}  // namespace dpk::quality
