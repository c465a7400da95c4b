#include "validators.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "protocol_names.h"
#include "top_level_domains.h"

namespace dpk::pii {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_word(char c) { return is_alnum(c) || c == '_'; }

char at(std::string_view t, int64_t i) {
  return i >= 0 && static_cast<size_t>(i) < t.size() ? t[static_cast<size_t>(i)] : '\0';
}

// A number does not go on after `end`: no further digit, and no decimal or
// group separator followed by a digit ("4111...1111.50", "1.2.3.4.5").
bool number_ends_at(std::string_view t, uint32_t end) {
  const char n = at(t, end);
  if (is_alnum(n)) return false;
  if ((n == '.' || n == ',' || n == '-') && is_digit(at(t, end + 1))) return false;
  return true;
}
// A number does not start before `begin`.
bool number_starts_at(std::string_view t, uint32_t begin) {
  const char p = at(t, int64_t{begin} - 1);
  if (is_alnum(p)) return false;
  if ((p == '.' || p == ',' || p == '-') && is_digit(at(t, int64_t{begin} - 2))) return false;
  return true;
}

constexpr std::array<std::pair<std::string_view, int>, 78> kIbanLengths = {{
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
    {"BH", 22}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22},
    {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FO", 18}, {"FR", 27},
    {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28},
    {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20},
    {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"LY", 25}, {"MC", 27},
    {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18}, {"NO", 15},
    {"PK", 24}, {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"SA", 24},
    {"SC", 31}, {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28},
    {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VG", 24}, {"XK", 20},
}};

// Issuer (IIN) ranges and lengths, after the table of payment card number
// ranges (Wikipedia, "Payment card number"). `named_below`: lengths under it
// are read only after a card word (CardIssuerRule::kNamed).
struct IinRange {
  int digits;          // prefix length compared
  int lo, hi;          // prefix range, inclusive
  uint32_t lengths;    // bit n: n digits allowed
  size_t named_below;  // 0: every allowed length stands on its own
};
constexpr uint32_t lengths(int lo, int hi) { return ((1u << (hi + 1)) - 1) & ~((1u << lo) - 1); }
constexpr uint32_t kAnyCard = lengths(12, 19);

constexpr IinRange kIinRanges[] = {
    {1, 4, 4, lengths(13, 13) | lengths(16, 16) | lengths(19, 19), 0},  // Visa
    {2, 51, 55, lengths(16, 16), 0},                                    // Mastercard
    {4, 2221, 2720, lengths(16, 16), 0},                                // Mastercard 2-series
    {2, 34, 34, lengths(15, 15), 0},                                    // American Express
    {2, 37, 37, lengths(15, 15), 0},
    {4, 6011, 6011, lengths(16, 19), 0},                                // Discover
    {3, 644, 649, lengths(16, 19), 0},
    {2, 65, 65, lengths(16, 19), 0},
    {4, 3528, 3589, lengths(16, 19), 0},                                // JCB
    {4, 1800, 1800, lengths(15, 15), 0},                                // JCB's 15-digit ranges
    {4, 2131, 2131, lengths(15, 15), 0},
    {3, 300, 305, lengths(14, 19), 0},                                  // Diners Club
    {2, 36, 36, lengths(14, 19), 0},
    {3, 309, 309, lengths(14, 19), 0},
    {2, 38, 39, lengths(14, 19), 0},
    {2, 62, 62, lengths(16, 19), 0},                                    // UnionPay
    {4, 2200, 2204, lengths(16, 19), 0},                                // Mir
    // Maestro: its own IINs stand alone at 16-19 digits; 12-15 digits (the
    // length of many order numbers, phone numbers with their country code,
    // 12-digit national ids), Mastercard's wide Maestro ranges 50 and 56-69
    // and 0604 (in older versions of the table) only after a card word.
    {4, 5018, 5018, kAnyCard, 16},
    {4, 5020, 5020, kAnyCard, 16},
    {4, 5038, 5038, kAnyCard, 16},
    {4, 5893, 5893, kAnyCard, 16},
    {4, 6304, 6304, kAnyCard, 16},
    {4, 6759, 6759, kAnyCard, 16},
    {4, 6761, 6763, kAnyCard, 16},
    {2, 50, 50, kAnyCard, 20},
    {2, 56, 69, kAnyCard, 20},
    {4, 604, 604, kAnyCard, 20},  // "0604"
};

}  // namespace

bool luhn_valid(std::string_view digits) {
  int sum = 0;
  bool dbl = false;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (d < 0 || d > 9) return false;
    if (dbl) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    dbl = !dbl;
  }
  return !digits.empty() && sum % 10 == 0;
}

