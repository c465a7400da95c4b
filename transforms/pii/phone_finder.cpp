#include "phone_finder.h"

#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include "technical_context.h"

namespace dpk::pii {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

PhoneFinder::PhoneFinder(std::vector<std::string> regions) : regions_(std::move(regions)) {
  // Regions whose national numbers are written with their trunk prefix ("0"
  // in GB, DE, FR) are tried only on windows that start with it. NANPA
  // numbers (trunk prefix 1) and Indian mobiles are written without one.
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  const auto& util = *PhoneNumberUtil::GetInstance();
  for (const auto& r : regions_) {
    std::string ndd;
    util.GetNddPrefixForRegion(r, true, &ndd);
    trunk_.push_back(ndd.size() == 1 && ndd != "1" && r != "IN" ? ndd[0] : '\0');
    RegionInfo info;
    info.country_code = util.GetCountryCodeForRegion(r);
    info.country_code_digits = std::to_string(info.country_code);
    info.national_prefix = ndd.size() == 1 ? ndd[0] : '\0';
    info.has_national_prefix = !ndd.empty();
    for (int len = 1; len <= 17; ++len) {
      PhoneNumber pn;
      pn.set_country_code(info.country_code);
      pn.set_national_number(std::stoull(std::string(static_cast<size_t>(len), '5')));
      const auto why = util.IsPossibleNumberWithReason(pn);
      if (why == PhoneNumberUtil::IS_POSSIBLE || why == PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY) info.nsn_lengths |= 1u << len;
    }
    // The fast path knows these regions' parsing rules: a one-digit trunk
    // prefix, no prefix transform or carrier codes, IDD 00 (011 for NANPA);
    // tests check it against the matcher on real text.
    info.fast = info.country_code != 0 && (r == "US" || r == "CA" || r == "GB" || r == "DE" || r == "FR" || r == "IN");
    info_.push_back(std::move(info));
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
  // 01.28.97.03.75: five pairs from a trunk 0 is how French numbers are
  // written, not a version.
  bool pairs = n == 5 && s[0] == '0';
  for (int i = 0; pairs && i < n; ++i) pairs = groups[i] == 2 && (i + 1 == n || seps[i] == '.');
  if (pairs) return false;
  // 1.2.3 / 10.0.19041.1: dotted groups where some group is 1-2 digits long.
  if (n >= 3) {
    bool dots = true;
    for (int i = 0; i + 1 < n; ++i) dots &= seps[i] == '.';
    if (dots && (groups[0] <= 2 || groups[1] <= 2)) return true;
  }
  return false;
}

uint32_t PhoneFinder::extension_end(std::string_view text, uint32_t pos) {
  // An extension after the number, as libphonenumber reads them: "x346",
  // " x 12", " ext. 12", ", ext 12", " extension 12", " #12".
  auto lower = [](char ch) { return static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch); };
  auto word_at = [&](size_t i, std::string_view w) {
    if (i + w.size() > text.size()) return false;
    for (size_t k = 0; k < w.size(); ++k) {
      if (lower(text[i + k]) != w[k]) return false;
    }
    return true;
  };
  size_t i = pos;
  if (i < text.size() && text[i] == ',') ++i;
  if (i < text.size() && text[i] == ' ') ++i;
  if (word_at(i, "extension")) i += 9;
  else if (word_at(i, "extn")) i += 4;
  else if (word_at(i, "ext")) i += 3;
  else if (i < text.size() && (lower(text[i]) == 'x' || text[i] == '#')) i += 1;
  else return pos;
  if (i < text.size() && (text[i] == '.' || text[i] == ':')) ++i;
  if (i < text.size() && text[i] == ' ') ++i;
  const size_t first_digit = i;
  while (i < text.size() && is_digit(text[i]) && i - first_digit < 7) ++i;
  if (i == first_digit || (i < text.size() && is_alnum(text[i]))) return pos;
  return static_cast<uint32_t>(i);
}

void PhoneFinder::find(std::string_view text, Span c, std::vector<Span>& out) {
  const char prev = c.begin > 0 ? text[c.begin - 1] : ' ';
  if (is_alnum(prev) || ((prev == '.' || prev == ',') && c.begin > 1 && is_digit(text[c.begin - 2]))) return;
  // Technical text: "CVE-2026-118318", "[0359951]", a path segment.
  if (is_digit(text[c.begin]) && digit_run_in_identifier(text, c.begin)) return;
  if (enclosed_in_brackets(text, c)) return;
  // A group glued to a time by ':' is part of the time: "09:21:29 2022
  // -0700" starts after the seconds, "2022-05-09 18:36:14" ends before the hour.
  auto skip_group_forward = [&](uint32_t& i) {
    while (i < c.end && is_digit(text[i])) ++i;
    while (i < c.end && !is_digit(text[i])) ++i;
  };
  if (prev == ':' && c.begin > 1 && is_digit(text[c.begin - 2])) skip_group_forward(c.begin);
  if (c.end + 1 < text.size() && text[c.end] == ':' && is_digit(text[c.end + 1])) {
    while (c.end > c.begin && is_digit(text[c.end - 1])) --c.end;
    while (c.end > c.begin && !is_digit(text[c.end - 1])) --c.end;
  }
  if (c.end <= c.begin) return;
  // A number glued to a letter is part of a word or an id, unless the letter
  // opens an extension ("208-263-4522x346"): a number that ends the run
  // takes its extension into its span.
  const uint32_t ext_end = extension_end(text, c.end);
  if (ext_end == c.end && c.end < text.size() && is_alnum(text[c.end])) return;
  const size_t first_out = out.size();
  find_in_run(text, c, out);
  if (ext_end == c.end) return;
  for (size_t i = first_out; i < out.size(); ++i) {
    if (out[i].end == c.end) out[i].end = ext_end;
  }
}

void PhoneFinder::find_in_run(std::string_view text, Span c, std::vector<Span>& out) {
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
    if (!looks_like_date_or_version(tok) && !is_year(tok) && !looks_like_build_stamp(tok)) break;
    c.begin += static_cast<uint32_t>(sp);
    while (c.begin < c.end && !is_digit(text[c.begin]) && text[c.begin] != '+' && text[c.begin] != '(') ++c.begin;
  }
  // Trailing tokens that are dates, versions or build stamps cannot end
  // one: "0.36 2013-12-07", "7042  9.0.0006".
  while (c.begin < c.end) {
    std::string_view s = text.substr(c.begin, c.end - c.begin);
    const size_t sp = s.rfind(' ');
    if (sp == std::string_view::npos) break;
    std::string_view tok = s.substr(sp + 1);
    if (!looks_like_date_or_version(tok) && !looks_like_build_stamp(tok)) break;
    c.end = c.begin + static_cast<uint32_t>(sp);
    while (c.end > c.begin && !is_digit(text[c.end - 1]) && text[c.end - 1] != ')') --c.end;
  }
  std::string_view s = text.substr(c.begin, c.end - c.begin);
  int digits = 0;
  for (char ch : s) digits += is_digit(ch);
  if (digits < 7) return;
  {
    std::string_view bare = s;
    while (!bare.empty() && bare[0] == '(') bare.remove_prefix(1);
    if (looks_like_date_or_version(bare) || looks_like_decimal_or_years(s) || looks_like_amount_or_id(s) ||
        looks_like_other_identifier(s) || follows_account_prefix(text, c.begin) ||
        looks_like_build_stamp(bare) || is_us_zip_plus4(text, c))
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
    // Numbers written without their region's trunk prefix (NANPA, Indian
    // mobiles) have ten digits at least and do not start with 0. Indian
    // landlines are written from the trunk 0 ("0660 382 47 98"): a window
    // that starts with it is read too. Regions with no trunk prefix at all
    // (DK, NO, IT, ES ...) write every national number whole, eight or nine
    // digits, some from a 0.
    const bool from_trunk_zero = !international && !trunk_[r] && info_[r].national_prefix == '0' && s[d0] == '0';
    if (!international && !trunk_[r] && info_[r].has_national_prefix && !from_trunk_zero &&
        (digits < 10 || s[d0] == '0'))
      continue;
    // A reading that already covers the whole window needs no other region.
    if (out.size() > first_out && out.back().begin <= c.begin + 1 && out.back().end + 1 >= c.end) break;
    const FastVerdict fast = fast_verdict(s, r);
    if (!verify_ && fast == FastVerdict::kNone) { ++stats_.fast_none; continue; }
    if (!verify_ && fast == FastVerdict::kWhole) {
      ++stats_.fast_whole;
      add_phone(text, c, out);
      continue;
    }
    ++stats_.matcher_runs;
    found_.clear();
    PhoneNumberMatcher matcher(util, window_, regions_[r], PhoneNumberMatcher::VALID, 8);
    PhoneNumberMatch m;
    while (matcher.HasNext()) {
      if (!matcher.Next(&m)) break;
      const auto b = c.begin + static_cast<uint32_t>(m.start());
      found_.push_back(Span{b, b + static_cast<uint32_t>(m.length())});
    }
    if (fast == FastVerdict::kNone && !found_.empty()) ++stats_.disagreements;
    if (fast == FastVerdict::kWhole && (found_.size() != 1 || found_[0].begin != c.begin || found_[0].end != c.end))
      ++stats_.disagreements;
    for (const Span& p : found_) {
      // "+41 (0)66 874 79 62": the trunk prefix in parentheses is dropped
      // when the number is read as international; when that number is not
      // valid, its tail is no national number of the region either.
      if (international && p.begin > c.begin && text.substr(p.begin, 3) == "(0)") continue;
      // A window read only for its trunk 0 yields numbers from a trunk 0.
      if (from_trunk_zero && text[p.begin + (text[p.begin] == '(')] != '0') continue;
      add_phone(text, p, out);
    }
  }
  // Footers and contact blocks repeat the same numbers page after page.
  if (memo_.size() >= kMemoEntries) memo_.clear();
  auto& found = memo_[std::string(s)];
  for (size_t i = first_out; i < out.size(); ++i) found.push_back(Span{out[i].begin - c.begin, out[i].end - c.begin});
}

