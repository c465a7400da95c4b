#include "top_level_domains.h"

#include <libpsl.h>

#include <string>

namespace dpk::pii {
namespace {

struct LoadedList {
  psl_ctx_t* psl = nullptr;
  Status status;
  LoadedList() {
    // psl_latest reads the distribution's list (the newer of it and any
    // list built into libpsl).
    psl = psl_latest(nullptr);
    if (!psl) {
      const char* dist = psl_dist_filename();
      status = Status::Io(std::string("pii: cannot load the Public Suffix List (") +
                          (dist && *dist ? dist : "no file configured in libpsl") +
                          "); install the publicsuffix package");
    }
  }
  ~LoadedList() { psl_free(psl); }
};

const LoadedList& list() {
  static const LoadedList loaded;  // thread-safe, once per process
  return loaded;
}

}  // namespace

Status TopLevelDomains::load() { return list().status; }

bool TopLevelDomains::is_known(std::string_view label) {
  const psl_ctx_t* psl = list().psl;
  if (!psl || label.empty() || label.size() > 63) return false;
  char buf[64];
  for (size_t i = 0; i < label.size(); ++i) {
    const char ch = label[i];
    buf[i] = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
  }
  buf[label.size()] = '\0';
  // No wildcard rule: "*" alone would make every label a suffix.
  return psl_is_public_suffix2(psl, buf, PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
}

}  // namespace dpk::pii
