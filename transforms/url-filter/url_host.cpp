#include "url_host.h"

#include <idn2.h>

#include <cstdlib>

namespace dpk::url_filter {
namespace {

bool is_scheme_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
         c == '.';
}

// What follows "scheme://" (or a leading "//"); the whole URL otherwise,
// as tldextract does.
std::string_view without_scheme(std::string_view url) {
  const size_t slashes = url.find("//");
  if (slashes == 0) return url.substr(2);
  if (slashes == std::string_view::npos || slashes < 2 || url[slashes - 1] != ':') return url;
  for (size_t i = 0; i + 1 < slashes; ++i) {
    if (!is_scheme_char(url[i])) return url;
  }
  return url.substr(slashes + 2);
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string_view url_host(std::string_view url) {
  std::string_view rest = without_scheme(url);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (!rest.empty() && rest.front() == '[') return {};  // IPv6 literal
  rest = rest.substr(0, rest.find(':'));
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  while (!rest.empty() && (rest.back() == '.' || rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
  return rest;
}

bool host_key(std::string_view host, std::string& key) {
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  key.clear();
  bool ascii = true;
  for (char c : host) {
    ascii &= static_cast<unsigned char>(c) < 0x80;
    key.push_back(ascii_lower(c));
  }
  if (ascii) return true;  // punycode labels, if any, are already the key
  char* out = nullptr;
  if (idn2_to_ascii_8z(key.c_str(), &out, IDN2_NONTRANSITIONAL) != IDN2_OK) {
    std::free(out);
    return false;
  }
  key.assign(out);
  std::free(out);
  return true;
}

std::string host_unicode(std::string_view name) {
  if (name.find("xn--") == std::string_view::npos) return std::string(name);
  std::string in(name);
  char* out = nullptr;
  if (idn2_to_unicode_8z8z(in.c_str(), &out, 0) != IDN2_OK) {
    std::free(out);
    return in;
  }
  std::string result(out);
  std::free(out);
  return result;
}

}  // namespace dpk::url_filter
