#include "boilerplate_hints.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>

namespace dpk {
namespace {

struct TagInfo {
  bool skip = false;
  BlockKind kind = BlockKind::kInline;
  int heading_level = 0;
  int weight = 0;
  bool root = false;
  bool strict_only = false;  // skipped only in strict mode (nav-like tags)
};

const std::unordered_map<std::string_view, TagInfo>& tag_table() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string_view, TagInfo>();
    // Never main content: code, media, form controls, document metadata.
    for (const char* n : {"script", "style", "noscript", "template", "iframe", "svg", "math", "canvas",
                          "object", "embed", "applet", "audio", "video", "button", "select", "option",
                          "optgroup", "input", "textarea", "head", "link", "meta", "map", "area",
                          "datalist", "dialog", "frame", "frameset", "source", "track", "picture",
                          "label", "fieldset", "legend", "img", "figcaption"}) {
      (*t)[n] = TagInfo{true};
    }
    // Page furniture by tag (HTML5 semantics); the lenient retry keeps them.
    for (const char* n : {"nav", "aside", "footer", "menu", "header"}) {
      TagInfo i;
      i.skip = true;
      i.strict_only = true;
      i.kind = BlockKind::kParagraph;
      (*t)[n] = i;
    }
    for (const char* n : {"p", "section", "center", "address", "figure", "details",
                          "summary", "caption", "hr", "tr", "thead", "tbody", "tfoot", "table",
                          "ul", "ol", "dl", "form", "hgroup", "dir"}) {
      (*t)[n] = TagInfo{false, BlockKind::kParagraph};
    }
    (*t)["div"] = TagInfo{false, BlockKind::kParagraph, 0, 5};
    (*t)["article"] = TagInfo{false, BlockKind::kParagraph, 0, 5};
    (*t)["main"] = TagInfo{false, BlockKind::kParagraph, 0, 5, true};
    (*t)["body"] = TagInfo{false, BlockKind::kParagraph, 0, 0, true};
    (*t)["html"] = TagInfo{false, BlockKind::kParagraph, 0, 0, true};
    (*t)["blockquote"] = TagInfo{false, BlockKind::kQuote, 0, 3};
    (*t)["pre"] = TagInfo{false, BlockKind::kPre, 0, 3};
    (*t)["td"] = TagInfo{false, BlockKind::kCell, 0, 3};
    (*t)["th"] = TagInfo{false, BlockKind::kCell, 0, -5};
    for (const char* n : {"li", "dt", "dd"}) (*t)[n] = TagInfo{false, BlockKind::kListItem, 0, -3};
    const char* headings[] = {"h1", "h2", "h3", "h4", "h5", "h6"};
    for (int l = 0; l < 6; ++l) (*t)[headings[l]] = TagInfo{false, BlockKind::kHeading, l + 1, -5};
    (*t)["br"] = TagInfo{false, BlockKind::kLineBreak};
    return t;
  }();
  return *table;
}

