// dpk/text_normalizer.h — folds text before it is hashed, so that texts that
// differ only in case, spacing or punctuation hash the same (dedup).
//
// Folds, each optional:
//   lower:       Unicode simple case folding (ICU u_foldCase, per code point:
//                "Straße" -> "straße", "ΣΑΣ" -> "σασ"; no locale involved);
//   whitespace:  runs of Unicode white space become one ' '; leading and
//                trailing white space is removed;
//   punctuation: Unicode punctuation (general category P*) is removed.
// Invalid UTF-8 bytes are kept as they are. With no folds the text is copied.
//
//   dpk::TextNormalizer n;
//   n.parse_folds("lower,whitespace");  // false on an unknown fold
//   std::string_view key = n.normalize("  Hello,  World ");  // "hello, world"
#pragma once

#include <string>
#include <string_view>

namespace dpk {

class TextNormalizer {
 public:
  // Comma-separated list of lower|whitespace|punctuation (or "none", "").
  // Returns false and leaves the folds unchanged when an item is unknown.
  bool parse_folds(std::string_view list);
  bool lower = false;
  bool whitespace = false;
  bool punctuation = false;
  bool any() const { return lower || whitespace || punctuation; }

  // The folded text, valid until the next call (kept in a member buffer so
  // a per-thread instance does not allocate per document). Without folds,
  // `text` itself is returned.
  std::string_view normalize(std::string_view text);

 private:
  std::string buf_;
};

}  // namespace dpk
