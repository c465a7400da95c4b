// Fuzz target: dpk-url-filter's URL parse and decision on any bytes. The
// rules are a fixed small set (a domain, an IDN domain, a URL, words and a
// subword) written once to a scratch folder. Oracle: the host is a part of
// the URL holding no '/', '?', '#' or '@' and ending in no '.'; the host key
// is lowercase; a decision that blocks has a reason and a match.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "dpk/public_suffix_list.h"
#include "fuzz_check.h"
#include "url-filter/url_host.h"
#include "url-filter/url_rules.h"

namespace {

void write(const std::string& path, const char* text) {
  if (FILE* f = std::fopen(path.c_str(), "w")) {
    std::fputs(text, f);
    std::fclose(f);
  }
}

const dpk::url_filter::UrlRules& rules() {
  static const dpk::url_filter::UrlRules* r = [] {
    using namespace dpk::url_filter;
    const std::string dir = "/tmp/dpk-url-fuzz-" + std::to_string(getpid());
    write(dir + "-domains", "example.com\nxn--bcher-kva.de\nsub.example.org\n");
    write(dir + "-urls", "example.net/bad\n");
    write(dir + "-words", "casino\n");
    write(dir + "-soft", "free\nwin\n");
    write(dir + "-sub", "xxx\n");
    auto* rules = new UrlRules();
    (void)dpk::PublicSuffixList::load();
    (void)rules->load_domains(dir + "-domains", "d", ListRole::kBlock);
    (void)rules->load_urls(dir + "-urls", "u", ListRole::kBlock);
    (void)rules->load_words(dir + "-words", WordList::kBanned);
    (void)rules->load_words(dir + "-soft", WordList::kSoftBanned);
    (void)rules->load_words(dir + "-sub", WordList::kBannedSubword);
    (void)rules->compile();
    for (const char* s : {"-domains", "-urls", "-words", "-soft", "-sub"}) std::remove((dir + s).c_str());
    return rules;
  }();
  return *r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dpk::url_filter;
  static UrlScratch scratch;
  static std::string key;
  const std::string_view url(reinterpret_cast<const char*>(data), size);
  const std::string_view host = url_host(url);
  if (!host.empty()) {
    FUZZ_CHECK(host.data() >= url.data() && host.data() + host.size() <= url.data() + url.size());
    FUZZ_CHECK(host.find_first_of("/?#@") == std::string_view::npos);
    FUZZ_CHECK(host.back() != '.');
  }
  host_key(host, key);
  for (char c : key) FUZZ_CHECK(!(c >= 'A' && c <= 'Z'));
  (void)host_unicode(key);
  const UrlDecision d = rules().decide(url, scratch);
  if (d.blocks()) FUZZ_CHECK(!d.reason.empty() && !d.match.empty());
  return 0;
}