// Lower-cased copy of an attribute value in a fixed buffer (long values are
// cut: the names that matter come first).
struct NameBuffer {
  std::array<char, 256> buf;
  size_t size = 0;
  void append(const xmlChar* s) {
    if (size && size < buf.size()) buf[size++] = ' ';
    for (; s && *s && size < buf.size(); ++s) {
      char c = static_cast<char>(*s);
      buf[size++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
  }
  std::string_view view() const { return {buf.data(), size}; }
};

bool has_substring(std::string_view names, std::initializer_list<std::string_view> words) {
  for (auto w : words) {
    if (names.find(w) != std::string_view::npos) return true;
  }
  return false;
}

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// A whole token: "nav" in "main-nav" or "nav bar", not in "canvas".
bool has_token(std::string_view names, std::initializer_list<std::string_view> words) {
  for (auto w : words) {
    for (size_t at = names.find(w); at != std::string_view::npos; at = names.find(w, at + 1)) {
      const bool start = at == 0 || !is_alnum(names[at - 1]);
      const size_t end = at + w.size();
      const bool stop = end == names.size() || !is_alnum(names[end]);
      if (start && stop) return true;
    }
  }
  return false;
}

bool is_comment_section(std::string_view names) {
  // "commentary" is a genre of article, not a comment section.
  for (size_t at = names.find("comment"); at != std::string_view::npos; at = names.find("comment", at + 1)) {
    if (names.substr(at + 7, 3) != "ary") return true;
  }
  return has_substring(names, {"disqus", "respond", "replies"});
}

// Names that mark page furniture. Substrings for words that rarely occur by
// accident; whole tokens for short ones.
bool is_boilerplate_name(std::string_view names, bool comments) {
  if (!comments && is_comment_section(names)) return true;
  return has_substring(names, {"footer", "sidebar", "breadcrumb", "cookie", "consent", "gdpr",
                               "newsletter", "subscri", "social", "share",
                               "sharebar", "related", "recommend", "promo", "advert", "sponsor",
                               "banner", "popup", "modal", "dialog", "overlay", "lightbox", "widget", "navbar", "navigation",
                               "menu", "pagination", "pager", "masthead", "skip-link", "skiplink",
                               "login", "signup", "toolbar", "tagcloud", "tag-cloud", "outbrain",
                               "taboola", "screen-reader", "sr-only", "visually-hidden",
                               "visuallyhidden", "print-only", "topbar", "nav-",
                               "-nav", "byline", "author-info", "author-box", "more-stories",
                               "read-more", "readmore", "jump-to", "toc-", "-toc", "caption", "credit",
                               "copyright", "author-bio", "authorbio", "author-desc", "about-author",
                               "post-author", "author-card", "twitter-tweet", "instagram-media", "tiktok-embed",
                               "fb-post", "disclaimer", "affiliate"}) ||
         has_token(names, {"nav", "ad", "ads", "share", "tags", "header", "foot",
                           "aside", "meta", "rating", "hide", "links", "dropdown"});
}

bool is_content_name(std::string_view names) {
  return has_substring(names, {"article", "content", "entry", "story", "post", "text", "body",
                               "main", "blog", "prose", "rich-text", "richtext"});
}

bool is_boilerplate_role(std::string_view role) {
  return role == "navigation" || role == "banner" || role == "contentinfo" || role == "complementary" ||
         role == "menu" || role == "menubar" || role == "dialog" || role == "alertdialog" ||
         role == "search" || role == "toolbar" || role == "tablist";
}

bool is_hidden_style(std::string_view style) {
  // Styles are short; look for the two hiding declarations, spaces removed.
  char buf[128];
  size_t n = 0;
  for (char c : style) {
    if (c == ' ') continue;
    if (n == sizeof buf) break;
    buf[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  }
  std::string_view s(buf, n);
  return s.find("display:none") != std::string_view::npos || s.find("visibility:hidden") != std::string_view::npos;
}

// What an element's class/id names say, worked out once per distinct name
// string: pages repeat the same few hundred names thousands of times, and
// matching them against the word lists is the costly part of a hint.
enum NameFlags : uint8_t {
  kContentName = 1,
  kBoilerplateName = 2,
  kCommentSection = 4,
  kLenientSkipName = 8,     // skipped even by the lenient retry
  kMixedFurnitureName = 16  // content-like but naming furniture ("article-footer")
};

uint8_t classify_names(std::string_view n, bool comments) {
  uint8_t f = 0;
  const bool boilerplate = is_boilerplate_name(n, comments);
  if (is_content_name(n)) f |= kContentName;
  if (boilerplate) f |= kBoilerplateName;
  if (is_comment_section(n)) f |= kCommentSection;
  if (boilerplate && has_substring(n, {"breadcrumb", "cookie", "consent", "gdpr", "newsletter"})) {
    f |= kLenientSkipName;
  }
  if (has_substring(n, {"footer", "comment", "related", "share", "social", "meta", "nav", "breadcrumb", "author"})) {
    f |= kMixedFurnitureName;
  }
  return f;
}

struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

// Class names repeat across a site's pages and within a page; ids are
// mostly unique ("post-1234"), so only class names are remembered.
uint8_t class_flags(std::string_view n, bool comments) {
  if (n.empty()) return 0;
  // Per thread; bounded, and cleared when full.
  thread_local std::unordered_map<std::string, uint8_t, NameHash, std::equal_to<>> cache[2];
  auto& c = cache[comments ? 1 : 0];
  auto it = c.find(n);
  if (it != c.end()) return it->second;
  if (c.size() >= 16384) c.clear();
  const uint8_t f = classify_names(n, comments);
  c.emplace(std::string(n), f);
  return f;
}

std::string_view attr_value(const xmlAttr* a) {
  if (a->children == nullptr || a->children->content == nullptr) return {};
  return reinterpret_cast<const char*>(a->children->content);
}

}  // namespace

ElementHint element_hint(const xmlNode* node, bool comments, bool strict) {
  ElementHint h;
  const auto& table = tag_table();
  std::string_view name(reinterpret_cast<const char*>(node->name));
  auto it = table.find(name);
  if (it != table.end()) {
    const TagInfo& t = it->second;
    h.skip = t.skip && (strict || !t.strict_only);
    h.kind = t.kind;
    h.heading_level = t.heading_level;
    h.tag_weight = t.weight;
    h.is_container_root = t.root;
  }
  if (name == "a") h.is_link = true;
  if (h.skip) return h;

  NameBuffer cls, id;
  std::string_view role;
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    std::string_view an(reinterpret_cast<const char*>(a->name));
    if (an == "class") {
      if (a->children) cls.append(a->children->content);
    } else if (an == "id") {
      if (a->children) id.append(a->children->content);
    } else if (an == "role") {
      role = attr_value(a);
    } else if (an == "hidden") {
      h.skip = true;
    } else if (an == "style") {
      if (is_hidden_style(attr_value(a))) h.skip = true;
    } else if (an == "aria-hidden") {
      if (attr_value(a) == "true") h.skip = true;
    }
  }
  if (h.skip) return h;
  // Each word list matches within one name, so the flags of class and id
  // add up to those of both together.
  const uint8_t f = class_flags(cls.view(), comments) | (id.size ? classify_names(id.view(), comments) : 0);
  const bool content = f & kContentName;
  const bool boilerplate = f & kBoilerplateName;
  const bool comment_section = f & kCommentSection;
  if (content) h.class_weight += 25;
  if (boilerplate) h.class_weight -= 25;
  if (comments && comment_section) h.class_weight = 0;
  if (h.is_container_root) return h;
  // Even the lenient retry leaves out comment threads: they are long,
  // comma-rich prose and would win the scoring.
  if (!comments && comment_section && !content) h.skip = true;
  if (!strict) {
    if (boilerplate && !content && (f & kLenientSkipName)) {
      h.skip = true;
      h.skip_by_name = true;
    }
    return h;
  }
  if (is_boilerplate_role(role)) h.skip = true;
  // A name that says both ("article-footer", "post-sidebar") is boilerplate
  // unless it is a plain content wrapper ("content-with-sidebar" is rare
  // enough that the lenient retry covers it).
  if (boilerplate && !(content && !(f & kMixedFurnitureName))) {
    h.skip = true;
    h.skip_by_name = comments || !comment_section;
  }
  return h;
}

}  // namespace dpk
