#include "spacy_rules.h"

#include <zstd.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>

extern const unsigned char dpk_spacy_tokenizer_rules_zst[];
extern const unsigned long dpk_spacy_tokenizer_rules_zst_size;

namespace dpk::quality {
namespace {

// The embedded rules, decompressed once.
const std::string& rules_text() {
  static const std::string text = [] {
    const void* src = dpk_spacy_tokenizer_rules_zst;
    const size_t n = dpk_spacy_tokenizer_rules_zst_size;
    const unsigned long long size = ZSTD_getFrameContentSize(src, n);
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN)
      throw std::logic_error("embedded spaCy tokenizer rules: bad zstd frame");
    std::string out(size, '\0');
    if (ZSTD_isError(ZSTD_decompress(out.data(), out.size(), src, n)))
      throw std::logic_error("embedded spaCy tokenizer rules: cannot decompress");
    return out;
  }();
  return text;
}

// %HH escapes (tab, newline, CR, %) undone.
std::string unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> f;
  size_t b = 0;
  for (size_t t; (t = line.find('\t', b)) != std::string_view::npos; b = t + 1) f.push_back(line.substr(b, t - b));
  f.push_back(line.substr(b));
  return f;
}

std::unique_ptr<icu::RegexPattern> compile(std::string_view lang, std::string_view what, std::string_view src) {
  if (src.empty()) return nullptr;
  UErrorCode st = U_ZERO_ERROR;
  UParseError pe;
  const icu::UnicodeString pattern = icu::UnicodeString::fromUTF8(icu::StringPiece(src.data(), static_cast<int32_t>(src.size())));
  std::unique_ptr<icu::RegexPattern> p(icu::RegexPattern::compile(pattern, 0, pe, st));
  if (U_FAILURE(st))
    throw std::logic_error("spaCy " + std::string(what) + " pattern of '" + std::string(lang) +
                           "' does not compile: " + u_errorName(st) + " at offset " + std::to_string(pe.offset));
  return p;
}

// Splits a top-level alternation into the alternatives that are a plain
// string anchored at the end (each character written \x{HEX} or as an
// ASCII letter or digit, then "$") and the rest, rejoined with '|'.
void split_literal_suffixes(std::string_view src, std::vector<icu::UnicodeString>& literals, std::string& rest) {
  std::vector<std::string_view> alternatives;
  int paren = 0, bracket = 0;
  size_t from = 0;
  for (size_t i = 0; i < src.size(); ++i) {
    const char c = src[i];
    if (c == '\\') {
      ++i;  // the escaped character never opens, closes or separates
    } else if (c == '[') {
      ++bracket;
    } else if (c == ']' && bracket > 0) {
      --bracket;
    } else if (bracket == 0 && c == '(') {
      ++paren;
    } else if (bracket == 0 && c == ')') {
      --paren;
    } else if (bracket == 0 && paren == 0 && c == '|') {
      alternatives.push_back(src.substr(from, i - from));
      from = i + 1;
    }
  }
  alternatives.push_back(src.substr(from));
  if (paren != 0 || bracket != 0) {  // not understood: leave it whole
    rest.assign(src);
    return;
  }
  for (std::string_view a : alternatives) {
    icu::UnicodeString literal;
    bool plain = a.size() >= 2 && a.back() == '$';
    for (size_t i = 0; plain && i + 1 < a.size();) {
      const char c = a[i];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        literal.append(static_cast<UChar32>(c));
        ++i;
      } else if (a.substr(i, 3) == "\\x{" && a.find('}', i) != std::string_view::npos && a.find('}', i) + 1 < a.size()) {
        const size_t close = a.find('}', i);
        const std::string hex(a.substr(i + 3, close - i - 3));
        plain = !hex.empty() && hex.size() <= 6 && hex.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
        if (plain) literal.append(static_cast<UChar32>(std::stoul(hex, nullptr, 16)));
        i = close + 1;
      } else {
        plain = false;
      }
    }
    if (plain) {
      literals.push_back(literal);
    } else {
      if (!rest.empty()) rest.push_back('|');
      rest.append(a);
    }
  }
}