void PhoneFinder::add_phone(std::string_view text, Span p, std::vector<Span>& out) const {
  const std::string_view s = text.substr(p.begin, p.end - p.begin);
  if (looks_like_date_or_version(s) || looks_like_build_stamp(s) || is_us_zip_plus4(text, p)) return;
  // Overlapping readings (other regions, neighbouring windows): keep the
  // longer. Windows move left to right, so only the latest few can overlap.
  for (size_t i = out.size(); i-- > 0 && out.size() - i <= 8;) {
    if (p.begin < out[i].end && out[i].begin < p.end) {
      if (p.end - p.begin > out[i].end - out[i].begin) out[i] = p;
      return;
    }
  }
  out.push_back(p);
}

namespace {
bool valid_number(int country_code, std::string_view nsn) {
  uint64_t v = 0;
  for (char ch : nsn) v = v * 10 + static_cast<uint64_t>(ch - '0');
  i18n::phonenumbers::PhoneNumber pn;
  pn.set_country_code(country_code);
  pn.set_national_number(v);
  return i18n::phonenumbers::PhoneNumberUtil::GetInstance()->IsValidNumber(pn);
}
}  // namespace

PhoneFinder::FastVerdict PhoneFinder::read_digits(std::string_view d, size_t r) const {
  const RegionInfo& info = info_[r];
  // An international dialling prefix or a country code without '+': the
  // matcher's parser may read the number as international.
  if (d.starts_with("00") || (info.country_code == 1 && d.starts_with("011"))) return FastVerdict::kUnsure;
  // NANPA's country code and trunk prefix are both "1": "11..." may lose both.
  if (info.country_code == 1 ? d.starts_with("11") : d.starts_with(info.country_code_digits))
    return FastVerdict::kUnsure;
  auto possible = [&](std::string_view n) { return n.size() <= 17 && (info.nsn_lengths >> n.size() & 1u); };
  if (info.national_prefix && d[0] == info.national_prefix) {
    const std::string_view nsn = d.substr(1);
    if (nsn.empty()) return FastVerdict::kNone;
    if (nsn[0] == '0') return FastVerdict::kUnsure;  // leading zeros are kept apart in a PhoneNumber
    // The parser keeps the prefix when the number is valid with it.
    if (possible(d) && valid_number(info.country_code, d)) return FastVerdict::kUnsure;
    return possible(nsn) && valid_number(info.country_code, nsn) ? FastVerdict::kWhole : FastVerdict::kNone;
  }
  if (d[0] == '0') return FastVerdict::kUnsure;
  return possible(d) && valid_number(info.country_code, d) ? FastVerdict::kWhole : FastVerdict::kNone;
}

