// top_level_domains.h — is a name a top-level domain? Asked of the Public
// Suffix List the system ships (dpk/public_suffix_list.h, shared with
// url-filter), never hard-coded here, so
// new top-level domains arrive with the system's list.
//
// E-mail candidates whose last label is no top-level domain are no
// addresses: `po/en@quot.header`, `getty@tty2.service`, `logo@2x.png`.
//
//   if (Status st = TopLevelDomains::load(); !st.ok()) return st;  // at start
//   TopLevelDomains::is_known("org");   // true
//   TopLevelDomains::is_known("header") // false
#pragma once

#include <string_view>

#include "dpk/status.h"

namespace dpk::pii {

class TopLevelDomains {
 public:
  // Loads the list (once; later calls return the first result). An error
  // names the file libpsl looked for.
  static Status load();
  // True when `label` (ASCII, any case; punycode for IDNs) is a top-level
  // domain of the list. Loads the list on first use; false when it cannot.
  static bool is_known(std::string_view label);
};

}  // namespace dpk::pii
