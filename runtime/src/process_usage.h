// process_usage.h — what this process has used so far, for the run summary:
// CPU seconds (user + system, every thread) and peak resident memory, from
// getrusage(RUSAGE_SELF); and the host it runs on.
//
//   ProcessUsage u = process_usage();  // u.cpu_seconds, u.peak_rss_bytes
#pragma once

#include <cstdint>
#include <string>

namespace dpk::runtime {

struct ProcessUsage {
  double cpu_seconds = 0;
  uint64_t peak_rss_bytes = 0;
};

ProcessUsage process_usage();

// gethostname(), or "unknown" when it fails.
std::string host_name();

}  // namespace dpk::runtime
