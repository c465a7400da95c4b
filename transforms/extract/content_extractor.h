// content_extractor.h — main-content text from an HTML page.
//
// The page is parsed by libxml2's HTML parser (error-tolerant, like a
// browser). Then, on the tree:
//   1. elements that never hold main content are skipped (scripts, forms'
//      controls, nav/aside/footer, hidden elements, ARIA navigation roles,
//      and elements whose class/id name them boilerplate: menu, sidebar,
//      cookie, share, comments ...);
//   2. the rest becomes a list of text blocks (paragraphs, headings, list
//      items, cells), each with its length and the part of it inside links;
//   3. every block scores its ancestors (longer, comma-rich text counts more,
//      link-heavy text less); the best-scoring element is the main content,
//      joined by siblings that score close to it;
//   4. blocks in the chosen elements are kept unless they are mostly links.
// If that leaves almost nothing, the page is retried without the class/id
// rules (some sites name their article wrapper "...-sidebar-layout").
//
//   dpk::ContentExtractor x({.format = dpk::TextFormat::kText});
//   const dpk::ExtractedPage& page = x.extract(html_utf8);
//   // page.text, page.title, page.lang
//
// An instance keeps scratch buffers and a parser context: one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dpk {

enum class TextFormat { kText, kMarkdown };

struct ExtractOptions {
  TextFormat format = TextFormat::kText;
  bool comments = false;  // keep user comment sections
  bool tables = true;     // keep table cells
};

struct ExtractedPage {
  std::string text;   // main content; paragraphs separated by newlines
  std::string title;  // <title>, or the first <h1> when there is none
  std::string lang;   // <html lang="...">, or Content-Language meta
};

class ContentExtractor {
 public:
  explicit ContentExtractor(ExtractOptions options);
  ~ContentExtractor();
  ContentExtractor(const ContentExtractor&) = delete;
  ContentExtractor& operator=(const ContentExtractor&) = delete;

  // `html` must be UTF-8 (a meta charset in the page is ignored). The result
  // stays valid until the next call.
  const ExtractedPage& extract(std::string_view html);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dpk
