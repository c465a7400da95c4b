// What a directory output remembers of the run that wrote it, so a rerun
// resumes only the same work: each completed file's record (under
// OUT/.dpk/done/) holds the tool, the settings that decide the documents
// (steps with their resolved options; text-key, id-key, compression), the
// input's identity (size and modification time), its line count and its share
// of the run's counts (so the summary of a resumed run covers every file).
//
//   OutputRecords records(plan, inputs);
//   auto done = records.completed(mirrored_files(req, inputs), cfg.overwrite);
//   ... records.record_json(i, lines, counts) when input i is written.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dpk/input_files.h"
#include "dpk/runtime/output_target.h"
#include "dpk/runtime/pipeline.h"
#include "dpk/status.h"

namespace dpk::runtime {

// Setting name ("steps", "step 1 (select) --min-words", "--compression") to
// its value, as text.
using RunSettings = std::map<std::string, std::string>;

// The settings of `plan` that decide what it writes (not --threads, --stats,
// paths or other bookkeeping). Step options are as configure_plan resolved
// them, defaults included.
RunSettings output_settings(const RunPlan& plan);

// "steps: 'select' before, 'docid' now; ..." (at most three); "" when equal.
std::string describe_differences(const RunSettings& before, const RunSettings& now);

struct CompletionRecord {
  std::string input;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t lines = 0;
  std::string tool;
  RunSettings settings;
  std::string counts;  // encode_counts() of this input's share of the run
};

std::string completion_record_json(const CompletionRecord& r);
// nullopt when the file is missing or is not a whole record.
std::optional<CompletionRecord> read_completion_record(const std::string& path);

class OutputRecords {
 public:
  // Takes the identity (size, modification time) of every input now.
  OutputRecords(const RunPlan& plan, const std::vector<InputFile>& inputs);

  // Per input: the record of an earlier run that completed its file, when the
  // file and record are there. kUsage, naming the difference, when a record
  // was written with other settings or from an input that changed since
  // (unless `overwrite`, which redoes every file). Standard input is never
  // resumed.
  StatusOr<std::vector<std::optional<CompletionRecord>>> completed(const std::vector<MirroredFile>& files,
                                                                   bool overwrite) const;

  // The record of input `i`, read `lines` lines, with its share of the counts.
  std::string record_json(size_t i, uint64_t lines, std::string counts) const;

 private:
  std::string tool_;
  std::string output_;
  RunSettings settings_;
  const std::vector<InputFile>& inputs_;
  std::vector<uint64_t> sizes_;
  std::vector<int64_t> mtimes_;
};

}  // namespace dpk::runtime