CardIssuerRule card_issuer_rule(std::string_view d) {
  const size_t n = d.size();
  if (n < 12 || n > 19) return CardIssuerRule::kNone;
  int prefix[5] = {0, 0, 0, 0, 0};  // prefix[k]: the first k digits
  for (int k = 1; k <= 4; ++k) prefix[k] = prefix[k - 1] * 10 + (d[static_cast<size_t>(k - 1)] - '0');
  auto best = CardIssuerRule::kNone;
  for (const IinRange& r : kIinRanges) {
    const int p = prefix[r.digits];
    if (p < r.lo || p > r.hi || !(r.lengths & (1u << n))) continue;
    const auto rule = n < r.named_below ? CardIssuerRule::kNamed : CardIssuerRule::kShape;
    if (rule == CardIssuerRule::kShape) return rule;
    best = rule;
  }
  return best;
}

bool card_named_before(std::string_view t, uint32_t begin) {
  const uint32_t from = begin > 32 ? begin - 32 : 0;
  char w[32];
  const size_t len = begin - from;
  for (size_t i = 0; i < len; ++i) {
    const char ch = t[from + i];
    w[i] = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
  }
  const std::string_view window(w, len);
  if (window.find("aadhar") != std::string_view::npos || window.find("aadhaar") != std::string_view::npos)
    return false;
  for (std::string_view word : {"card", "carte", "carta", "cartão", "kart", "tarjeta", "credit", "debit",
                                "maestro"}) {
    if (window.find(word) != std::string_view::npos) return true;
  }
  // "cc" as a word only ("cc 5018 ...", "CC#"), not inside "account".
  for (size_t i = window.find("cc"); i != std::string_view::npos; i = window.find("cc", i + 1)) {
    if ((i == 0 || !is_alpha(window[i - 1])) && !is_alpha(at(window, static_cast<int64_t>(i) + 2))) return true;
  }
  return false;
}

int iban_length_for_country(std::string_view cc) {
  for (const auto& [c, len] : kIbanLengths) {
    if (c == cc) return len;
  }
  return 0;
}

bool iban_checksum_valid(std::string_view s) {
  if (s.size() < 5) return false;
  int rem = 0;
  auto feed = [&](char c) -> bool {
    if (is_digit(c)) { rem = (rem * 10 + (c - '0')) % 97; return true; }
    if (c >= 'A' && c <= 'Z') { rem = (rem * 100 + (c - 'A' + 10)) % 97; return true; }
    return false;
  };
  for (size_t i = 4; i < s.size(); ++i) if (!feed(s[i])) return false;
  for (size_t i = 0; i < 4; ++i) if (!feed(s[i])) return false;
  return rem == 1;
}

bool ipv4_valid(std::string_view s) {
  int parts = 0;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = i;
    int v = 0;
    while (j < s.size() && is_digit(s[j]) && j - i < 4) v = v * 10 + (s[j++] - '0');
    const size_t len = j - i;
    if (len == 0 || len > 3 || v > 255 || (len > 1 && s[i] == '0')) return false;
    ++parts;
    if (j == s.size()) break;
    if (s[j] != '.') return false;
    i = j + 1;
  }
  return parts == 4;
}

bool ipv6_valid(std::string_view s) {
  if (s.size() < 2 || s.size() > 45) return false;
  char buf[64];
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  unsigned char out[16];
  return inet_pton(AF_INET6, buf, out) == 1;
}

