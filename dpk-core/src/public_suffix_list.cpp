#include "dpk/public_suffix_list.h"

#include <libpsl.h>

#include <string>

namespace dpk {
namespace {

struct LoadedList {
  psl_ctx_t* psl = nullptr;
  LoadedList() {
    // psl_latest reads the distribution's list (the newer of it and any
    // list built into libpsl).
    psl = psl_latest(nullptr);
  }
  ~LoadedList() { psl_free(psl); }
};

const LoadedList& list() {
  static const LoadedList loaded;  // thread-safe, once per process
  return loaded;
}

}  // namespace

Status PublicSuffixList::load(std::string_view who) {
  if (list().psl) return Status::Ok();
  const char* dist = psl_dist_filename();
  return Status::Io(std::string(who) + ": cannot load the Public Suffix List (" +
                    (dist && *dist ? dist : "no file configured in libpsl") + "); install the publicsuffix package");
}

bool PublicSuffixList::is_suffix(std::string_view name, SuffixRules rules) {
  const psl_ctx_t* psl = list().psl;
  if (!psl || name.empty() || name.size() > 253) return false;
  char buf[256];
  name.copy(buf, name.size());
  buf[name.size()] = '\0';
  const int type = (rules == SuffixRules::kIcannOnly ? PSL_TYPE_ICANN : PSL_TYPE_ANY) | PSL_TYPE_NO_STAR_RULE;
  return psl_is_public_suffix2(psl, buf, type) != 0;
}

std::string_view PublicSuffixList::registered_domain(std::string_view host, SuffixRules rules) {
  // The longest suffix is the first one met from the left. Suffixes do not
  // nest reliably (*.kawasaki.jp has no kawasaki.jp), so every label start
  // is tried rather than stopping at the first miss from the right.
  if (is_suffix(host, rules)) return {};
  size_t label_start = 0;  // start of the label before the candidate suffix
  for (size_t dot = host.find('.'); dot != std::string_view::npos; dot = host.find('.', dot + 1)) {
    if (is_suffix(host.substr(dot + 1), rules)) return host.substr(label_start);
    label_start = dot + 1;
  }
  return {};
}

}  // namespace dpk
