#include "spacy_tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>

#include "text_scan.h"

namespace dpk::quality {
namespace {

// Bounds the per-thread cache (a few MB); spaCy's own holds 10,000 chunks.
// A larger one did not help on web text: the chunks that miss are unique.
constexpr size_t kCacheLimit = 1 << 16;

std::unique_ptr<icu::RegexMatcher> matcher_for(const std::unique_ptr<icu::RegexPattern>& p) {
  if (!p) return nullptr;
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(p->matcher(st));
  return U_SUCCESS(st) ? std::move(m) : nullptr;
}

// spaCy's is_punct: every character is punctuation (general category P*).
bool is_punct(std::string_view s) {
  for (int32_t i = 0, n = static_cast<int32_t>(s.size()); i < n;) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if ((U_GET_GC_MASK(c) & U_GC_P_MASK) == 0) return false;
  }
  return true;
}

enum class PlainKind { kNone, kLetters, kDigits };

// Whether `c` is only letters and marks (Unicode L, M), or only ASCII
// digits. ASCII is checked 8 bytes at a time.
PlainKind plain_kind(std::string_view c) {
  if (c.empty()) return PlainKind::kNone;
  bool letters = true, digits = true;
  size_t i = 0;
  constexpr uint64_t k01 = 0x0101010101010101ULL, k80 = 0x8080808080808080ULL;
  for (; i + 8 <= c.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, c.data() + i, 8);
    if (w & k80) break;
    // Per byte (all < 0x80, so no carry crosses bytes): x + 0x80 - lo has
    // its high bit set when x >= lo, x + 0x7f - hi when x > hi.
    auto in_range = [&](uint64_t x, uint64_t lo, uint64_t hi) {
      return (x + (0x80 - lo) * k01) & ~(x + (0x7f - hi) * k01) & k80;
    };
    letters = letters && in_range(w | 0x2020202020202020ULL, 'a', 'z') == k80;
    digits = digits && in_range(w, '0', '9') == k80;
    if (!letters && !digits) return PlainKind::kNone;
  }
  for (int32_t k = static_cast<int32_t>(i), n = static_cast<int32_t>(c.size()); k < n && (letters || digits);) {
    const auto b = static_cast<unsigned char>(c[static_cast<size_t>(k)]);
    if (b < 0x80) {
      letters = letters && ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
      digits = digits && (b >= '0' && b <= '9');
      ++k;
      continue;
    }
    UChar32 cp;
    U8_NEXT(c.data(), k, n, cp);
    digits = false;
    letters = letters && cp >= 0 && (U_GET_GC_MASK(cp) & (U_GC_L_MASK | U_GC_M_MASK)) != 0;
  }
  return letters ? PlainKind::kLetters : digits ? PlainKind::kDigits : PlainKind::kNone;
}

void push(std::string_view t, std::vector<SpacyToken>& out) { out.push_back({t, is_blank(t)}); }

// Tokens `pieces` (which concatenate to `s`) as views into `s`.
void push_pieces(std::string_view s, const std::vector<std::string>& pieces, std::vector<SpacyToken>& out) {
  size_t at = 0;
  for (const auto& p : pieces) {
    push(s.substr(at, p.size()), out);
    at += p.size();
  }
}

}  // namespace

SpacyTokenizer::SpacyTokenizer(const SpacyRules& rules)
    : rules_(rules),
      prefix_(matcher_for(rules.prefix)),
      suffix_(matcher_for(rules.suffix)),
      infix_(matcher_for(rules.infix)),
      token_(matcher_for(rules.token_match)),
      url_(matcher_for(rules.url_match)),
      suffix_bounded_(matcher_for(rules.suffix_bounded)),
      suffix_unbounded_(matcher_for(rules.suffix_unbounded)),
      suffix_bounded_whole_(matcher_for(rules.suffix_bounded_whole)) {}

SpacyTokenizer::~SpacyTokenizer() = default;

bool SpacyTokenizer::is_special(std::string_view s) const {
  return rules_.may_be_special(s) && rules_.specials.find(s) != rules_.specials.end();
}