double shannon_entropy(std::string_view s) {
  if (s.empty()) return 0;
  std::array<uint32_t, 256> counts{};
  for (unsigned char c : s) ++counts[c];
  double h = 0;
  const double n = static_cast<double>(s.size());
  for (uint32_t c : counts) {
    if (c) { const double p = c / n; h -= p * std::log2(p); }
  }
  return h;
}

namespace {
// Message-IDs are written like addresses: "<20220101123456.GA1234@host.org>"
// (mutt), "<87zgabc.fsf@gnu.org>" (Gnus), "<1234.5678.camel@host>"
// (Evolution), "<99b0adb6-26ba-293c-3a8f-679f59e7cb4d@host.de>"
// (Thunderbird), or after a header that names them.
bool is_message_id(std::string_view t, uint32_t b, uint32_t at_pos) {
  const std::string_view local = t.substr(b, at_pos - b);
  if (local.ends_with(".fsf") || local.ends_with(".camel")) return true;
  // A UUID (8-4-4-4-12 hex digits): Thunderbird's Message-IDs.
  if (local.size() == 36) {
    bool uuid = true;
    for (size_t i = 0; i < 36 && uuid; ++i) {
      const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
      uuid = dash ? local[i] == '-' : is_hex(local[i]);
    }
    if (uuid) return true;
  }
  size_t run = 0, longest = 0;
  for (char ch : local) {
    run = is_digit(ch) ? run + 1 : 0;
    longest = run > longest ? run : longest;
  }
  if (longest >= 10 && local.find('.') != std::string_view::npos) return true;
  const size_t line = t.rfind('\n', b);
  const size_t from = line == std::string_view::npos ? 0 : line + 1;
  char head[64];
  const size_t n = std::min<size_t>(b - from, sizeof head);
  for (size_t i = 0; i < n; ++i) {
    const char ch = t[b - n + i];
    head[i] = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
  }
  const std::string_view before(head, n);
  for (std::string_view h : {"message-id", "in-reply-to", "references:", "msgid", "mid:", "news:"}) {
    if (before.find(h) != std::string_view::npos) return true;
  }
  return false;
}

// An address's shape: the local part read back from the '@' (the
// candidate's start), the domain with a known top-level domain.
std::optional<Span> email_shape(std::string_view t, Span c) {
  const uint32_t at_pos = c.begin;
  uint32_t e = c.end;
  if (at(t, at_pos) != '@') return std::nullopt;
  auto local_byte = [](char ch) { return is_alnum(ch) || ch == '.' || ch == '_' || ch == '%' || ch == '+' || ch == '-'; };
  // Latin letters with diacritics (two-byte UTF-8, lead byte C3-C5) are
  // allowed in the local part ("jörg@..."); other scripts end it.
  auto latin2 = [&](uint32_t i) {  // t[i-2..i) is one such letter
    const auto lead = static_cast<unsigned char>(t[i - 2]), cont = static_cast<unsigned char>(t[i - 1]);
    return i >= 2 && lead >= 0xC3 && lead <= 0xC5 && (cont & 0xC0) == 0x80;
  };
  uint32_t b = at_pos;
  while (b > 0 && at_pos - b <= 64) {
    if (local_byte(t[b - 1])) --b;
    else if (b >= 2 && latin2(b)) b -= 2;
    else break;
  }
  if (b > 0 && local_byte(t[b - 1])) return std::nullopt;  // longer than 64
  while (b < at_pos && (t[b] == '.' || t[b] == '%' || t[b] == '+' || t[b] == '-')) ++b;
  if (b == at_pos) return std::nullopt;
  std::string_view local = t.substr(b, at_pos - b);
  if (local.size() > 64 || local.back() == '.' || local.find("..") != std::string_view::npos)
    return std::nullopt;
  // Domain: trailing hyphens are not part of it; the TLD is letters.
  while (e > at_pos + 1 && t[e - 1] == '-') --e;
  // Text glued after the address by a lost line break starts with a capital
  // ("...@almamedia.fiAsiakastuki"): the domain ends before it.
  {
    const size_t last_dot = t.substr(at_pos, e - at_pos).rfind('.');
    if (last_dot != std::string_view::npos) {
      for (uint32_t i = at_pos + static_cast<uint32_t>(last_dot) + 2; i < e; ++i) {
        if (t[i] >= 'A' && t[i] <= 'Z' && t[i - 1] >= 'a' && t[i - 1] <= 'z') { e = i; break; }
      }
    }
  }
  std::string_view domain = t.substr(at_pos + 1, e - at_pos - 1);
  if (domain.size() < 4 || domain.size() > 253 || e - b > 254) return std::nullopt;
  size_t start = 0;
  int labels = 0;
  while (true) {
    size_t dot = domain.find('.', start);
    std::string_view label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return std::nullopt;
    ++labels;
    if (dot == std::string_view::npos) {
      if (label.size() < 2) return std::nullopt;
      for (char ch : label) if (!is_alpha(ch)) return std::nullopt;
      // "en@quot.header", "getty@tty2.service", "logo@2x.png": no top-level domain.
      if (!TopLevelDomains::is_known(label)) return std::nullopt;
      break;
    }
    start = dot + 1;
  }
  if (labels < 2) return std::nullopt;
  const char p = at(t, int64_t{b} - 1);
  if (is_word(p)) return std::nullopt;
  return Span{b, e};
}
}  // namespace

