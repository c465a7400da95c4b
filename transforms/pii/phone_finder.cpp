#include "phone_finder.h"

#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

namespace dpk::pii {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

PhoneFinder::PhoneFinder(std::vector<std::string> regions) : regions_(std::move(regions)) {
  // Regions whose national numbers are written with their trunk prefix ("0"
  // in GB, DE, FR) are tried only on windows that start with it. NANPA
  // numbers (trunk prefix 1) and Indian mobiles are written without one.
  const auto& util = *i18n::phonenumbers::PhoneNumberUtil::GetInstance();
  for (const auto& r : regions_) {
    std::string ndd;
    util.GetNddPrefixForRegion(r, true, &ndd);
    trunk_.push_back(ndd.size() == 1 && ndd != "1" && r != "IN" ? ndd[0] : '\0');
  }
}

bool PhoneFinder::is_year(std::string_view s) {
  return s.size() == 4 && (s.substr(0, 2) == "19" || s.substr(0, 2) == "20") && is_digit(s[2]) && is_digit(s[3]);
}

bool PhoneFinder::looks_like_decimal_or_years(std::string_view s) {
  // 0.21596193313598633, 2016.7455968: a long group next to a dot.
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '.') continue;
    size_t a = i, b = i + 1;
    while (a > 0 && is_digit(s[a - 1])) --a;
    while (b < s.size() && is_digit(s[b])) ++b;
    if (i - a >= 5 || b - i - 1 >= 5) return true;
  }
  // 1994-2022, 2001 - 2020: a range of years.
  const size_t dash = s.find('-');
  if (dash != std::string_view::npos) {
    std::string_view l = s.substr(0, dash), r = s.substr(dash + 1);
    while (!l.empty() && l.back() == ' ') l.remove_suffix(1);
    while (!r.empty() && r.front() == ' ') r.remove_prefix(1);
    if (is_year(l) && is_year(r)) return true;
  }
  return false;
}

bool PhoneFinder::looks_like_other_identifier(std::string_view s) {
  // ddd-dd-dddd is the shape of a US SSN, valid or not.
  if (s.size() == 11 && s[3] == '-' && s[6] == '-') return true;
  // Four dotted groups of 1-3 digits: an IPv4 address, valid or not.
  int groups = 0, len = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && is_digit(s[i])) { if (++len > 3) return false; continue; }
    if (len == 0 || (i < s.size() && s[i] != '.')) return false;
    ++groups;
    len = 0;
  }
  return groups == 4;
}

bool PhoneFinder::follows_account_prefix(std::string_view text, uint32_t begin) {
  // "NL61 WSKB 2247 3889 99": digits after an IBAN-like start on the same line.
  const uint32_t lo = begin > 40 ? begin - 40 : 0;
  for (uint32_t i = begin; i-- > lo;) {
    const char ch = text[i];
    if (ch == '\n') return false;
    const bool upper = ch >= 'A' && ch <= 'Z';
    if (!upper && !is_digit(ch) && ch != ' ') {
      return false;
    }
    if (upper && i + 4 <= begin && i > 0 && text[i - 1] >= 'A' && text[i - 1] <= 'Z' &&
        is_digit(text[i + 1]) && is_digit(text[i + 2]) && (i < 2 || !is_alnum(text[i - 2]))) {
      return true;
    }
  }
  return false;
}

bool PhoneFinder::looks_like_amount_or_id(std::string_view s) {
  // A bare run of more than 12 digits is an id, not a dialled number.
  size_t run = 0;
  for (char ch : s) {
    run = is_digit(ch) ? run + 1 : 0;
    if (run > 12) return true;
  }
  // 3 000 000, 12.500.000: a group of 1-3 digits, then groups of exactly 3.
  size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i == 0 || i > 3 || i == s.size()) return false;
  const char sep = s[i];
  if (sep != ' ' && sep != '.' && sep != ',') return false;
  int groups = 0;
  while (i < s.size()) {
    if (s[i] != sep) return false;
    size_t j = i + 1;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j - i - 1 != 3) return false;
    ++groups;
    i = j;
  }
  return groups >= 2;
}

bool PhoneFinder::looks_like_date_or_version(std::string_view s) {
  // Split into digit groups and the separators between them.
  int groups[8];
  char seps[8];
  int n = 0, len = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && is_digit(s[i])) { ++len; continue; }
    if (len == 0) return false;
    if (n == 8) return false;
    groups[n] = len;
    seps[n] = i < s.size() ? s[i] : 0;
    ++n;
    len = 0;
    if (i < s.size() && i + 1 < s.size() && !is_digit(s[i + 1])) return false;
  }
  if (n == 3 && seps[0] == seps[1] && (seps[0] == '-' || seps[0] == '.' || seps[0] == '/')) {
    // yyyy-mm-dd, dd.mm.yyyy, mm/dd/yy
    if (groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2) return true;
    if (groups[0] <= 2 && groups[1] <= 2 && (groups[2] == 4 || groups[2] == 2)) return true;
  }
  // 1.2.3 / 10.0.19041.1: dotted groups where some group is 1-2 digits long.
  if (n >= 3) {
    bool dots = true;
    for (int i = 0; i + 1 < n; ++i) dots &= seps[i] == '.';
    if (dots && (groups[0] <= 2 || groups[1] <= 2)) return true;
  }
  return false;
}

