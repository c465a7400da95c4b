#include "technical_context.h"

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
  return w.ends_with("version") || w.ends_with("versions") || w.ends_with("standards") || w == "linux" ||
         w == "kernel";
}

}  // namespace dpk::pii