std::optional<Span> validate_email(std::string_view t, Span c) {
  const std::optional<Span> a = email_shape(t, c);
  if (!a || names_protocol_item(t, *a, c.begin) || is_message_id(t, a->begin, c.begin)) return std::nullopt;
  return a;
}

std::optional<Span> protocol_item_name(std::string_view t, Span c) {
  const std::optional<Span> a = email_shape(t, c);
  if (!a || !names_protocol_item(t, *a, c.begin)) return std::nullopt;
  return a;
}

std::optional<Span> validate_url_credentials(std::string_view t, Span c) {
  // What precedes "://" does not matter: "x-https://u:p@h" still holds
  // credentials, and the candidate's start (the scheme) differs by engine.
  const size_t sep = t.find("://", c.begin);
  if (sep == std::string_view::npos || sep >= c.end) return std::nullopt;
  const auto b = static_cast<uint32_t>(sep + 3);
  const uint32_t e = c.end - 1;  // the '@'
  const size_t colon = t.find(':', b);
  if (colon == std::string_view::npos || colon + 1 >= e || colon == b) return std::nullopt;
  return Span{b, e};
}

std::optional<Span> validate_credit_card(std::string_view t, Span c) {
  if (!number_starts_at(t, c.begin)) return std::nullopt;
  // Digit groups and the one separator they share.
  char digits[24];
  int ndigits = 0;
  std::array<uint32_t, 20> group_end{};  // end offset (in text) of each group
  std::array<int, 20> group_digits{};    // digit count up to and including the group
  int ngroups = 0;
  char sep = 0;
  for (uint32_t i = c.begin; i < c.end; ++i) {
    const char ch = t[i];
    if (is_digit(ch)) {
      if (ndigits == 19) break;
      digits[ndigits++] = ch;
      if (i + 1 == c.end || !is_digit(t[i + 1])) {
        if (ngroups == 20) break;
        group_end[ngroups] = i + 1;
        group_digits[ngroups++] = ndigits;
      }
    } else {
      if ((ch != ' ' && ch != '-') || (sep && ch != sep) || !is_digit(at(t, i + 1))) break;
      sep = ch;
    }
  }
  // A grouped number right after a group of letters and digits joined by
  // the same separator is the tail of a longer code ("CH08 7934 4222 2149
  // 6112 6": a mistyped IBAN), not a card.
  if (sep && at(t, int64_t{c.begin} - 1) == sep) {
    int64_t j = int64_t{c.begin} - 2;
    bool digit = false;
    while (j >= 0 && is_alnum(t[static_cast<size_t>(j)])) digit |= is_digit(t[static_cast<size_t>(j--)]);
    if (digit) return std::nullopt;
  }
  // The longest run of whole groups that is a card ("4111 1111 1111 1111 2024").
  for (int g = ngroups; g-- > 0;) {
    const int n = group_digits[g];
    if (n < 12) break;
    if (n > 19) continue;
    if (!number_ends_at(t, group_end[g])) continue;
    std::string_view d(digits, static_cast<size_t>(n));
    const CardIssuerRule rule = card_issuer_rule(d);
    // A named reading must be the whole number: the first or last 12 digits
    // of a 4-4-4-4 number whose Luhn fails are not a 12-digit Maestro card.
    auto glued = [&](int64_t sep_at, int64_t digit_at) {
      const char s = at(t, sep_at);
      return (s == ' ' || s == '-') && is_digit(at(t, digit_at));
    };
    const bool whole = !glued(group_end[g], int64_t{group_end[g]} + 1) &&
                       !glued(int64_t{c.begin} - 1, int64_t{c.begin} - 2);
    if (rule != CardIssuerRule::kNone && luhn_valid(d) &&
        (rule == CardIssuerRule::kShape || (whole && card_named_before(t, c.begin))))
      return Span{c.begin, group_end[g]};
    if (!sep) break;
  }
  return std::nullopt;
}

