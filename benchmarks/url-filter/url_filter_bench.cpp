// url_filter_bench — how fast dpk-url-filter loads its lists and decides.
//
//   url_filter_bench URLS BLOCKLIST_DIR [DOMAINS_FILE] [PASSES]
//
// URLS: one URL a line, or the fixture's "reason<TAB>url" lines (plain, .gz
// or .zst). BLOCKLIST_DIR: a block list folder (--blocklist-dir).
// DOMAINS_FILE: a domain list whose load is timed on its own. Decides every
// URL PASSES times (default 200) on one thread and prints URLs per second.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "dpk/byte_stream.h"
#include "dpk/public_suffix_list.h"
#include "url_rules.h"

using namespace dpk;
using namespace dpk::url_filter;
using Clock = std::chrono::steady_clock;

static double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
// CPU time of this thread: the machine may be shared, and the figure asked
// for is per core.
static double thread_cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: url_filter_bench URLS BLOCKLIST_DIR [DOMAINS_FILE] [PASSES]\n");
    return 2;
  }
  const int passes = argc > 4 ? std::atoi(argv[4]) : 200;
  if (!PublicSuffixList::load().ok()) return 3;
  StatusOr<std::string> text = read_whole_input(argv[1]);
  if (!text.ok()) {
    std::fprintf(stderr, "%s\n", text.status().message().c_str());
    return 3;
  }
  std::vector<std::string> urls;
  std::string_view rest = *text;
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    if (size_t tab = line.find('\t'); tab != std::string_view::npos) line.remove_prefix(tab + 1);
    if (!line.empty()) urls.emplace_back(line);
  }

  if (argc > 3) {
    UrlRules domains_only;
    const auto t = Clock::now();
    const double cpu = thread_cpu_seconds();
    if (Status st = domains_only.load_domains(argv[3], "bench", ListRole::kBlock); !st.ok()) {
      std::fprintf(stderr, "%s\n", st.message().c_str());
      return 3;
    }
    std::printf("domain list load: %zu domains in %.3f s (%.3f s CPU)\n",
                domains_only.domain_count(ListRole::kBlock), seconds_since(t), thread_cpu_seconds() - cpu);
  }

  UrlRules rules;
  auto t = Clock::now();
  if (Status st = rules.load_blocklist_dir(argv[2], {}); !st.ok() || !(st = rules.compile()).ok()) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return 3;
  }
  std::printf("block list dir load: %zu domains, %zu urls, %zu+%zu+%zu words in %.3f s\n",
              rules.domain_count(ListRole::kBlock), rules.url_count(ListRole::kBlock),
              rules.word_count(WordList::kBanned), rules.word_count(WordList::kSoftBanned),
              rules.word_count(WordList::kBannedSubword), seconds_since(t));

  // First pass: every host new to the scratch's host cache (1,171 hosts
  // for the fixture's 3,912 URLs), so each one asks the Public Suffix List.
  UrlScratch scratch;
  size_t blocked = 0;
  double cold = thread_cpu_seconds();
  for (const auto& u : urls) blocked += rules.decide(u, scratch).blocks();
  cold = thread_cpu_seconds() - cold;
  std::printf("first pass (host cache empty): %.2f M URLs per CPU second\n", static_cast<double>(urls.size()) / cold / 1e6);
  t = Clock::now();
  const double cpu = thread_cpu_seconds();
  size_t decided = 0;
  for (int p = 0; p < passes; ++p) {
    for (const auto& u : urls) {
      decided += rules.decide(u, scratch).blocks() ? 1 : 0;
    }
  }
  const double wall = seconds_since(t);
  const double s = thread_cpu_seconds() - cpu;
  const double n = static_cast<double>(urls.size()) * passes;
  std::printf("decide: %zu URLs (%zu blocked) x %d passes in %.3f s CPU (%.3f s wall): %.2f M URLs per CPU second\n",
              urls.size(), blocked, passes, s, wall, n / s / 1e6);
  return decided == static_cast<size_t>(-1) ? 1 : 0;
}
