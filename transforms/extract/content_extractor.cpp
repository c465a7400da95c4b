#include "content_extractor.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <algorithm>
#include <cstring>

#include "boilerplate_hints.h"
#include "libxml_arena.h"
#include "lean_html.h"

namespace dpk {
namespace {

// Deeper trees are cut off: no page needs it, and it bounds the recursion.
constexpr int kMaxDepth = 1500;
// Blocks shorter than this do not vote for their ancestors.
constexpr uint32_t kMinScoringChars = 20;
// Below this many kept characters the strict pass is retried leniently.
constexpr size_t kRetryBelowChars = 1000;
// An element's positive prior counts in full from this many characters on.
constexpr float kFullPriorChars = 500.f;
// How far up from the winner repeated article parts are looked for, and
// how link-heavy such a part may be.
constexpr int kRepeatedPartLevels = 3;
constexpr float kRepeatedPartMaxLinks = 0.2f;
// Trailing blocks shorter than this are trimmed from the main content.
constexpr uint32_t kShortTailChars = 40;
// An inline element holding at least this many links, this share of its
// text in them, is a card of links in the running text (a hover card on a
// name): it is left out, so that the paragraph around it is not "mostly
// links".
constexpr int kCardLinks = 3;
constexpr float kCardLinkShare = 0.8f;
// Sibling parts of the article around the winner are looked for this many
// levels up; a part is mostly prose (this share of its text in long,
// link-poor paragraphs) and the parts may be separated by short elements
// (figures, ads) of fewer characters than kGapChars.
constexpr int kArticlePartLevels = 4;
constexpr float kArticlePartProse = 0.8f;
constexpr uint32_t kArticlePartMinChars = 160;
constexpr uint32_t kGapChars = 200;
// A teaser (linked heading over a short excerpt) holds at most this many
// characters; a listing of them at the end is cut if it is less than this
// share of the content.
constexpr uint32_t kTeaserChars = 400;
constexpr float kMaxListingShare = 0.5f;

bool is_space_byte(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view node_name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

}  // namespace

struct ContentExtractor::Impl {
  struct Block {
    xmlNode* owner;
    BlockKind kind;
    int level;
    uint32_t begin, end;  // in block_text
    uint32_t chars, link_chars;
    uint32_t commas;
  };
  // Per element, reached through xmlNode::_private (index + 1).
  struct NodeStat {
    xmlNode* node;
    uint32_t chars = 0, link_chars = 0;
    uint32_t prose_chars = 0;     // in long, link-poor paragraphs
    uint32_t linked_headings = 0;  // headings that are links (teaser titles)
    float score = 0;
    bool scored = false;
    bool selected = false;
    int prior = 0;  // tag and class weights
    uint32_t raw_bytes = 0;  // text bytes under the element before any skipping
    char last_char = 0;      // last character of the last block inside it
  };

  ExtractOptions opt;
  ExtractedPage page;
  std::string lean_page;  // the page without scripts, styles, comments and unread attributes
  std::string nul_free;   // the page without NUL bytes, when it had some

  std::vector<Block> blocks;
  std::string block_text;
  std::vector<NodeStat> stats;
  std::vector<const Block*> kept;

  // Block collection state.
  bool strict = true;
  uint32_t root_bytes = 0;
  std::string cur;
  uint32_t cur_chars = 0, cur_link = 0, cur_commas = 0;
  int links_seen = 0;   // <a> elements entered
  size_t flushes = 0;   // blocks ended
  bool pending_space = false;
  int link_depth = 0, pre_depth = 0;
  xmlNode* owner = nullptr;
  BlockKind owner_kind = BlockKind::kParagraph;
  int owner_level = 0;

  explicit Impl(ExtractOptions o) : opt(o) { install_libxml_arena(); }

  NodeStat& stat(xmlNode* n) {
    if (n->_private == nullptr) {
      stats.push_back(NodeStat{n});
      n->_private = reinterpret_cast<void*>(stats.size());
    }
    return stats[reinterpret_cast<size_t>(n->_private) - 1];
  }

  // --- block collection -------------------------------------------------

