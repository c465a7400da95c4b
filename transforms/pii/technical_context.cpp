#include "technical_context.h"

#include <algorithm>
#include <array>

namespace dpk::pii {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alpha(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

char at(std::string_view t, int64_t i) {
  return i >= 0 && static_cast<size_t>(i) < t.size() ? t[static_cast<size_t>(i)] : '\0';
}

// USPS codes of the states, DC, the territories and the military post offices.
constexpr std::array<std::string_view, 62> kUsStateCodes = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "AS", "GU", "MP", "PR", "VI", "FM", "MH", "PW", "AA", "AE", "AP"};

// yyyymmdd with a plausible year, month and day.
bool is_date_stamp(std::string_view g) {
  if (g.size() != 8) return false;
  auto num = [&](size_t b, size_t n) {
    int v = 0;
    for (size_t i = b; i < b + n; ++i) v = v * 10 + (g[i] - '0');
    return v;
  };
  const int y = num(0, 4), m = num(4, 2), d = num(6, 2);
  return y >= 1970 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

// The word that ends at text[end) (letters, digits, '-'), lower-cased into `out`.
std::string_view word_before(std::string_view t, int64_t end, std::array<char, 32>& out) {
  int64_t b = end;
  while (b > 0 && end - b < 32 && (is_alnum(t[static_cast<size_t>(b - 1)]) || t[static_cast<size_t>(b - 1)] == '-')) --b;
  const auto n = static_cast<size_t>(end - b);
  for (size_t i = 0; i < n; ++i) out[i] = lower(t[static_cast<size_t>(b) + i]);
  return {out.data(), n};
}

// One of the three words before `begin` on its line says a version
// follows: "(Standards-Version): bump to 3.7.2.0", "Upgraded to Debian
// Policy 4.6.0.1", "Prepare the next release 4.1.4.2", "Major changes in
// 3.31.0.2", "What's new in at-spi2-core 2.39.90.1". Words that also lead
// to an address ("update", "set", "use") are not among them.
bool version_word_shortly_before(std::string_view t, int64_t begin) {
  int64_t i = begin;
  bool after_in = false;  // the word just read was "in"
  for (int words = 0; words < 3; ++words) {
    while (i > 0 && (t[static_cast<size_t>(i - 1)] == ' ' || t[static_cast<size_t>(i - 1)] == '\t')) --i;
    int64_t b = i;
    while (b > 0 && i - b < 32 && t[static_cast<size_t>(b - 1)] != ' ' && t[static_cast<size_t>(b - 1)] != '\t' &&
           t[static_cast<size_t>(b - 1)] != '\n')
      --b;
    if (b == i) return false;  // the line's start
    // A sentence or clause ends between: "... policy. Mirror at 10.0.12.7".
    const char last = t[static_cast<size_t>(i - 1)];
    if (last == '.' || last == ';' || last == ',') return false;
    std::array<char, 32> buf;
    size_t n = 0;
    for (int64_t k = b; k < i; ++k) {
      const char c = t[static_cast<size_t>(k)];
      if (is_alnum(c) || c == '-') buf[n++] = lower(c);
    }
    std::string_view w(buf.data(), n);
    if (w.ends_with("version") || w.ends_with("versions") || w == "standards" || w == "standard" ||
        w == "policy" || w == "release" || w == "releases" || w == "bump" || w == "bumps" || w == "bumped")
      return true;
    if (after_in && (w == "changes" || w == "new")) return true;
    after_in = w == "in";
    i = b;
  }
  return false;
}

}  // namespace

bool digit_run_in_identifier(std::string_view t, uint32_t begin) {
  const char p = at(t, int64_t{begin} - 1);
  if (p == '#') return true;
  return (p == '-' || p == '_' || p == '/') && is_alnum(at(t, int64_t{begin} - 2));
}

bool enclosed_in_brackets(std::string_view t, Span s) {
  return at(t, int64_t{s.begin} - 1) == '[' && at(t, s.end) == ']';
}

bool is_us_zip_plus4(std::string_view t, Span s) {
  if (s.end - s.begin != 10 || t[s.begin + 5] != '-') return false;
  for (uint32_t i = s.begin; i < s.end; ++i) {
    if (i != s.begin + 5 && !is_digit(t[i])) return false;
  }
  int64_t i = int64_t{s.begin} - 1;
  while (i >= 0 && (t[static_cast<size_t>(i)] == ' ' || t[static_cast<size_t>(i)] == ',' ||
                    t[static_cast<size_t>(i)] == ':')) --i;
  // "ZIP 03665-4709", "Zip code: 02110-1301".
  std::array<char, 32> buf;
  const std::string_view w = word_before(t, i + 1, buf);
  if (w == "zip" || w == "zipcode" || (w == "code" && word_before(t, i - 4, buf) == "zip")) return true;
  if (i >= 1 && is_upper(at(t, i)) && is_upper(at(t, i - 1)) && !is_alpha(at(t, i - 2))) {
    const std::string_view code = t.substr(static_cast<size_t>(i - 1), 2);
    for (std::string_view c : kUsStateCodes) {
      if (c == code) return true;
    }
  }
  size_t j = s.end;
  while (j < t.size() && (t[j] == ' ' || t[j] == ',')) ++j;
  const std::string_view after = t.substr(j, 5);
  return after.starts_with("USA") || after.starts_with("U.S.");
}

bool looks_like_build_stamp(std::string_view tok) {
  while (!tok.empty() && tok.front() == '(') tok.remove_prefix(1);
  while (!tok.empty() && (tok.back() == ')' || tok.back() == '.' || tok.back() == ',')) tok.remove_suffix(1);
  if (tok == "2147483647" || tok == "2147483648" || tok == "4294967295" || tok == "4294967296") return true;
  bool dot = false, dash_or_slash = false, stamp = false;
  int groups = 0;
  for (size_t i = 0; i < tok.size();) {
    if (!is_digit(tok[i])) {
      dot |= tok[i] == '.';
      dash_or_slash |= tok[i] == '-' || tok[i] == '/';
      ++i;
      continue;
    }
    size_t j = i;
    while (j < tok.size() && is_digit(tok[j])) ++j;
    stamp |= is_date_stamp(tok.substr(i, j - i));
    ++groups;
    i = j;
  }
  // "0201.2402-403": a German number, area code from the trunk 0 then one
  // dot, is written so; versions and clause numbers are not.
  const bool trunk_area_code = tok.size() > 3 && tok[0] == '0' && is_digit(tok[1]) && is_digit(tok[2]) &&
                               tok.find('.') == tok.rfind('.');
  return (stamp && groups >= 2) || (dot && dash_or_slash && !trunk_area_code);
}

bool version_of_something(std::string_view t, Span s) {
  const int64_t b = s.begin;
  const char p = at(t, b - 1), n = at(t, s.end);
  if ((p == '-' || p == '_') && is_alnum(at(t, b - 2))) return true;  // gettext-0.19.8.1
  if (p == ':' && is_digit(at(t, b - 2))) return true;                // 1:4.1.4.2 (epoch)
  if (n == '+' || n == '~') return true;                              // 4.1.4.2+svn, 1.0.0.1~rc1
  // (>= 1.71.0.1): a dependency on a version.
  int64_t i = b;
  while (i > 0 && t[static_cast<size_t>(i - 1)] == ' ') --i;
  const int64_t ops_end = i;
  while (i > 0 && (t[static_cast<size_t>(i - 1)] == '<' || t[static_cast<size_t>(i - 1)] == '>' ||
                   t[static_cast<size_t>(i - 1)] == '=')) --i;
  if (i < ops_end && at(t, i - 1) == '(') return true;
  // "boost-defaults (1.71.0.1)": a version after a package name (small
  // letters, with a '-', '+' or digit that plain words lack), or in a
  // changelog entry's header ("pkg (1.2.3.4) unstable; urgency=medium").
  if (p == '(' && n == ')') {
    const size_t eol = t.find('\n', s.end);
    const std::string_view rest = t.substr(s.end, eol == std::string_view::npos ? std::string_view::npos : eol - s.end);
    if (rest.find("urgency=") != std::string_view::npos) return true;
    int64_t e = b - 1;
    if (at(t, e - 1) == ' ') --e;
    int64_t k = e;
    bool marked = false, plain = true;
    while (k > 0) {
      const char ch = t[static_cast<size_t>(k - 1)];
      if (ch == '-' || ch == '+' || is_digit(ch)) marked = true;
      else if (!(ch >= 'a' && ch <= 'z') && ch != '.') break;
      --k;
    }
    if (k > 0 && !(t[static_cast<size_t>(k - 1)] == ' ' || t[static_cast<size_t>(k - 1)] == '\n' ||
                   t[static_cast<size_t>(k - 1)] == '\t'))
      plain = false;
    if (k < e && marked && plain && (t[static_cast<size_t>(k)] >= 'a' && t[static_cast<size_t>(k)] <= 'z')) return true;
  }
  // Standards-Version: 4.6.1.0, "bump standards version to 3.9.8.0".
  // The word may end the line before ("... Linux\n  2.6.8.1.").
  i = b;
  bool crossed_line = false;
  while (i > 0) {
    const char ch = t[static_cast<size_t>(i - 1)];
    if (ch == '\n' && !crossed_line) {
      crossed_line = true;
    } else if (ch != ' ' && ch != ':' && ch != '=' && ch != '\t') {
      break;
    }
    --i;
  }
  std::array<char, 32> buf;
  std::string_view w = word_before(t, i, buf);
  if (w == "to" || w == "is" || w == "before" || w == "after" || w == "than" || w == "from" || w == "since") {
    i -= static_cast<int64_t>(w.size());
    while (i > 0 && t[static_cast<size_t>(i - 1)] == ' ') --i;
    w = word_before(t, i, buf);
  }
  // "Linux 2.6.8.1": the kernel's four-part versions.
  if (w.ends_with("version") || w.ends_with("versions") || w.ends_with("standards") || w == "linux" ||
      w == "kernel")
    return true;
  return version_word_shortly_before(t, b);
}

}  // namespace dpk::pii

