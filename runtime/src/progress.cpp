#include "dpk/runtime/progress.h"

#include <unistd.h>

#include <cstdio>

namespace dpk::runtime {

ProgressLine::ProgressLine(std::string label, uint64_t total_bytes, bool enabled)
    : label_(std::move(label)), total_(total_bytes), enabled_(enabled),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

bool ProgressLine::stderr_is_terminal() { return ::isatty(2) == 1; }

void ProgressLine::update(uint64_t docs, uint64_t raw_bytes, uint64_t decoded_bytes) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(250)) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double mbps = secs > 0 ? static_cast<double>(decoded_bytes) / 1e6 / secs : 0;
  char line[160];
  if (total_ > 0 && raw_bytes > 0) {
    double frac = static_cast<double>(raw_bytes) / static_cast<double>(total_);
    if (frac > 1) frac = 1;
    double eta = frac > 0 ? secs * (1 - frac) / frac : 0;
    std::snprintf(line, sizeof line, "\r%s: %llu docs  %.1f MB/s  %3.0f%%  ETA %d:%02d   ",
                  label_.c_str(), static_cast<unsigned long long>(docs), mbps, frac * 100,
                  static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
  } else {
    std::snprintf(line, sizeof line, "\r%s: %llu docs  %.1f MB/s   ", label_.c_str(),
                  static_cast<unsigned long long>(docs), mbps);
  }
  std::fputs(line, stderr);
  drawn_ = true;
}

void ProgressLine::finish() {
  if (drawn_) std::fputs("\r\033[K", stderr);
  drawn_ = false;
}

}  // namespace dpk::runtime