PhoneFinder::FastVerdict PhoneFinder::read_international(std::string_view d) const {
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  // Country calling codes are prefix-free: at most one of 1-3 digits fits.
  if (d.empty() || d[0] == '0') return FastVerdict::kUnsure;
  for (size_t len = 1; len <= 3 && len < d.size(); ++len) {
    int cc = 0;
    for (size_t i = 0; i < len; ++i) cc = cc * 10 + (d[i] - '0');
    std::string region;
    util.GetRegionCodeForCountryCode(cc, &region);
    if (region == "ZZ") continue;
    if (region == "001") return FastVerdict::kUnsure;  // non-geographic entities (+800 ...)
    const std::string_view nsn = d.substr(len);
    // The parser drops the country's trunk prefix ("+44 020 ...") when the
    // rest stays a number: the matcher decides those.
    std::string ndd;
    util.GetNddPrefixForRegion(region, true, &ndd);
    if (nsn[0] == '0' || (!ndd.empty() && nsn.starts_with(ndd))) return FastVerdict::kUnsure;
    return nsn.size() <= 17 && valid_number(cc, nsn) ? FastVerdict::kWhole : FastVerdict::kNone;
  }
  return FastVerdict::kNone;
}

PhoneFinder::FastVerdict PhoneFinder::fast_verdict(std::string_view s, size_t r) const {
  if (!info_[r].fast || s.empty()) return FastVerdict::kUnsure;
  // Digit groups; separators ' ', '-', '.'; an area code in parentheses may
  // open the window. Anything else ('+', '/', other parentheses) goes to the matcher.
  char digits[17];
  uint8_t group_begin[17], group_end[17];
  size_t nd = 0, ng = 0, i = 0;
  auto take_group = [&]() -> bool {
    if (i >= s.size() || !is_digit(s[i])) return false;
    if (ng == 17) return false;
    group_begin[ng] = static_cast<uint8_t>(nd);
    while (i < s.size() && is_digit(s[i])) {
      if (nd == 17) return false;
      digits[nd++] = s[i++];
    }
    group_end[ng++] = static_cast<uint8_t>(nd);
    return true;
  };
  const bool international = s[0] == '+';
  if (international) {
    ++i;
  } else if (s[0] == '(') {
    ++i;
    if (!take_group() || i >= s.size() || s[i] != ')') return FastVerdict::kUnsure;
    ++i;
  }
  while (i < s.size()) {
    const char ch = s[i];
    if (is_digit(ch)) {
      if (!take_group()) return FastVerdict::kUnsure;
    } else if (ch == ' ' || ch == '-' || ch == '.') {
      ++i;
    } else {
      return FastVerdict::kUnsure;
    }
  }
  if (ng == 0) return FastVerdict::kNone;
  const std::string_view all(digits, nd);
  // After a '+', parts that start at the first group are international.
  auto read = [&](std::string_view part, bool after_plus) {
    return after_plus ? read_international(part) : read_digits(part, r);
  };
  const FastVerdict whole = read(all, international);
  if (whole != FastVerdict::kNone) return whole;
  // The matcher also tries parts of the window split at separators.
  for (size_t a = 0; a < ng; ++a) {
    for (size_t b = a; b < ng; ++b) {
      if (a == 0 && b + 1 == ng) continue;
      const std::string_view part = all.substr(group_begin[a], group_end[b] - group_begin[a]);
      if (read(part, international && a == 0) != FastVerdict::kNone) return FastVerdict::kUnsure;
    }
  }
  return FastVerdict::kNone;
}

}  // namespace dpk::pii