std::optional<Span> validate_ssn(std::string_view t, Span c) {
  if (c.end - c.begin != 11) return std::nullopt;
  std::string_view s = t.substr(c.begin, 11);
  for (int i : {0, 1, 2, 4, 5, 7, 8, 9, 10}) {
    if (!is_digit(s[i])) return std::nullopt;
  }
  if ((s[3] != '-' && s[3] != ' ') || s[3] != s[6]) return std::nullopt;
  if (!number_starts_at(t, c.begin) || !number_ends_at(t, c.end)) return std::nullopt;
  const int area = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
  const int group = (s[4] - '0') * 10 + (s[5] - '0');
  if (area == 0 || area == 666 || area >= 900 || group == 0 || s.substr(7) == "0000") return std::nullopt;
  // Numbers published as examples and never issued.
  if (s.substr(0, 3) == "078" && s.substr(4, 2) == "05" && s.substr(7) == "1120") return std::nullopt;
  if (s.substr(0, 3) == "123" && s.substr(4, 2) == "45" && s.substr(7) == "6789") return std::nullopt;
  return Span{c.begin, c.end};
}

std::optional<Span> validate_ipv4(std::string_view t, Span c) {
  if (!number_starts_at(t, c.begin) || !number_ends_at(t, c.end)) return std::nullopt;
  if (at(t, int64_t{c.begin} - 1) == '.' || (at(t, c.end) == '.' && is_alnum(at(t, c.end + 1)))) return std::nullopt;
  if (!ipv4_valid(t.substr(c.begin, c.end - c.begin))) return std::nullopt;
  return Span{c.begin, c.end};
}

std::optional<Span> validate_ipv6(std::string_view t, Span c) {
  uint32_t b = c.begin, e = c.end;
  if (t[b] == ':' && at(t, b + 1) != ':') ++b;
  while (e > b && (t[e - 1] == '.' || (t[e - 1] == ':' && at(t, int64_t{e} - 2) != ':'))) --e;
  if (e - b < 3) return std::nullopt;
  const char p = at(t, int64_t{b} - 1);
  if (is_word(p) || p == ':' || is_word(at(t, e))) return std::nullopt;
  std::string_view s = t.substr(b, e - b);
  int groups = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (is_hex(s[i]) && (i == 0 || !is_hex(s[i - 1]))) ++groups;
  }
  if (groups < 3 || !ipv6_valid(s)) return std::nullopt;
  return Span{b, e};
}

