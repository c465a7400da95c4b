// lean_html.h — the page cut down to what the extractor reads, before it is
// parsed: no scripts, styles, inline SVG or comments, in start tags only
// the attributes the extractor looks at, and no white space between tags
// where one of them is a block's (the block boundary separates the words).
//
// About half the bytes of a typical page are inline script, CSS and SVG,
// none of it text, and of the rest two thirds are markup, mostly attributes
// (href, src, srcset, data-*) that no extraction rule reads. libxml2's HTML
// parser walks every byte of them character by character and makes a node
// of every attribute; a byte scan here is several times cheaper.
//
// The cuts follow the HTML tokenizer's rules: a script or style ends at the
// first "</script" / "</style", whatever the case, and an unterminated one
// runs to the end of the page; a start tag is "<" and an ASCII letter, its
// attributes are name[=value] with quoted or unquoted values. A start tag
// whose end is not found is left as it is, for the parser to judge. White
// space inside <pre> is kept.
//
// Kept attributes: class, id, role, hidden, aria-hidden and style (only when
// it can hide: "none" or "hidden" in it) for the boilerplate hints; lang,
// xml:lang, http-equiv and content for the page's language.
//
//   std::string scratch;
//   std::string_view lean = lean_html(html, scratch);
#pragma once

#include <string>
#include <string_view>

namespace dpk {

// Returns the cut page: a view of `html` itself when there is nothing to
// cut, else of `scratch`.
std::string_view lean_html(std::string_view html, std::string& scratch);

}  // namespace dpk
