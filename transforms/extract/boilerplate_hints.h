// boilerplate_hints.h — what an element's tag, role and class/id names say
// about it, before any text is counted.
//
//   ElementHint h = element_hint(node, /*comments=*/false, /*strict=*/true);
//   if (h.skip) ...          // never main content
//   score += h.class_weight; // +25 "article-body", -25 "related-links"
#pragma once

#include <libxml/tree.h>

namespace dpk {

enum class BlockKind : unsigned char {
  kInline,      // not a block: text flows into the enclosing block
  kParagraph,   // p, div, section ... (any generic block)
  kHeading,     // h1-h6
  kListItem,    // li, dt, dd
  kQuote,       // blockquote
  kPre,         // pre: whitespace kept
  kCell,        // td, th
  kLineBreak,   // br
};

struct ElementHint {
  bool skip = false;           // drop the element and everything in it
  // Skipped only by its class/id name: the caller may overrule this for an
  // element that holds most of the page's text.
  bool skip_by_name = false;
  BlockKind kind = BlockKind::kInline;
  int heading_level = 0;       // 1..6 for h1..h6
  int tag_weight = 0;          // readability-style prior by tag
  int class_weight = 0;        // +25 content-like names, -25 boilerplate-like
  bool is_link = false;        // <a href>
  bool is_container_root = false;  // body, main, article: never skipped by name
};

// `strict`: also skip by class/id names and ARIA roles (the lenient retry
// turns this off). `comments`: comment sections are content.
ElementHint element_hint(const xmlNode* node, bool comments, bool strict);

}  // namespace dpk
