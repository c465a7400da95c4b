// raw_text_stripper.h — cuts scripts, styles, inline SVG and comments out
// of an HTML page before it is parsed.
//
// About half the bytes of a typical page are inline script, CSS and SVG,
// none of it text. Cutting them with a byte scan (memchr for '<') is much
// cheaper than letting the parser walk them character by character. The
// cut follows the HTML tokenizer's rule: a script or style ends at the first
// "</script" / "</style", whatever the case; an unterminated one runs to the
// end of the page.
//
//   std::string scratch;
//   std::string_view lean = strip_raw_text_elements(html, scratch);
#pragma once

#include <string>
#include <string_view>

namespace dpk {

// Returns the page without those elements: a view of `html` itself when
// there is nothing to cut, else of `scratch`.
std::string_view strip_raw_text_elements(std::string_view html, std::string& scratch);

}  // namespace dpk