void PhoneFinder::find(std::string_view text, Span c, std::vector<Span>& out) {
  const char prev = c.begin > 0 ? text[c.begin - 1] : ' ';
  if (is_alnum(prev) || ((prev == '.' || prev == ',') && c.begin > 1 && is_digit(text[c.begin - 2]))) return;
  if (c.end < text.size() && is_alnum(text[c.end])) return;
  if (c.end - c.begin <= kMaxWindow) {
    find_in_window(text, c, out);
    return;
  }
  // A long run (a table of numbers, a list of dates): windows of whole
  // space-separated tokens, one starting at each token, at most kMaxWindow
  // bytes and 17 digits. A window starting with a date or a version cannot
  // start a phone number. Work stays linear in the run.
  uint32_t tok = c.begin;
  while (tok < c.end) {
    uint32_t tok_end = tok;
    while (tok_end < c.end && text[tok_end] != ' ') ++tok_end;
    if (!looks_like_date_or_version(text.substr(tok, tok_end - tok))) {
      uint32_t e = tok, digits = 0, last_good = tok;
      while (e < c.end && e - tok <= kMaxWindow) {
        const char ch = text[e];
        digits += is_digit(ch);
        if (digits > 17) break;
        ++e;
        if (e == c.end || text[e] == ' ') last_good = e;
      }
      if (last_good > tok) find_in_window(text, Span{tok, last_good}, out);
    }
    tok = tok_end;
    while (tok < c.end && text[tok] == ' ') ++tok;
  }
}

void PhoneFinder::find_in_window(std::string_view text, Span c, std::vector<Span>& out) {
  // Leading tokens that are dates, times or years cannot start a number:
  // "05.11.23 - 16", "2020 (765".
  while (true) {
    std::string_view s = text.substr(c.begin, c.end - c.begin);
    size_t sp = s.find_first_of(" (", 1);
    if (sp == std::string_view::npos) {
      // The whole window is one token: a date such as "(25/11/2019" is dropped below.
      break;
    }
    std::string_view tok = s.substr(0, sp);
    while (!tok.empty() && tok[0] == '(') tok.remove_prefix(1);
    if (!looks_like_date_or_version(tok) && !is_year(tok)) break;
    c.begin += static_cast<uint32_t>(sp);
    while (c.begin < c.end && !is_digit(text[c.begin]) && text[c.begin] != '+' && text[c.begin] != '(') ++c.begin;
  }
  std::string_view s = text.substr(c.begin, c.end - c.begin);
  int digits = 0;
  for (char ch : s) digits += is_digit(ch);
  if (digits < 7) return;
  {
    std::string_view bare = s;
    while (!bare.empty() && bare[0] == '(') bare.remove_prefix(1);
    if (looks_like_date_or_version(bare) || looks_like_decimal_or_years(s) || looks_like_amount_or_id(s) ||
        looks_like_other_identifier(s) || follows_account_prefix(text, c.begin))
      return;
  }
  if (auto it = memo_.find(std::string(s)); it != memo_.end()) {
    for (const Span& r : it->second) out.push_back(Span{c.begin + r.begin, c.begin + r.end});
    return;
  }
  const size_t first_out = out.size();

  using i18n::phonenumbers::PhoneNumberMatch;
  using i18n::phonenumbers::PhoneNumberMatcher;
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  window_.assign(s);
  const bool international = s[0] == '+';
  const size_t d0 = s.find_first_of("0123456789");
  for (size_t r = 0; r < regions_.size(); ++r) {
    if (international && r > 0) break;  // +CC numbers parse the same in any region
    if (!international && trunk_[r] && s[d0] != trunk_[r]) continue;
    // Without a trunk prefix, national numbers (NANPA, Indian mobiles) have
    // ten digits at least and do not start with 0 (that is a trunk prefix).
    if (!international && !trunk_[r] && (digits < 10 || s[d0] == '0')) continue;
    // A reading that already covers the whole window needs no other region.
    if (out.size() > first_out && out.back().begin <= c.begin + 1 && out.back().end + 1 >= c.end) break;
    PhoneNumberMatcher matcher(util, window_, regions_[r], PhoneNumberMatcher::VALID, 8);
    PhoneNumberMatch m;
    while (matcher.HasNext()) {
      if (!matcher.Next(&m)) break;
      const auto b = c.begin + static_cast<uint32_t>(m.start());
      const auto e = b + static_cast<uint32_t>(m.length());
      if (looks_like_date_or_version(text.substr(b, e - b))) continue;
      // Overlapping readings (other regions, neighbouring windows): keep the
      // longer. Windows move left to right, so only the latest few can overlap.
      bool seen = false;
      for (size_t i = out.size(); i-- > 0 && out.size() - i <= 8;) {
        if (b < out[i].end && out[i].begin < e) {
          if (e - b > out[i].end - out[i].begin) out[i] = Span{b, e};
          seen = true;
          break;
        }
      }
      if (!seen) out.push_back(Span{b, e});
    }
  }
  // Footers and contact blocks repeat the same numbers page after page.
  if (memo_.size() >= kMemoEntries) memo_.clear();
  auto& found = memo_[std::string(s)];
  for (size_t i = first_out; i < out.size(); ++i) found.push_back(Span{out[i].begin - c.begin, out[i].end - c.begin});
}

}  // namespace dpk::pii
