// dpk/public_suffix_list.h — the Public Suffix List the system ships
// (Debian: the `publicsuffix` package, read through libpsl), loaded once per
// process and shared by every step that needs it (pii: is a label a
// top-level domain; url-filter: a host's registered domain). Never
// hard-coded, so new suffixes arrive with the system's list.
//
//   if (dpk::Status st = dpk::PublicSuffixList::load(); !st.ok()) return st;  // at start
//   PublicSuffixList::is_suffix("co.uk", SuffixRules::kIcannOnly)   // true
//   PublicSuffixList::registered_domain("a.b.example.co.uk")       // "example.co.uk"
#pragma once

#include <string_view>

#include "dpk/status.h"

namespace dpk {

enum class SuffixRules {
  kAny,        // ICANN and private suffixes (blogspot.com)
  kIcannOnly,  // the list's ICANN section only
};

class PublicSuffixList {
 public:
  // Loads the list (once; later calls return the first result). An error
  // names the file libpsl looked for; `who` prefixes it ("pii", "url-filter").
  static Status load(std::string_view who = "dpk");
  // True when `name` (lowercase ASCII; punycode for IDNs; no trailing dot)
  // is a public suffix. The implicit "*" rule is off: an unknown top-level
  // label is no suffix. False when the list is not loaded.
  static bool is_suffix(std::string_view name, SuffixRules rules);
  // The registered domain of `host` (lowercase ASCII): its longest public
  // suffix and the label before it. Empty when the host is itself a suffix,
  // has no known suffix (an IP address, `localhost`) or the list is not loaded.
  static std::string_view registered_domain(std::string_view host, SuffixRules rules);
};

}  // namespace dpk