namespace dpk::pii {
namespace {

// The four parts of a dotted quad, or false.
bool quad_parts(std::string_view q, std::array<int, 4>& parts) {
  size_t n = 0;
  int v = -1;
  for (char c : q) {
    if (is_digit(c)) {
      v = (v < 0 ? 0 : v * 10) + (c - '0');
      if (v > 999) return false;
    } else if (c == '.' && v >= 0 && n < 3) {
      parts[n++] = v;
      v = -1;
    } else {
      return false;
    }
  }
  if (v < 0 || n != 3) return false;
  parts[3] = v;
  return true;
}

// The token (a run of non-blank bytes) that ends at or before `end`,
// skipping blanks and at most one line break; `end` moves to its start.
std::string_view token_before(std::string_view t, int64_t& end) {
  bool crossed_line = false;
  while (end > 0) {
    const char ch = t[static_cast<size_t>(end - 1)];
    if (ch == '\n' && !crossed_line) crossed_line = true;
    else if (ch != ' ' && ch != '\t') break;
    --end;
  }
  int64_t b = end;
  while (b > 0 && end - b < 48 && t[static_cast<size_t>(b - 1)] != ' ' && t[static_cast<size_t>(b - 1)] != '\t' &&
         t[static_cast<size_t>(b - 1)] != '\n')
    --b;
  std::string_view tok = t.substr(static_cast<size_t>(b), static_cast<size_t>(end - b));
  end = b;
  while (!tok.empty() && (tok.front() == '(' || tok.front() == '[' || tok.front() == '"')) tok.remove_prefix(1);
  return tok;
}

// Capitals then digits, glued or not: "SP800-38D", "RFC5280", "FIPS140-2".
// Returns the number of digits after the capitals (0: not a designator).
size_t designator_digits(std::string_view tok) {
  size_t i = 0;
  while (i < tok.size() && is_upper(tok[i])) ++i;
  if (i < 2) return 0;
  const size_t d = i;
  while (i < tok.size() && is_digit(tok[i])) ++i;
  const size_t digits = i - d;
  for (; i < tok.size(); ++i) {
    if (!is_alnum(tok[i]) && tok[i] != '-' && tok[i] != '/' && tok[i] != '.') return 0;
  }
  return digits;
}

// "5869", "186-4", "800-38D": a standard's number after its capitals.
bool standard_number(std::string_view tok) {
  size_t i = 0;
  while (i < tok.size() && is_digit(tok[i])) ++i;
  if (i < 3) return false;
  const bool tail = i < tok.size() && tok[i] == '-';
  for (size_t j = i; j < tok.size(); ++j) {
    if (!is_alnum(tok[j]) && tok[j] != '-') return false;
  }
  return i >= 4 || tail;
}

bool section_word(std::string_view tok) {
  while (!tok.empty() && (tok.back() == '.' || tok.back() == ':')) tok.remove_suffix(1);
  if (tok == "\xC2\xA7" || tok == "\xC2\xA7\xC2\xA7") return true;  // § and §§
  std::array<char, 16> w{};
  if (tok.size() > w.size()) return false;
  for (size_t i = 0; i < tok.size(); ++i) w[i] = lower(tok[i]);
  const std::string_view word(w.data(), tok.size());
  for (std::string_view k : {"section", "sections", "sec", "sect", "clause", "clauses", "chapter", "appendix",
                             "annex", "paragraph", "para", "subclause", "subsection"}) {
    if (word == k) return true;
  }
  return false;
}

// "commonName", "id-ce-keyUsage", "id_at_cn": named as code names things
// ("IPv4", "server1" are not).
bool identifier_name(std::string_view tok) {
  if (tok.empty() || !is_alpha(tok[0])) return false;
  bool camel = false, joined = false;
  for (size_t i = 0; i < tok.size(); ++i) {
    const char c = tok[i];
    if (!is_alnum(c) && c != '-' && c != '_') return false;
    if (i > 0 && is_upper(c) && tok[i - 1] >= 'a' && tok[i - 1] <= 'z') camel = true;
    if (i > 0 && (c == '-' || c == '_')) joined = true;
  }
  return camel || joined;
}

bool oid_word(std::string_view tok) {
  while (!tok.empty() && (tok.back() == ':' || tok.back() == '=')) tok.remove_suffix(1);
  return tok == "OID" || tok == "oid" || tok == "OIDs" || tok == "oids";
}

}  // namespace

bool section_number(std::string_view t, Span s) {
  std::array<int, 4> parts{};
  if (!quad_parts(t.substr(s.begin, s.end - s.begin), parts)) return false;
  for (int p : parts) {
    if (p > 99) return false;
  }
  int64_t i = s.begin;
  const std::string_view tok = token_before(t, i);
  if (section_word(tok) || designator_digits(tok) >= 3) return true;
  if (!standard_number(tok)) return false;
  const std::string_view name = token_before(t, i);  // "RFC" of "RFC 5869"
  return designator_digits(name) == 0 && name.size() >= 2 &&
         std::all_of(name.begin(), name.end(), [](char c) { return is_upper(c); });
}

bool object_identifier(std::string_view t, Span s) {
  std::array<int, 4> parts{};
  if (!quad_parts(t.substr(s.begin, s.end - s.begin), parts)) return false;
  if (parts[0] > 2 || parts[1] >= 40 || parts[2] >= 40 || parts[3] >= 40) return false;
  int64_t i = s.begin;
  if (at(t, i - 1) == '(' && at(t, s.end) == ')') {
    --i;
    const std::string_view name = token_before(t, i);
    if (identifier_name(name)) return true;
    return oid_word(name);
  }
  return oid_word(token_before(t, i));
}

}  // namespace dpk::pii
