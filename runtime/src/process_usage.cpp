#include "process_usage.h"

#include <sys/resource.h>
#include <unistd.h>

#include <climits>

namespace dpk::runtime {

namespace {
double seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; }
}  // namespace

ProcessUsage process_usage() {
  ProcessUsage u;
  rusage r{};
  if (getrusage(RUSAGE_SELF, &r) != 0) return u;
  u.cpu_seconds = seconds(r.ru_utime) + seconds(r.ru_stime);
  // Linux reports ru_maxrss in kilobytes.
  u.peak_rss_bytes = static_cast<uint64_t>(r.ru_maxrss) * 1024;
  return u;
}

std::string host_name() {
  char buf[HOST_NAME_MAX + 1] = {};
  if (gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0') return "unknown";
  return buf;
}

}  // namespace dpk::runtime
