// dpk/runtime/progress.h — the progress line on stderr: which pass of the
// run and which steps it runs, documents, MB/s and, when the size of what
// the pass reads is known, percent and ETA. Shown only when stderr is a
// terminal and --quiet is not given; redrawn at most four times a second.
//
//   ProgressLine progress("dpk run", ProgressLine::stderr_is_terminal());
//   progress.start_pass("pass 2/2: minhash-dedup (apply), pii", spool_bytes);
//   progress.update(docs, raw_bytes, decoded_bytes);
//   progress.finish();
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace dpk::runtime {

// What one redraw shows. `fraction` < 0: the size is not known (stdin), so
// neither percent nor ETA.
struct ProgressState {
  std::string_view label;  // the tool, e.g. "dpk run"
  std::string_view pass;   // "" for a run of one pass and one step
  uint64_t docs = 0;
  double mb_per_second = 0;
  double fraction = -1;
  double eta_seconds = 0;
};

// The line as drawn (without the leading carriage return), e.g.
// "dpk run: pass 2/2: minhash-dedup (apply), pii: 131 docs  4.8 MB/s  45%  ETA 0:12".
std::string progress_text(const ProgressState& state);

class ProgressLine {
 public:
  ProgressLine(std::string label, bool enabled);
  // A new pass begins: its name (see ProgressState::pass) and the bytes it
  // will read (0 when not known); rate and ETA count from now.
  void start_pass(std::string pass, uint64_t total_bytes);
  // `raw_bytes`: input bytes of this pass consumed so far (compressed bytes
  // for a compressed input, which is what the total counts too);
  // `decoded_bytes`: the bytes of lines this pass has read.
  void update(uint64_t docs, uint64_t raw_bytes, uint64_t decoded_bytes);
  void finish();
  static bool stderr_is_terminal();

 private:
  std::string label_;
  std::string pass_;
  uint64_t total_ = 0;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace dpk::runtime
