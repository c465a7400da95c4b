#include "top_level_domains.h"

#include "dpk/public_suffix_list.h"

namespace dpk::pii {

Status TopLevelDomains::load() { return PublicSuffixList::load("pii"); }

bool TopLevelDomains::is_known(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  char buf[64];
  for (size_t i = 0; i < label.size(); ++i) {
    const char ch = label[i];
    buf[i] = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
  }
  return PublicSuffixList::is_suffix(std::string_view(buf, label.size()), SuffixRules::kAny);
}

}  // namespace dpk::pii