std::string_view SpacyTokenizer::view(std::string_view c, int32_t b, int32_t e) const {
  return c.substr(offset_[static_cast<size_t>(b)], offset_[static_cast<size_t>(e)] - offset_[static_cast<size_t>(b)]);
}

// A matcher's region is searched as a string of its own: lookbehind cannot
// see past its start, ^ and $ match at its ends (ICU's default opaque,
// anchoring bounds), as Python matches a slice.
bool SpacyTokenizer::starts_with_match(icu::RegexMatcher* m, int32_t b, int32_t e) {
  if (m == nullptr) return false;
  UErrorCode st = U_ZERO_ERROR;
  m->reset(u_);
  m->region(b, e, st);
  return m->lookingAt(st) && U_SUCCESS(st);
}

int32_t SpacyTokenizer::prefix_length(int32_t b, int32_t e) {
  if (b < e && !rules_.prefix_first.may_be(u_.char32At(b))) return 0;
  if (!starts_with_match(prefix_.get(), b, e)) return 0;
  UErrorCode st = U_ZERO_ERROR;
  return prefix_->end(st) - prefix_->start(st);
}

// The suffix pattern is searched for (Python's re.search): the leftmost
// match wins, and every match ends at the end, so its length is the distance
// from its start to the end.
int32_t SpacyTokenizer::suffix_length(int32_t b, int32_t e) {
  if (b < e && !rules_.suffix_last.may_be(u_.char32At(e - 1))) return 0;
  if (rules_.suffix_window >= 0) {
    int32_t start = e;
    bool found = false;
    UErrorCode st = U_ZERO_ERROR;
    // N code points are at most 2N UTF-16 units; never start inside a pair.
    int32_t from = std::max(b, e - 2 * rules_.suffix_window);
    if (from > b && U16_IS_TRAIL(u_.charAt(from))) --from;
    // ICU's $ also matches before a line terminator that ends the string,
    // which a plain comparison does not see; chunks never end in one (they
    // are whitespace), but a string that does gets the whole pattern.
    const bool terminator_last = b < e && is_space(u_.char32At(e - 1));
    icu::RegexMatcher* bounded = terminator_last ? suffix_bounded_whole_.get() : suffix_bounded_.get();
    if (!terminator_last) {
      // The plain-string alternatives: the leftmost match is the longest
      // that ends the string and starts at or after `from`.
      for (const icu::UnicodeString& lit : rules_.suffix_literals) {
        const int32_t s = e - lit.length();
        if (s >= from && s < start && u_.compare(s, lit.length(), lit) == 0) {
          start = s;
          found = true;
        }
      }
    }
    if (bounded != nullptr) {
      bounded->reset(u_);
      bounded->region(b, e, from, st);
      if (bounded->find(st) && U_SUCCESS(st) && bounded->start(st) < start) {
        start = bounded->start(st);
        found = true;
      }
    }
    if (suffix_unbounded_ != nullptr) {
      suffix_unbounded_->reset(u_);
      suffix_unbounded_->region(b, e, st);
      if (suffix_unbounded_->find(st) && U_SUCCESS(st) && (!found || suffix_unbounded_->start(st) < start)) {
        start = suffix_unbounded_->start(st);
        found = true;
      }
    }
    return found ? e - start : 0;
  }
  if (suffix_ == nullptr) return 0;
  UErrorCode st = U_ZERO_ERROR;
  suffix_->reset(u_);
  suffix_->region(b, e, st);
  if (!suffix_->find(st) || U_FAILURE(st)) return 0;
  return suffix_->end(st) - suffix_->start(st);
}

bool SpacyTokenizer::is_plain(std::string_view s) const {
  if (!rules_.plain_letters && !rules_.plain_digits) return false;
  const PlainKind kind = plain_kind(s);
  return (kind == PlainKind::kLetters && rules_.plain_letters) || (kind == PlainKind::kDigits && rules_.plain_digits);
}

bool SpacyTokenizer::may_hold_infix(int32_t b, int32_t e) const {
  const auto& edge = rules_.infix_first;
  if (!edge.known) return true;
  for (int32_t k = b; k < e; ++k) {
    const char16_t c = u_.charAt(k);
    if (c < 128 ? edge.ascii[c] : edge.non_ascii) return true;
  }
  return false;
}

