// dpk/runtime/progress.h — the progress line on stderr: documents, MB/s and,
// when the input size is known, percent and ETA. Shown only when stderr is a
// terminal and --quiet is not given; redrawn at most four times a second.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace dpk::runtime {

class ProgressLine {
 public:
  ProgressLine(std::string label, uint64_t total_bytes, bool enabled);
  // `raw_bytes`: input bytes consumed so far (compressed bytes for a
  // compressed input, which is what the total counts too).
  void update(uint64_t docs, uint64_t raw_bytes, uint64_t decoded_bytes);
  void finish();
  static bool stderr_is_terminal();

 private:
  std::string label_;
  uint64_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace dpk::runtime
