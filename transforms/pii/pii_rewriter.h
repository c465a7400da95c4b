// pii_rewriter.h — replaces entities in a text: a tag (redact), '*' per
// character (mask), or a keyed pseudonym (hash: HMAC-SHA256 of the value, so
// the same value gets the same pseudonym across the whole corpus for one key).
//
// Before rewriting, every other occurrence of a detected value in the same
// text is added as an entity of the same type: a value seen once is never
// left readable elsewhere (e.g. where a context rule turned it down).
//
//   PiiRewriter rw(PiiMode::kRedact, "<{type}>", "");
//   rw.rewrite("mail a@b.org", entities, out);   // "mail <EMAIL>"
#pragma once

#include <bitset>
#include <string>
#include <string_view>
#include <vector>

#include "pii_types.h"

namespace dpk::pii {

enum class PiiMode { kRedact, kMask, kHash, kAnnotate, kDrop };

class PiiRewriter {
 public:
  // `tmpl` may hold {type} and (hash mode) {hash}; `key` is the HMAC key.
  PiiRewriter(PiiMode mode, std::string_view tmpl, std::string key);
  // Adds the other occurrences of detected values to `entities` (kept sorted
  // and non-overlapping). One pass over the text.
  void add_repeated_values(std::string_view text, std::vector<Entity>& entities);
  // Writes `text` with `entities` (sorted, non-overlapping) replaced.
  void rewrite(std::string_view text, const std::vector<Entity>& entities, std::string& out);
  // The 16-hex-digit pseudonym of a value.
  std::string pseudonym(std::string_view value) const;

 private:
  void append_replacement(std::string_view value, PiiType type, std::string& out) const;

  PiiMode mode_;
  std::vector<std::string> pieces_;  // literal text between placeholders
  std::vector<char> holes_;          // 't' (type) or 'h' (hash) after each piece
  std::string key_;
  std::vector<Entity> added_;
  std::vector<std::pair<uint32_t, size_t>> prefixes_;  // first four bytes, entity index
  std::bitset<65536> filter_;
};

}  // namespace dpk::pii