void SpacyTokenizer::tokenize(std::string_view text, std::vector<SpacyToken>& out) {
  out.clear();
  if (text.empty()) return;
  // Like spaCy: alternate runs of whitespace and of other characters; a
  // single ' ' that ends a non-space run belongs to no token.
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  size_t start = 0;
  bool in_ws = is_space(first_code_point(text));
  while (i < n) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (is_space(c) != in_ws) {
      if (start < static_cast<size_t>(at)) chunk(text.substr(start, static_cast<size_t>(at) - start), out);
      start = c == ' ' ? static_cast<size_t>(i) : static_cast<size_t>(at);
      in_ws = !in_ws;
    }
  }
  if (start < text.size()) chunk(text.substr(start), out);
  join_span_cases(text, out);
}

void SpacyTokenizer::chunk(std::string_view c, std::vector<SpacyToken>& out) {
  if (rules_.may_be_special(c)) {
    if (auto sp = rules_.specials.find(c); sp != rules_.specials.end()) {
      push_pieces(c, sp->second, out);
      return;
    }
  }
  // Most chunks are plain words or numbers, which no affix rule splits.
  if (is_plain(c)) {
    push(c, out);
    return;
  }
  if (auto hit = cache_.find(c); hit != cache_.end()) {
    size_t at = 0;
    for (uint32_t len : hit->second) {
      push(c.substr(at, len), out);
      at += len;
    }
    return;
  }
  const size_t first = out.size();
  split_chunk(c, out);
  if (cache_.size() >= kCacheLimit) cache_.clear();
  std::vector<uint32_t> lengths;
  lengths.reserve(out.size() - first);
  for (size_t k = first; k < out.size(); ++k) lengths.push_back(static_cast<uint32_t>(out[k].text.size()));
  cache_.emplace(std::string(c), std::move(lengths));
}

void SpacyTokenizer::split_chunk(std::string_view c, std::vector<SpacyToken>& out) {
  u_ = icu::UnicodeString::fromUTF8(icu::StringPiece(c.data(), static_cast<int32_t>(c.size())));
  const int32_t n = u_.length();
  offset_.assign(static_cast<size_t>(n) + 1, 0);
  uint32_t byte = 0;
  for (int32_t k = 0; k < n;) {
    const UChar32 cp = u_.char32At(k);
    offset_[static_cast<size_t>(k)] = byte;
    if (U16_LENGTH(cp) == 2) offset_[static_cast<size_t>(k) + 1] = byte;
    k += U16_LENGTH(cp);
    byte += static_cast<uint32_t>(U8_LENGTH(cp));
  }
  offset_[static_cast<size_t>(n)] = byte;
  if (byte != c.size()) {  // not valid UTF-8: leave the chunk whole
    push(c, out);
    return;
  }

  // Peel prefixes and suffixes (spaCy's _split_affixes).
  prefixes_.clear();
  suffixes_.clear();
  int32_t b = 0, e = n, last_size = 0;
  while (e > b && e - b != last_size) {
    if (starts_with_match(token_.get(), b, e) || is_special(view(c, b, e))) break;
    // What is left of "word," once "," is off: no affix can match it.
    if (is_plain(view(c, b, e))) break;
    last_size = e - b;
    const int32_t pre = prefix_length(b, e);
    if (pre != 0 && b + pre < e && is_special(view(c, b + pre, e))) {
      prefixes_.emplace_back(b, b + pre);
      b += pre;
      break;
    }
    const int32_t suf = suffix_length(b + pre, e);
    if (suf != 0 && e - suf > b && is_special(view(c, b, e - suf))) {
      suffixes_.emplace_back(e - suf, e);
      e -= suf;
      break;
    }
    if (pre != 0 && suf != 0 && pre + suf <= e - b) {
      prefixes_.emplace_back(b, b + pre);
      suffixes_.emplace_back(e - suf, e);
      b += pre;
      e -= suf;
    } else if (pre != 0) {
      prefixes_.emplace_back(b, b + pre);
      b += pre;
    } else if (suf != 0) {
      suffixes_.emplace_back(e - suf, e);
      e -= suf;
    }
  }

  // Attach (spaCy's _attach_tokens).
  for (auto [pb, pe] : prefixes_) push(view(c, pb, pe), out);
  if (e > b) {
    const std::string_view s = view(c, b, e);
    if (auto sp = is_special(s) ? rules_.specials.find(s) : rules_.specials.end(); sp != rules_.specials.end()) {
      push_pieces(s, sp->second, out);
    } else if (infix_ == nullptr || is_plain(s) || !may_hold_infix(b, e) || starts_with_match(token_.get(), b, e) ||
               starts_with_match(url_.get(), b, e)) {
      push(s, out);
    } else {
      UErrorCode st = U_ZERO_ERROR;
      infix_->reset(u_);
      infix_->region(b, e, st);
      int32_t start = b;
      while (infix_->find(st) && U_SUCCESS(st)) {
        const int32_t is = infix_->start(st), ie = infix_->end(st);
        if (is == b) continue;  // an infix at the very start splits nothing
        if (is != start) push(view(c, start, is), out);
        if (is != ie) push(view(c, is, ie), out);
        start = ie;
      }
      if (start < e) push(view(c, start, e), out);
    }
  }
  for (auto it = suffixes_.rbegin(); it != suffixes_.rend(); ++it) push(view(c, it->first, it->second), out);
}