// Parses the section of `language` out of the rules text; nullptr if absent.
std::unique_ptr<SpacyRules> load(std::string_view language) {
  std::string_view text = rules_text();
  const std::string head = "language\t" + std::string(language) + "\n";
  size_t at = text.rfind(head, 0) == 0 ? 0 : text.find("\n" + head);
  if (at == std::string_view::npos) return nullptr;
  if (at != 0) ++at;
  auto r = std::make_unique<SpacyRules>();
  r->language = std::string(language);
  size_t pos = at + head.size();
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    const auto f = fields(line);
    const std::string_view kind = f[0];
    if (kind == "language") break;
    const std::string_view arg = f.size() > 1 ? f[1] : std::string_view();
    if (kind == "prefix") {
      r->prefix = compile(language, kind, arg);
    } else if (kind == "suffix") {
      r->suffix = compile(language, kind, arg);
    } else if (kind == "infix") {
      r->infix = compile(language, kind, arg);
    } else if (kind == "suffix_bounded") {
      r->suffix_window = f.size() > 2 ? std::stoi(std::string(f[2])) : -1;
      r->suffix_bounded_whole = compile(language, kind, arg);
      std::string rest;
      split_literal_suffixes(arg, r->suffix_literals, rest);
      r->suffix_bounded = compile(language, kind, rest);
    } else if (kind == "suffix_unbounded") {
      r->suffix_unbounded = compile(language, kind, arg);
    } else if (kind == "edges" && f.size() == 4 && f[2].size() == 32) {
      SpacyRules::Edge* e = arg == "prefix_first" ? &r->prefix_first
                            : arg == "suffix_last"  ? &r->suffix_last
                            : arg == "infix_first"  ? &r->infix_first
                                                    : nullptr;
      if (e != nullptr) {
        for (size_t k = 0; k < 32; ++k) {  // most significant hex digit first
          const int v = std::stoi(std::string(1, f[2][k]), nullptr, 16);
          for (int bit = 0; bit < 4; ++bit)
            if (v >> bit & 1) e->ascii.set((31 - k) * 4 + static_cast<size_t>(bit));
        }
        e->non_ascii = f[3] == "1";
        e->known = true;
      }
    } else if (kind == "token") {
      r->token_match = compile(language, kind, arg);
    } else if (kind == "url") {
      r->url_match = compile(language, kind, arg);
    } else if (kind == "special" || kind == "matcher") {
      std::vector<std::string> pieces;
      for (size_t i = 2; i < f.size(); ++i) pieces.push_back(unescape(f[i]));
      std::string key = unescape(arg);
      if (kind == "special") {
        r->specials[key] = std::move(pieces);
      } else if (!pieces.empty()) {
        const std::string first = pieces.front();
        r->span_cases[first].push_back({std::move(pieces), std::move(key)});
      }
    } else if (kind == "plain") {
      for (size_t i = 1; i < f.size(); ++i) {
        r->plain_letters = r->plain_letters || f[i] == "letters";
        r->plain_digits = r->plain_digits || f[i] == "digits";
      }
    } else if (kind == "punct") {
      for (size_t i = 1; i < f.size(); ++i) {
        std::string p = unescape(f[i]);
        r->sentence_punct_longest = std::max(r->sentence_punct_longest, p.size());
        r->sentence_punct.insert(std::move(p));
      }
    }
  }
  if (r->suffix_window < 0) {
    r->suffix_bounded.reset(), r->suffix_unbounded.reset(), r->suffix_bounded_whole.reset();
    r->suffix_literals.clear();
  }
  for (const auto& [k, v] : r->specials)
    if (!k.empty()) r->special_edges[SpacyRules::edge(k)] = true;
  for (const auto& [k, v] : r->span_cases)
    if (!k.empty()) r->span_case_edges[SpacyRules::edge(k)] = true;
  return r;
}

}  // namespace

const SpacyRules* spacy_rules(std::string_view language) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<SpacyRules>, std::less<>> loaded;
  std::lock_guard lock(mu);
  auto it = loaded.find(language);
  if (it == loaded.end()) it = loaded.emplace(std::string(language), load(language)).first;
  return it->second.get();
}

}  // namespace dpk::quality