std::optional<Span> validate_mac(std::string_view t, Span c) {
  std::string_view s = t.substr(c.begin, c.end - c.begin);
  const char sep = s.size() == 17 ? s[2] : '.';
  for (size_t i = 0; i < s.size(); ++i) {
    if (!is_hex(s[i]) && s[i] != sep) return std::nullopt;
  }
  const char p = at(t, int64_t{c.begin} - 1), n = at(t, c.end);
  if (is_word(p) || p == sep || is_word(n) || (n == sep && is_hex(at(t, c.end + 1)))) return std::nullopt;
  return Span{c.begin, c.end};
}

std::optional<Span> validate_iban(std::string_view t, Span c) {
  if (is_alnum(at(t, int64_t{c.begin} - 1)) || c.end - c.begin < 2) return std::nullopt;
  // Written in capitals or, as some forms and mail clients leave it, all in
  // small letters ("gb42nawi..."); never mixed.
  const bool small = t[c.begin] >= 'a' && t[c.begin] <= 'z';
  auto letter = [small](char ch) { return small ? ch >= 'a' && ch <= 'z' : ch >= 'A' && ch <= 'Z'; };
  auto upper = [](char ch) { return ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch; };
  const char cc[2] = {upper(t[c.begin]), upper(t[c.begin + 1])};
  const int want = iban_length_for_country(std::string_view(cc, 2));
  if (want == 0) return std::nullopt;
  char compact[40];
  int n = 0;
  uint32_t i = c.begin;
  while (i < t.size() && n < want) {
    const char ch = t[i];
    if (is_digit(ch) || letter(ch)) {
      compact[n++] = upper(ch);
      ++i;
    } else if (ch == ' ' && n >= 4 && i + 1 < t.size() && is_alnum(t[i + 1])) {
      ++i;
    } else {
      break;
    }
  }
  if (n != want || is_alnum(at(t, i))) return std::nullopt;
  if (!iban_checksum_valid(std::string_view(compact, static_cast<size_t>(n)))) return std::nullopt;
  return Span{c.begin, i};
}

std::optional<Span> validate_token(std::string_view t, Span c) {
  if (is_alnum(at(t, int64_t{c.begin} - 1))) return std::nullopt;
  return Span{c.begin, c.end};
}

std::optional<Span> validate_aws_secret(std::string_view t, Span c) {
  if (c.end - c.begin < 40 || is_alnum(at(t, c.end)) || at(t, c.end) == '/' || at(t, c.end) == '+')
    return std::nullopt;
  return Span{c.end - 40, c.end};
}

std::optional<Span> validate_secret_assignment(std::string_view t, Span c, double min_entropy,
                                               size_t min_length) {
  // The candidate ends 8 characters into the value: find where the value starts.
  uint32_t i = c.begin;
  while (i < c.end && (is_word(t[i]) || t[i] == '-')) ++i;
  char quote = 0;
  while (i < c.end && (t[i] == '"' || t[i] == '\'' || t[i] == ' ' || t[i] == '\t' || t[i] == ':' ||
                       t[i] == '=' || t[i] == '>')) {
    if (t[i] == '"' || t[i] == '\'') quote = t[i];
    ++i;
  }
  const uint32_t b = i;
  auto value_char = [](char ch) {
    return is_alnum(ch) || ch == '_' || ch == '-' || ch == '+' || ch == '/' || ch == '=' || ch == '.' || ch == '~';
  };
  while (i < t.size() && i - b < 512 && value_char(t[i])) ++i;
  uint32_t e = i;
  if (!quote) {
    while (e > b && (t[e - 1] == '.' || t[e - 1] == '=')) --e;  // sentence end, not padding
    if (i < t.size() && value_char(t[i])) return std::nullopt;   // longer than any key
  } else if (at(t, i) != quote) {
    return std::nullopt;
  }
  std::string_view v = t.substr(b, e - b);
  if (v.size() < min_length) return std::nullopt;
  bool digit = false, alpha = false;
  for (char ch : v) { digit |= is_digit(ch); alpha |= is_alpha(ch); }
  if (!digit || !alpha || shannon_entropy(v) < min_entropy) return std::nullopt;
  return Span{b, e};
}

}  // namespace dpk::pii