// spaCy's special-case matcher: a run of tokens that equals the pieces of a
// special case whose string holds an affix is re-tokenized as that special
// case when the run's text is the string. Longest runs win, then the first.
void SpacyTokenizer::join_span_cases(std::string_view text, std::vector<SpacyToken>& t) {
  if (rules_.span_cases.empty()) return;
  spans_.clear();
  for (size_t i = 0; i < t.size(); ++i) {
    if (!rules_.may_start_span_case(t[i].text)) continue;
    auto it = rules_.span_cases.find(t[i].text);
    if (it == rules_.span_cases.end()) continue;
    for (const auto& sc : it->second) {
      const size_t k = sc.pieces.size();
      if (i + k > t.size()) continue;
      bool same = true;
      for (size_t j = 1; j < k && same; ++j) same = t[i + j].text == sc.pieces[j];
      if (same) spans_.emplace_back(i, i + k);
    }
  }
  if (spans_.empty()) return;
  std::sort(spans_.begin(), spans_.end(), [](auto a, auto b) {
    const size_t la = a.second - a.first, lb = b.second - b.first;
    return la != lb ? la < lb : b.first < a.first;
  });
  std::vector<char> seen(t.size(), 0);
  std::vector<std::pair<size_t, size_t>> kept;
  for (auto it = spans_.rbegin(); it != spans_.rend(); ++it) {
    if (!seen[it->first] && !seen[it->second - 1]) kept.push_back(*it);
    for (size_t k = it->first; k < it->second; ++k) seen[k] = 1;
  }
  std::sort(kept.begin(), kept.end());
  joined_.clear();
  size_t i = 0;
  for (auto [s, e] : kept) {
    for (; i < s; ++i) joined_.push_back(t[i]);
    const char* b = t[s].text.data();
    const std::string_view span(b, static_cast<size_t>(t[e - 1].text.data() + t[e - 1].text.size() - b));
    if (auto sp = rules_.specials.find(span); sp != rules_.specials.end()) {
      push_pieces(span, sp->second, joined_);
    } else {
      for (size_t k = s; k < e; ++k) joined_.push_back(t[k]);
    }
    i = e;
  }
  for (; i < t.size(); ++i) joined_.push_back(t[i]);
  (void)text;
  t.swap(joined_);
}

size_t SpacyTokenizer::count_sentences(std::string_view text) {
  tokenize(text, tokens_);
  size_t n = 0;
  bool seen_period = false, has_text = false;
  for (const auto& tok : tokens_) {
    const bool ends = tok.text.size() <= rules_.sentence_punct_longest &&
                      rules_.sentence_punct.find(tok.text) != rules_.sentence_punct.end();
    if (seen_period && !ends && !is_punct(tok.text)) {
      n += has_text;
      has_text = false;
      seen_period = false;
    } else if (ends) {
      seen_period = true;
    }
    has_text = has_text || !tok.space;
  }
  return n + has_text;
}

}  // namespace dpk::quality