  void flush() {
    ++flushes;
    while (!cur.empty() && (cur.back() == ' ' || cur.back() == '\n')) cur.pop_back();
    if (cur_chars > 0 && owner != nullptr) {
      Block b;
      b.owner = owner;
      b.kind = owner_kind;
      b.level = owner_level;
      b.begin = static_cast<uint32_t>(block_text.size());
      block_text.append(cur);
      b.end = static_cast<uint32_t>(block_text.size());
      b.chars = cur_chars;
      b.link_chars = cur_link;
      b.commas = cur_commas;
      blocks.push_back(b);
    }
    cur.clear();
    cur_chars = cur_link = cur_commas = 0;
    pending_space = false;
  }

  void append_text(const unsigned char* s) {
    for (; *s; ++s) {
      unsigned char c = *s;
      if (pre_depth == 0) {
        if (is_space_byte(c)) {
          pending_space = true;
          continue;
        }
        if (c == 0xC2 && s[1] == 0xA0) {  // no-break space
          pending_space = true;
          ++s;
          continue;
        }
        if (pending_space && !cur.empty() && cur.back() != '\n') cur.push_back(' ');
        pending_space = false;
      }
      cur.push_back(static_cast<char>(c));
      if ((c & 0xC0) != 0x80 && !is_space_byte(c)) {
        ++cur_chars;
        if (link_depth > 0) ++cur_link;
      }
      if (c == ',') ++cur_commas;
      // Full-width comma and ideographic comma.
      if ((c == 0xEF && s[1] == 0xBC && s[2] == 0x8C) || (c == 0xE3 && s[1] == 0x80 && s[2] == 0x81)) {
        ++cur_commas;
      }
    }
  }

  void visit_children(xmlNode* n, int depth) {
    for (xmlNode* c = n->children; c != nullptr; c = c->next) visit(c, depth + 1);
  }

  // Where the block being collected stands, to take back an inline card.
  struct Mark {
    size_t size;
    uint32_t chars, link, commas;
    int links;
    size_t flushes;
  };
  Mark mark() const { return {cur.size(), cur_chars, cur_link, cur_commas, links_seen, flushes}; }

  // An inline element that is a cluster of links inside running text (a
  // hover card: the name, then its profile, articles, follow links) is
  // taken back but for its first link, the anchor it hangs on.
  void visit_inline(xmlNode* n, int depth) {
    const Mark start = mark();
    Mark keep = start;
    bool first = true;
    for (xmlNode* c = n->children; c != nullptr; c = c->next) {
      visit(c, depth + 1);
      if (first && cur.size() > start.size) {
        first = false;
        if (c->type == XML_ELEMENT_NODE && node_name(c) == "a") keep = mark();
      }
    }
    if (link_depth > 0 || flushes != start.flushes || links_seen - start.links < kCardLinks) return;
    const uint32_t added = cur_chars - start.chars, added_links = cur_link - start.link;
    if (static_cast<float>(added_links) < kCardLinkShare * static_cast<float>(added)) return;
    cur.resize(keep.size);
    cur_chars = keep.chars;
    cur_link = keep.link;
    cur_commas = keep.commas;
    pending_space = true;
  }

  void visit(xmlNode* n, int depth) {
    if (depth > kMaxDepth) return;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content) append_text(n->content);
      return;
    }
    if (n->type != XML_ELEMENT_NODE) return;
    ElementHint h = element_hint(n, opt.comments, strict);
    // A name-based skip never removes most of the page ("tag-news" on the
    // article, "has-sidebar" on the wrapper).
    if (h.skip_by_name && stat(n).raw_bytes * 2 > root_bytes) h.skip = false;
    // An article's own header holds its headline and lead, not site furniture.
    if (h.skip && node_name(n) == "header" && inside_article(n)) h.skip = false;
    if (h.skip) {
      // A skipped element still separates words on either side.
      pending_space = true;
      return;
    }
    if (h.kind == BlockKind::kLineBreak) {
      while (!cur.empty() && cur.back() == ' ') cur.pop_back();
      if (!cur.empty() && cur.back() != '\n') cur.push_back('\n');
      pending_space = false;
      return;
    }
    if (h.kind == BlockKind::kCell && !opt.tables) return;
    if (h.kind == BlockKind::kInline) {
      if (h.is_link) {
        ++link_depth;
        ++links_seen;
        visit_children(n, depth);
        --link_depth;
        return;
      }
      visit_inline(n, depth);
      return;
    }
    flush();
    NodeStat& st = stat(n);
    st.prior = h.tag_weight + h.class_weight;
    xmlNode* saved_owner = owner;
    const BlockKind saved_kind = owner_kind;
    const int saved_level = owner_level;
    // A generic block inside a heading or list item stays part of it.
    const bool keeps_outer = h.kind == BlockKind::kParagraph && owner != nullptr &&
                             (owner_kind == BlockKind::kHeading || owner_kind == BlockKind::kListItem ||
                              owner_kind == BlockKind::kQuote || owner_kind == BlockKind::kCell);
    if (!keeps_outer) {
      owner = n;
      owner_kind = h.kind;
      owner_level = h.heading_level;
    }
    if (h.kind == BlockKind::kPre) ++pre_depth;
    visit_children(n, depth);
    flush();
    if (h.kind == BlockKind::kPre) --pre_depth;
    owner = saved_owner;
    owner_kind = saved_kind;
    owner_level = saved_level;
  }

