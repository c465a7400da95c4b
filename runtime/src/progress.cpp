#include "dpk/runtime/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace dpk::runtime {

namespace {
// A long list of steps is cut so the line stays on one terminal row.
constexpr size_t kMaxPassText = 72;
}  // namespace

std::string progress_text(const ProgressState& st) {
  std::string line(st.label);
  if (!st.pass.empty()) {
    line += ": ";
    if (st.pass.size() > kMaxPassText) {
      line.append(st.pass.substr(0, kMaxPassText - 3));
      line += "...";
    } else {
      line.append(st.pass);
    }
  }
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, ": %llu docs  %.1f MB/s", static_cast<unsigned long long>(st.docs),
                st.mb_per_second);
  line += numbers;
  if (st.fraction >= 0) {
    const double frac = st.fraction > 1 ? 1 : st.fraction;
    const long eta = static_cast<long>(st.eta_seconds);
    if (eta >= 3600) {
      std::snprintf(numbers, sizeof numbers, "  %3.0f%%  ETA %ld:%02ld:%02ld", frac * 100, eta / 3600,
                    eta / 60 % 60, eta % 60);
    } else {
      std::snprintf(numbers, sizeof numbers, "  %3.0f%%  ETA %ld:%02ld", frac * 100, eta / 60, eta % 60);
    }
    line += numbers;
  }
  return line;
}

ProgressLine::ProgressLine(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled), start_(std::chrono::steady_clock::now()), last_(start_) {}

bool ProgressLine::stderr_is_terminal() { return ::isatty(2) == 1; }

void ProgressLine::start_pass(std::string pass, uint64_t total_bytes) {
  pass_ = std::move(pass);
  total_ = total_bytes;
  start_ = std::chrono::steady_clock::now();
  last_ = start_;
}

void ProgressLine::update(uint64_t docs, uint64_t raw_bytes, uint64_t decoded_bytes) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(250)) return;
  last_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  ProgressState st;
  st.label = label_;
  st.pass = pass_;
  st.docs = docs;
  st.mb_per_second = secs > 0 ? static_cast<double>(decoded_bytes) / 1e6 / secs : 0;
  if (total_ > 0 && raw_bytes > 0) {
    st.fraction = std::min(1.0, static_cast<double>(raw_bytes) / static_cast<double>(total_));
    st.eta_seconds = secs * (1 - st.fraction) / st.fraction;
  }
  // Blank to the end of the row: the line before may have been longer.
  std::fprintf(stderr, "\r%s\033[K", progress_text(st).c_str());
  drawn_ = true;
}

void ProgressLine::finish() {
  if (drawn_) std::fputs("\r\033[K", stderr);
  drawn_ = false;
}

}  // namespace dpk::runtime
