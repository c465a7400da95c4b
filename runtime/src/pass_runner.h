// pass_runner.h (internal to the runtime) — runs one pass: the inputs
// through the pass's steps on a bounded, ordered TBB pipeline (read blocks ->
// parse and run the steps in parallel -> count and write in input order).
//
//   Status s = run_pass(plan, pass, inputs, *target, side, chains, summary,
//                       &summary.inputs, progress, &outputs->records(), threads);
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "dpk/compression.h"
#include "dpk/document_parser.h"
#include "dpk/input_files.h"
#include "dpk/runtime/output_target.h"
#include "dpk/runtime/pipeline.h"
#include "dpk/runtime/progress.h"
#include "dpk/runtime/run_summary.h"
#include "output_records.h"
#include "pass_plan.h"
#include "side_outputs.h"

namespace dpk::runtime {

// What one worker needs: its own parser, transform instances, compressors.
struct Chain {
  DocumentParser parser;
  std::vector<std::unique_ptr<Transform>> steps;
  std::map<Codec, std::unique_ptr<BlockCompressor>> compressors;
  std::string error_text;
};

template <typename T>
class Pool {
 public:
  void add(std::unique_ptr<T> t) {
    free_.push_back(t.get());
    all_.push_back(std::move(t));
  }
  T* take() {
    std::lock_guard<std::mutex> lock(mu_);
    T* t = free_.back();
    free_.pop_back();
    return t;
  }
  void give(T* t) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(t);
  }
  std::vector<std::unique_ptr<T>>& all() { return all_; }

 private:
  std::mutex mu_;
  std::vector<T*> free_;
  std::vector<std::unique_ptr<T>> all_;
};

// Runs `pass` over `inputs` on `threads` workers, writing to `output` and
// the side files and adding its counts to `summary`. `input_counts`: the
// per-input counts to fill (the first pass only); `records` writes the
// completion record of each input the pass finishes (null for a spooled
// pass).
Status run_pass(const RunPlan& plan, const PassSpec& pass, const std::vector<InputFile>& inputs,
                OutputTarget& output, SideSinks& side, Pool<Chain>& chains, RunSummary& summary,
                std::vector<InputCounts>* input_counts, ProgressLine& progress, const OutputRecords* records,
                int threads);

}  // namespace dpk::runtime
