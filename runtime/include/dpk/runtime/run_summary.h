// dpk/runtime/run_summary.h — the counts and timings of a run, and the
// machine-readable summary (metadata.json / --stats) written from them.
// Its fields, their types and the rule that keeps them stable (fields are
// only added; a change of meaning bumps kSchemaVersion): docs/run-summary.md.
//
// Counts balance for every run: documents_in + created = documents_out +
// dropped + rejected, where `created` is what splitters added (children
// minus the parents they replaced); and every input file is read, resumed,
// dropped or rejected (InputFileCounts).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "dpk/runtime/run_config.h"
#include "dpk/transform.h"

namespace dpk::runtime {

struct StepCounts {
  std::string name;
  uint64_t in = 0;
  uint64_t out = 0;
  std::map<std::string, uint64_t> dropped;  // by reason
  uint64_t rejected = 0;                     // bad input the step found (Document::reject)
  double seconds = 0;                        // summed over threads
  uint64_t text_bytes_in = 0;                // UTF-8 bytes of the text of the documents counted in `in`
  uint64_t text_bytes_out = 0;               // ... and in `out`
  uint64_t dropped_total() const;
  void add(const StepCounts& o);
};

struct InputCounts {
  std::string path;
  uint64_t documents = 0;  // lines that were documents (parsed or rejected)
  uint64_t rejected = 0;
  uint64_t bytes = 0;      // decoded bytes read
  bool resumed = false;    // skipped: finished by an earlier run
  std::string outcome;     // InputFileCounts' word for it, once the file is done
  uint64_t file_bytes = 0; // size of the file on disk (compressed, as listed)
};

// What became of the input files: each file the run (this shard) took is
// exactly one of read, resumed (finished by an earlier run), dropped (by
// reason: "empty_input", no document in it) or rejected (its reading ended
// in bad input, e.g. a truncated compressed stream). Files a directory walk
// left out are not inputs; they are counted by reason in `skipped` (see
// dpk::SkippedInput), by the first shard only, so totals over shards add up.
struct InputFileCounts {
  uint64_t listed = 0;  // files this run took
  uint64_t read = 0;
  uint64_t resumed = 0;
  uint64_t rejected = 0;
  std::map<std::string, uint64_t> dropped;  // by reason
  std::map<std::string, uint64_t> skipped;  // by reason
  std::map<std::string, std::vector<std::string>> skipped_examples;  // by reason, the first few paths

  uint64_t dropped_total() const;
  uint64_t skipped_total() const;
  bool balanced() const { return listed == read + resumed + rejected + dropped_total(); }
  // Records one file's outcome: "read", "resumed", "rejected" or a drop reason.
  void add_outcome(const std::string& outcome);
  void add_skipped(const std::string& path, const std::string& reason);
  // One warning line (without "TOOL: warning: ") per reason a person should
  // hear about (links not followed, hidden files, duplicates ...; not dpk's
  // own records and temporaries, nor files --glob left out), naming the
  // first few paths.
  std::vector<std::string> skip_warnings() const;
};

// A file a step loaded (a model, its vocabulary), named in the run record
// with its size and SHA-256 so a run says exactly what made its annotations.
struct ModelFile {
  std::string path;
  uint64_t bytes = 0;
  std::string sha256;  // 64 lowercase hex digits
};

// How one step was set up: every option it declares, resolved (defaults
// included, unset ones null), as a JSON object; and the files it loaded.
struct StepSetup {
  std::string options_json = "{}";
  std::vector<ModelFile> models;
};

struct RunSummary {
  // The record's format (docs/run-summary.md): fields are only ever added; a
  // field whose meaning changes bumps this.
  static constexpr int kSchemaVersion = 1;

  std::string tool;
  std::string started;     // ISO 8601, UTC
  double wall_seconds = 0;
  std::string parameters_json = "{}";    // options as given (recipe: as written)
  std::string common_options_json = "{}";  // every common option, resolved
  std::vector<StepSetup> step_setups;      // parallel to `steps`
  std::string host;
  int threads = 0;              // worker threads the run used
  double cpu_seconds = 0;       // user + system, all threads (all processes under mpirun)
  uint64_t peak_rss_bytes = 0;  // peak resident memory (the largest process under mpirun)
  std::string output;
  int shard_index = 0;
  int shard_count = 1;
  uint64_t documents_in = 0;
  uint64_t documents_out = 0;
  uint64_t rejected = 0;
  uint64_t created = 0;
  uint64_t blank_lines = 0;
  uint64_t bytes_in = 0;
  uint64_t bytes_out = 0;
  uint64_t input_file_bytes = 0;  // on disk, of the input files read (not resumed)
  std::map<std::string, uint64_t> rejected_by_reason;
  std::vector<StepCounts> steps;
  std::vector<InputCounts> inputs;
  InputFileCounts input_files;
  std::vector<std::string> outputs;

  uint64_t dropped() const;
  bool balanced() const { return documents_in + created == documents_out + dropped() + rejected; }
  std::string to_json() const;
  // The counts of steps 0..through_step, for a step that reports on the run.
  RunTally tally(size_t through_step) const;
  // One line for a person: in, out, dropped by step and reason, rejected by
  // reason, time.
  std::string human() const;
  // Why the run wrote no documents although it had something to read (every
  // document dropped or rejected, or non-empty input that held none); "" when
  // it wrote some, or read nothing (an empty input, every input resumed).
  std::string empty_output() const;
};

// The end of a run for the person watching, a batch log included: the
// summary line and, for an empty output, a warning on stderr (when `speak`
// and not cfg.quiet). With cfg.fail_on_empty an empty output is a kData error.
Status report_run_end(const RunSummary& summary, const RunConfig& cfg, bool speak);

std::string utc_now_iso();

}  // namespace dpk::runtime