  static bool inside_article(const xmlNode* n) {
    for (const xmlNode* a = n->parent; a != nullptr && a->type == XML_ELEMENT_NODE; a = a->parent) {
      std::string_view name = node_name(a);
      if (name == "article" || name == "main") return true;
    }
    return false;
  }

  uint32_t count_raw(xmlNode* n, int depth) {
    if (depth > kMaxDepth) return 0;
    uint32_t total = 0;
    for (xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE && c->content != nullptr) {
        total += static_cast<uint32_t>(xmlStrlen(c->content));
      } else if (c->type == XML_ELEMENT_NODE) {
        std::string_view name = node_name(c);
        if (name == "script" || name == "style" || name == "noscript" || name == "template") continue;
        total += count_raw(c, depth + 1);
      }
    }
    stat(n).raw_bytes = total;
    return total;
  }

  void collect(xmlNode* root, bool strict_mode) {
    blocks.clear();
    block_text.clear();
    for (auto& s : stats) {
      s.chars = s.link_chars = s.prose_chars = s.linked_headings = 0;
      s.score = 0;
      s.scored = s.selected = false;
    }
    strict = strict_mode;
    cur.clear();
    cur_chars = cur_link = cur_commas = 0;
    pending_space = false;
    link_depth = pre_depth = 0;
    owner = nullptr;
    visit(root, 0);
    flush();
  }

  // --- scoring and selection ---------------------------------------------

  static float link_density(const NodeStat& s) {
    return s.chars == 0 ? 0.f : static_cast<float>(s.link_chars) / static_cast<float>(s.chars);
  }

  float final_score(const NodeStat& s) const { return s.score * (1.f - link_density(s)); }

  void score_blocks() {
    for (const Block& b : blocks) {
      const uint32_t prose = is_prose(b) ? b.chars : 0;
      const uint32_t linked_heading = is_linked_heading(b) ? 1 : 0;
      for (xmlNode* a = b.owner; a != nullptr && a->type == XML_ELEMENT_NODE; a = a->parent) {
        NodeStat& s = stat(a);
        s.chars += b.chars;
        s.link_chars += b.link_chars;
        s.prose_chars += prose;
        s.linked_headings += linked_heading;
        s.last_char = block_text[b.end - 1];
      }
    }
    for (const Block& b : blocks) {
      if (b.chars < kMinScoringChars || b.kind == BlockKind::kHeading) continue;
      float vote = 1.f + static_cast<float>(b.commas) + std::min(static_cast<float>(b.chars) / 100.f, 3.f);
      // Lists are as often teasers and menus as content, and a data table's
      // many short cells would outvote the prose around it: they vote less.
      if (b.kind == BlockKind::kListItem || b.kind == BlockKind::kCell) vote *= 0.25f;
      xmlNode* a = b.owner->parent;
      for (int level = 0; level < 3 && a != nullptr && a->type == XML_ELEMENT_NODE; ++level, a = a->parent) {
        NodeStat& s = stat(a);
        if (!s.scored) {
          s.scored = true;
          // A content-like name or tag counts in full only for an element
          // with some text: a short intro box named "...-text" must not
          // outrank the article next to it.
          float prior = static_cast<float>(s.prior);
          if (prior > 0) prior *= std::min(1.f, static_cast<float>(s.chars) / kFullPriorChars);
          s.score = prior;
        }
        s.score += vote / (level == 0 ? 1.f : level == 1 ? 2.f : 3.f * static_cast<float>(level));
      }
    }
  }

  NodeStat* top_candidate() {
    NodeStat* top = nullptr;
    float best = 0;
    for (auto& s : stats) {
      if (!s.scored) continue;
      const float f = final_score(s);
      if (top == nullptr || f > best) {
        top = &s;
        best = f;
      }
    }
    if (top == nullptr) return nullptr;
    // Climb while an ancestor scores higher: the article is often split over
    // sibling wrappers that each scored a part.
    float last = best;
    for (xmlNode* p = top->node->parent; p != nullptr && p->type == XML_ELEMENT_NODE; p = p->parent) {
      if (node_name(p) == "body") break;
      if (p->_private == nullptr) continue;
      NodeStat& ps = stat(p);
      if (!ps.scored) continue;
      const float f = final_score(ps);
      if (f < last / 4.f) break;
      if (f > last) {
        top = &ps;
        break;
      }
      last = f;
    }
    return top;
  }

  void select(NodeStat& top) {
    top.selected = true;
    xmlNode* parent = top.node->parent;
    if (parent == nullptr || parent->type != XML_ELEMENT_NODE) return;
    const float top_score = final_score(top);
    const float threshold = std::max(10.f, top_score * 0.2f);
    for (xmlNode* s = parent->children; s != nullptr; s = s->next) {
      if (s == top.node || s->type != XML_ELEMENT_NODE || s->_private == nullptr) continue;
      NodeStat& ss = stat(s);
      if (ss.chars == 0) continue;
      bool take = ss.scored && final_score(ss) >= threshold;
      if (!take) {
        const float ld = link_density(ss);
        take = (ss.chars > 80 && ld < 0.25f) || (ss.chars > 0 && ss.chars <= 80 && ld == 0.f && ss.prior >= 0 &&
                                                 ends_sentence(ss));
      }
      if (take) ss.selected = true;
    }
    select_repeated_parts(top.node);
    select_article_parts(top.node);
  }

  bool is_article_part(const NodeStat& s) const {
    return s.chars >= kArticlePartMinChars && link_density(s) < kRepeatedPartMaxLinks &&
           static_cast<float>(s.prose_chars) >= kArticlePartProse * static_cast<float>(s.chars);
  }

  bool is_gap(xmlNode* s) {
    if (s->type != XML_ELEMENT_NODE) return true;
    if (s->_private == nullptr) return true;  // no text in it
    const NodeStat& ss = stat(s);
    return ss.chars < kGapChars && ss.linked_headings == 0;
  }

  // An article cut into sibling parts, each in its own wrapper (a grid row
  // per text section, figures between them): the winner is one part. From
  // the winner and its ancestors, the runs of siblings on either side that
  // are mostly prose, separated by nothing but short elements, are the rest
  // of the article. A run ends at the first sibling that is not.
  void select_article_parts(xmlNode* n) {
    for (int up = 0; up < kArticlePartLevels && n != nullptr && n->parent != nullptr &&
                     n->parent->type == XML_ELEMENT_NODE && node_name(n->parent) != "body";
         ++up, n = n->parent) {
      for (int dir = 0; dir < 2; ++dir) {
        for (xmlNode* s = dir == 0 ? n->next : n->prev; s != nullptr; s = dir == 0 ? s->next : s->prev) {
          if (is_gap(s)) continue;
          NodeStat& ss = stat(s);
          if (!is_article_part(ss)) break;
          ss.selected = true;
        }
      }
    }
  }

  // Many sites cut an article into repeated components, one per paragraph
  // or text module ("article.paragraph", "div.module-text", one TYPO3
  // content element each): the winner is one of them. Its siblings of the
  // same tag and class that hold low-link text are the rest of the article.
  // Looked for at the winner and its two nearest ancestors.
  void select_repeated_parts(xmlNode* n) {
    for (int up = 0; up < kRepeatedPartLevels && n != nullptr && n->parent != nullptr &&
                     n->parent->type == XML_ELEMENT_NODE && node_name(n->parent) != "body";
         ++up, n = n->parent) {
      const std::string_view name = node_name(n);
      const std::string_view cls = attr(n, "class");
      for (xmlNode* s = n->parent->children; s != nullptr; s = s->next) {
        if (s == n || s->type != XML_ELEMENT_NODE || s->_private == nullptr || node_name(s) != name ||
            attr(s, "class") != cls) {
          continue;
        }
        NodeStat& ss = stat(s);
        if (ss.scored && link_density(ss) < kRepeatedPartMaxLinks) ss.selected = true;
      }
    }
  }

  static bool ends_sentence(const NodeStat& s) {
    return s.last_char == '.' || s.last_char == '!' || s.last_char == '?';
  }

  bool in_selection(const Block& b) {
    for (xmlNode* a = b.owner; a != nullptr && a->type == XML_ELEMENT_NODE; a = a->parent) {
      if (a->_private != nullptr && stat(a).selected) return true;
    }
    return false;
  }

  static bool is_prose(const Block& b) {
    return (b.kind == BlockKind::kParagraph || b.kind == BlockKind::kListItem || b.kind == BlockKind::kQuote) && b.chars >= 80 && b.link_chars * 5 < b.chars;
  }

  static bool is_inside(const xmlNode* n, const xmlNode* ancestor) {
    for (; n != nullptr; n = n->parent) {
      if (n == ancestor) return true;
    }
    return false;
  }

  // A heading, or a short line that ends in a colon ("Read also:", "More on
  // this topic:"): it says what follows.
  bool introduces(const Block& b) const {
    if (b.kind == BlockKind::kHeading) return true;
    if (b.chars >= 80 || b.end == b.begin) return false;
    return block_text[b.end - 1] == ':';
  }

  static bool is_linked_heading(const Block& b) {
    return b.kind == BlockKind::kHeading && b.chars > 0 && b.link_chars * 10 > b.chars * 9;
  }

  static bool is_link_block(const Block& b) {
    if (b.chars == 0) return true;
    const float ld = static_cast<float>(b.link_chars) / static_cast<float>(b.chars);
    if (b.kind == BlockKind::kHeading) return ld > 0.9f && b.level > 1;
    return ld > 0.7f;
  }

  // Fills `kept` with the main-content blocks; returns their characters.
  size_t choose_blocks() {
    kept.clear();
    score_blocks();
    NodeStat* top = top_candidate();
    if (top != nullptr) select(*top);
    // The article element around the winner bounds the content: its long,
    // link-free paragraphs count even outside the winner's subtree.
    const xmlNode* scope = nullptr;
    if (top != nullptr) {
      for (const xmlNode* a = top->node; a != nullptr && a->type == XML_ELEMENT_NODE; a = a->parent) {
        std::string_view name = node_name(a);
        if (name == "article" || name == "main") {
          scope = a;
          break;
        }
      }
      if (scope == nullptr && top->node->parent != nullptr && top->node->parent->type == XML_ELEMENT_NODE &&
          node_name(top->node->parent) != "body") {
        scope = top->node->parent;
      }
    }
    size_t chars = 0;
    for (const Block& b : blocks) {
      if (top != nullptr && !in_selection(b) && !(scope != nullptr && is_prose(b) && is_inside(b.owner, scope))) {
        continue;
      }
      if (is_link_block(b)) continue;
      // A heading or lead-in line over a list of links ("Read also", "More
      // on this:") goes with the list.
      if (introduces(b) && &b + 1 < blocks.data() + blocks.size() && is_link_block(*(&b + 1))) continue;
      kept.push_back(&b);
      chars += b.chars;
    }
    chars -= cut_listing_tail();
    chars -= cut_company_boilerplate(chars);
    // Short lines after the last paragraph are calls to action and bylines
    // ("Read more", "Share this", "Photo: ..."), not the article's end.
    // A sign-off in the article's own flow ("See you, Anna") stays: only
    // lines in another container than the text before them go.
    while (kept.size() > 1 && kept.back()->chars < kShortTailChars && kept.back()->kind != BlockKind::kPre &&
           kept.back()->owner->parent != kept[kept.size() - 2]->owner->parent) {
      chars -= kept.back()->chars;
      kept.pop_back();
    }
    return chars;
  }

  // The teaser card a block sits in: an ancestor with one linked heading
  // (its title) and little text, whose parent holds other linked headings.
  bool in_teaser(const Block& b) {
    for (xmlNode* a = b.owner; a != nullptr && a->parent != nullptr && a->parent->type == XML_ELEMENT_NODE;
         a = a->parent) {
      const NodeStat& s = stat(a);
      if (s.chars > kTeaserChars || s.linked_headings > 1) return false;
      if (s.linked_headings == 1 && stat(a->parent).linked_headings >= 2) return true;
    }
    return false;
  }

  // A listing of other posts after the article (a linked title and an
  // excerpt each, "You might also like") reads like prose and joins the
  // content as a close sibling: cut trailing teasers, unless they are most
  // of the content (a page that is a listing). Returns the characters cut.
  size_t cut_listing_tail() {
    size_t total = 0, cut = 0, n = kept.size();
    for (const Block* b : kept) total += b->chars;
    while (n > 0 && in_teaser(*kept[n - 1])) cut += kept[--n]->chars;
    if (n == kept.size() || static_cast<float>(cut) > kMaxListingShare * static_cast<float>(total)) return 0;
    kept.resize(n);
    return cut;
  }

  // Whether a block opens the company profile at the end of a press release
  // ("About Northwind Energy", "Über die Firma GmbH"), or is the release's
  // end mark ("###", "-30-").
  bool opens_company_boilerplate(const Block& b) const {
    if (b.chars >= 80 || b.end == b.begin) return false;
    std::string_view t(block_text.data() + b.begin, b.end - b.begin);
    if (t == "###" || t == "# # #" || t == "-30-" || t == "- 30 -" || t == "-ENDS-" || t == "- ENDS -") return true;
    if (t.back() == '.' || t.back() == '?' || t.back() == '!') return false;
    for (std::string_view opener : {"About ", "ABOUT ", "Über ", "ÜBER ", "À propos d", "A propos d", "Acerca de ",
                                    "Sobre ", "Informazioni su ", "O firmie ", "Om "}) {
      if (t.substr(0, opener.size()) != opener || t.size() < opener.size() + 2) continue;
      // A name follows ("About Northwind"), not "About us" on a site's own
      // about page.
      const std::string_view name = t.substr(opener.size());
      if (name[0] < 'A' || name[0] > 'Z' || name == "Us" || name == "US" || name == "Me" || name.substr(0, 3) == "Us ") continue;
      return true;
    }
    return false;
  }

  // From the company profile of a press release on, in the last half of
  // the content, the rest is boilerplate (profile, media contact, legal
  // notes). Returns the characters cut.
  size_t cut_company_boilerplate(size_t total) {
    size_t before = 0;
    for (size_t i = 0; i + 1 < kept.size(); ++i) {
      if (before * 2 >= total && opens_company_boilerplate(*kept[i])) {
        kept.resize(i);
        return total - before;
      }
      before += kept[i]->chars;
    }
    return 0;
  }

  // --- output ------------------------------------------------------------

  void write_text(std::string& out) const {
    out.clear();
    const bool md = opt.format == TextFormat::kMarkdown;
    for (const Block* b : kept) {
      if (!out.empty()) out.append(md ? "\n\n" : "\n");
      std::string_view t(block_text.data() + b->begin, b->end - b->begin);
      if (!md) {
        out.append(t);
        continue;
      }
      switch (b->kind) {
        case BlockKind::kHeading:
          out.append(static_cast<size_t>(b->level), '#');
          out.push_back(' ');
          out.append(t);
          break;
        case BlockKind::kListItem:
          out.append("- ");
          out.append(t);
          break;
        case BlockKind::kQuote:
          out.append("> ");
          for (char c : t) {
            out.push_back(c);
            if (c == '\n') out.append("> ");
          }
          break;
        case BlockKind::kPre:
          out.append("```\n");
          out.append(t);
          out.append("\n```");
          break;
        default:
          out.append(t);
      }
    }
  }

  // --- page metadata -----------------------------------------------------

  static void collapse_into(const xmlNode* n, std::string& out, int depth = 0) {
    if (depth > kMaxDepth) return;
    bool space = false;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) {
        collapse_into(c, out, depth + 1);
        continue;
      }
      if (c->type != XML_TEXT_NODE || c->content == nullptr) continue;
      for (const unsigned char* s = c->content; *s; ++s) {
        if (is_space_byte(*s) || (*s == 0xC2 && s[1] == 0xA0)) {
          if (*s == 0xC2) ++s;
          space = true;
          continue;
        }
        if (space && !out.empty()) out.push_back(' ');
        space = false;
        out.push_back(static_cast<char>(*s));
      }
    }
  }

  static std::string_view attr(const xmlNode* n, std::string_view name) {
    for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
      if (node_name(reinterpret_cast<const xmlNode*>(a)) == name && a->children && a->children->content) {
        return reinterpret_cast<const char*>(a->children->content);
      }
    }
    return {};
  }

  void read_metadata(const xmlNode* root) {
    page.title.clear();
    page.lang.clear();
    if (root == nullptr) return;
    std::string_view lang = attr(root, "lang");
    if (lang.empty()) lang = attr(root, "xml:lang");
    page.lang.assign(lang);
    for (const xmlNode* h = root->children; h != nullptr; h = h->next) {
      if (h->type != XML_ELEMENT_NODE || node_name(h) != "head") continue;
      for (const xmlNode* c = h->children; c != nullptr; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (node_name(c) == "title" && page.title.empty()) collapse_into(c, page.title);
        if (node_name(c) == "meta" && page.lang.empty()) {
          std::string_view eq = attr(c, "http-equiv");
          if (eq.size() == 16 && (eq[0] == 'c' || eq[0] == 'C') && eq.substr(1) == "ontent-Language") {
            page.lang.assign(attr(c, "content"));
          }
        }
      }
    }
    while (!page.lang.empty() && page.lang.back() == ' ') page.lang.pop_back();
  }

  void first_heading_as_title() {
    if (!page.title.empty()) return;
    for (const Block& b : blocks) {
      if (b.kind == BlockKind::kHeading && b.level == 1) {
        page.title.assign(block_text, b.begin, b.end - b.begin);
        return;
      }
    }
  }

  const ExtractedPage& extract(std::string_view html) {
    page.text.clear();
    page.title.clear();
    page.lang.clear();
    if (html.empty()) return page;
    // The tree, and the parser context, live in the arena and go at the end
    // of the scope (a fresh context per page: a reused one would keep
    // arena-allocated names in its dictionary).
    LibxmlArenaScope arena;
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (ctxt == nullptr) return page;
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                        HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
    // A NUL byte ends libxml2's input early; browsers drop it.
    if (std::memchr(html.data(), 0, html.size()) != nullptr) {
      nul_free.clear();
      for (char c : html) {
        if (c != '\0') nul_free.push_back(c);
      }
      html = nul_free;
    }
    const std::string_view lean = lean_html(html, lean_page);
    const int size = static_cast<int>(std::min<size_t>(lean.size(), 0x7fffffff));
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, lean.data(), size, nullptr, "UTF-8", options);
    if (doc == nullptr) return page;
    xmlNode* root = xmlDocGetRootElement(doc);
    read_metadata(root);
    if (root != nullptr) {
      root_bytes = count_raw(root, 0);
      collect(root, true);
      size_t chars = choose_blocks();
      if (chars < kRetryBelowChars) {
        write_text(page.text);
        std::string strict_text = std::move(page.text);
        collect(root, false);
        size_t lenient = choose_blocks();
        if (lenient * 2 > chars * 3) {
          write_text(page.text);
        } else {
          page.text = std::move(strict_text);
        }
      } else {
        write_text(page.text);
      }
      first_heading_as_title();
    }
    stats.clear();
    kept.clear();
    return page;
  }
};

ContentExtractor::ContentExtractor(ExtractOptions options) : impl_(std::make_unique<Impl>(options)) {}
ContentExtractor::~ContentExtractor() = default;

const ExtractedPage& ContentExtractor::extract(std::string_view html) { return impl_->extract(html); }

}  // namespace dpk
