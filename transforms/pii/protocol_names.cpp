#include "protocol_names.h"

#include <array>

namespace dpk::pii {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_alpha(char c) { return is_lower(c) || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Words that say the value before or after them is a protocol's item.
bool item_word(std::string_view w) {
  for (std::string_view k : {"extension", "extensions", "protocol", "hybrid", "method", "algorithm", "algorithms",
                             "cipher", "ciphers", "mac", "macs", "kex", "documentation"}) {
    if (w == k) return true;
  }
  return false;
}

// "the limits@openssh.com extension", "... sftp-server extension".
bool word_after_names_item(std::string_view t, uint32_t end) {
  size_t i = end;
  while (i < t.size() && i - end < 3 && (t[i] == '"' || t[i] == '\'' || t[i] == ' ')) ++i;
  if (i == end || t[i - 1] != ' ') return false;
  for (int words = 0; words < 2; ++words) {
    char w[16];
    size_t n = 0;
    while (i < t.size() && n < sizeof w && is_alpha(t[i])) w[n++] = lower(t[i++]);
    if (item_word(std::string_view(w, n))) return true;
    while (i < t.size() && (is_alnum(t[i]) || t[i] == '-')) ++i;
    if (i >= t.size() || t[i] != ' ') return false;
    ++i;
  }
  return false;
}

// "remove the pre-standardization cipher\n  rijndael-cbc@lysator.liu.se".
// "method" is left out here: "contact method: name@host" is an address.
bool word_before_names_item(std::string_view t, uint32_t begin) {
  size_t i = begin;
  bool crossed_line = false;
  while (i > 0 && begin - i < 16) {
    const char ch = t[i - 1];
    if (ch == '\n' && !crossed_line) crossed_line = true;
    else if (ch != ' ' && ch != '\t' && ch != '"' && ch != '\'' && ch != '(') break;
    --i;
  }
  std::array<char, 16> w;
  size_t n = 0;
  while (i > 0 && n < w.size() && is_alpha(t[i - 1])) w[w.size() - 1 - n++] = lower(t[--i]);
  if (i > 0 && (is_alnum(t[i - 1]) || t[i - 1] == '-')) return false;  // "sftp-server" is no item word
  const std::string_view word(w.data() + w.size() - n, n);
  return word != "method" && item_word(word);
}

// Words joined by '-', two of them with digits or the last a version:
// "sntrup761x25519-sha512", "hmac-sha2-256-etm", "ssh-ed25519-cert-v01".
// The first word starts with a letter, as algorithms' names do; "5981058-
// rrivers2" (a forge's user id and name) is an address.
bool algorithm_shaped(std::string_view local) {
  if (!identifier_local_part(local) || !is_lower(local[0])) return false;
  int with_digits = 0;
  std::string_view last;
  for (size_t b = 0; b <= local.size();) {
    size_t e = local.find('-', b);
    if (e == std::string_view::npos) e = local.size();
    const std::string_view part = local.substr(b, e - b);
    for (char c : part) {
      if (is_digit(c)) { ++with_digits; break; }
    }
    last = part;
    b = e + 1;
  }
  const bool version_last = last.size() >= 2 && last[0] == 'v' && is_digit(last[1]) &&
                            last.find_first_not_of("0123456789", 1) == std::string_view::npos;
  return with_digits >= 2 || version_last;
}

// "aes128-ctr,aes128-gcm@openssh.com,chacha20-poly1305@openssh.com": glued
// to its neighbour by a comma, that neighbour a name built as the items
// are ("aes128-ctr": small letters and digits joined by '-') or an item
// name@domain itself. "Jane,Doe,jane@example.com" (a CSV row) and lists of
// addresses stay addresses.
bool in_name_list(std::string_view t, Span a) {
  auto token_before = [&](size_t end) {
    size_t b = end;
    while (b > 0 && (is_alnum(t[b - 1]) || t[b - 1] == '-' || t[b - 1] == '_' || t[b - 1] == '.' || t[b - 1] == '@')) --b;
    return t.substr(b, end - b);
  };
  auto token_after = [&](size_t begin) {
    size_t e = begin;
    while (e < t.size() && (is_alnum(t[e]) || t[e] == '-' || t[e] == '_' || t[e] == '.' || t[e] == '@')) ++e;
    return t.substr(begin, e - begin);
  };
  auto item = [&](std::string_view tok) {
    const size_t at = tok.find('@');
    if (at == std::string_view::npos) return identifier_local_part(tok);
    // Another name@domain of the list counts only if built like an algorithm.
    return algorithm_shaped(tok.substr(0, at));
  };
  if (a.begin > 0 && t[a.begin - 1] == ',' && item(token_before(a.begin - 1))) return true;
  return a.end < t.size() && t[a.end] == ',' && item(token_after(a.end + 1));
}

}  // namespace

bool identifier_local_part(std::string_view local) {
  if (local.empty() || !is_alnum(local.front()) || !is_alnum(local.back())) return false;
  bool hyphen = false;
  for (size_t i = 0; i < local.size(); ++i) {
    const char c = local[i];
    if (c == '-') {
      if (local[i - 1] == '-') return false;
      hyphen = true;
    } else if (!is_lower(c) && !is_digit(c)) {
      return false;
    }
  }
  return hyphen;
}

bool names_protocol_item(std::string_view t, Span a, uint32_t at_pos) {
  // "Name <value>" is how an address of a person or list is written.
  if (a.begin > 0 && t[a.begin - 1] == '<' && a.end < t.size() && t[a.end] == '>') return false;
  return word_after_names_item(t, a.end) || word_before_names_item(t, a.begin) ||
         algorithm_shaped(t.substr(a.begin, at_pos - a.begin)) || in_name_list(t, a);
}

}  // namespace dpk::pii
