#include "dpk/runtime/run_config.h"

#include <algorithm>
#include <cmath>

#include "dpk/compression.h"

#ifndef DPK_VERSION
#define DPK_VERSION "0.1.0"
#endif

namespace dpk::runtime {

const char* dpk_version() { return DPK_VERSION; }

const std::vector<OptionSpec>& common_options() {
  static const std::vector<OptionSpec> kCommon = {
      {"output", OptionType::kString, "-",
       "Where documents go: '-' for stdout, a file (compressed by its extension), or a "
       "directory (a name ending in '/' or an existing directory) that gets one output file per "
       "input file, at the input's path below the inputs' common folder; run records go to DIR/.dpk/.",
       {}, 'o', "PATH"},
      {"glob", OptionType::kString, "",
       "Only read files matching this pattern when an input is a directory (e.g. '*.jsonl.zst').",
       {}, 0, "PATTERN"},
      {"text-key", OptionType::kString, "text", "Name of the field holding the text.", {}, 0, "KEY"},
      {"id-key", OptionType::kString, "id", "Name of the field holding the document id.", {}, 0, "KEY"},
      {"threads", OptionType::kInt, "0", "Worker threads (0 = all cores).", {}, 0, "N", 0},
      {"stats", OptionType::kString, "",
       "Write the run summary (JSON) here. With an output directory it also goes to "
       "DIR/.dpk/metadata.json.",
       {}, 0, "FILE"},
      {"on-error", OptionType::kChoice, "fail",
       "What to do with a bad line (malformed JSON, invalid UTF-8, no text field, longer than "
       "--max-line-bytes, the torn end of a truncated compressed input): fail (exit 1 naming file "
       "and line), skip (count it), quarantine (count it and write it unchanged to --quarantine).",
       "fail|skip|quarantine", 0, "MODE"},
      {"quarantine", OptionType::kString, "",
       "File for rejected lines with --on-error quarantine (compressed by its extension or "
       "--compression).",
       {}, 0, "FILE"},
      {"keep-dropped", OptionType::kString, "",
       "Write dropped documents here, each with a 'dpk_drop_reason' field (compressed by its "
       "extension or --compression).",
       {}, 0, "FILE"},
      {"shard-index", OptionType::kInt, "",
       "Which shard of the input files this process takes (default: from SLURM_ARRAY_TASK_ID or "
       "the MPI rank, else 0).",
       {}, 0, "I", 0},
      {"shard-count", OptionType::kInt, "",
       "How many shards the input files are split into (default: SLURM_ARRAY_TASK_COUNT or the MPI "
       "size, else 1).",
       {}, 0, "N", 1},
      {"shard-local", OptionType::kFlag, "",
       "With --shard-count N > 1, a Slurm array or mpirun: run global steps (exact-dedup, "
       "minhash-dedup, line-dedup, sample, stats) on this shard's files alone, as if they were the "
       "whole corpus (under mpirun: without exchanging observations). Without it one shard refuses "
       "a global step: run its stages or a job chain from 'dpk slurm' instead.",
       {}, 0, {}},
      {"compression", OptionType::kChoice, "auto",
       "Output compression: auto (from the output name; in a directory, as the input), none, gzip, "
       "zstd.",
       "auto|none|gzip|zstd", 0, "CODEC"},
      {"compression-level", OptionType::kInt, "3",
       "Compression level: 1 (fastest) to 9 for gzip, 1 to 22 for zstd; a level outside the output codec's "
       "range is a usage error.",
       {}, 0, "N", 1, 22},
      {"overwrite", OptionType::kFlag, "",
       "Redo every output file, also those a previous run completed (by default a rerun with the "
       "same settings and inputs skips them, and one with others is refused).", {}, 0, {}},
      {"block-size", OptionType::kSize, "1M", "Bytes of input per block of work.", {}, 0, "SIZE", 4096},
      {"flush-interval", OptionType::kDuration, "1s",
       "Input from a pipe or terminal that comes slower than blocks fill: hand on the whole lines "
       "read so far once the first has waited this long (e.g. 250ms, 1s; 0 = wait for a full "
       "block). Files, and pipes that keep up, are never cut short.",
       {}, 0, "DURATION", 0},
      {"max-line-bytes", OptionType::kSize, "256M",
       "Longest input line read (1K to below 4G). A longer line is a rejected record (reason "
       "line_too_long) handled by --on-error; quarantine keeps its first SIZE bytes. The reader "
       "never holds more of a line than this.",
       {}, 0, "SIZE"},
      {"temp-dir", OptionType::kString, "",
       "Directory for intermediate data of global steps (default: inside the output directory, "
       "else $TMPDIR).",
       {}, 0, "DIR"},
      {"fail-on-empty", OptionType::kFlag, "",
       "Exit 1 when the run writes no documents: every document was dropped or rejected, or "
       "non-empty input held none (without it, a warning).",
       {}, 0, {}},
      {"quiet", OptionType::kFlag, "",
       "No progress, summary or warnings on stderr (the summary line and warnings are printed "
       "whether or not stderr is a terminal; the progress line only on a terminal).",
       {}, 'q', {}},
  };
  return kCommon;
}

const std::vector<std::string>& per_step_common_options() {
  static const std::vector<std::string> kPerStep = {"text-key", "id-key", "threads"};
  return kPerStep;
}

StatusOr<RunConfig> run_config_from(const OptionValues& v, std::vector<std::string> inputs) {
  RunConfig c;
  c.inputs = std::move(inputs);
  c.output = v.get_string("output");
  if (c.output.empty()) c.output = "-";
  c.glob = v.get_string("glob");
  c.schema.text_key = v.get_string("text-key");
  c.schema.id_key = v.get_string("id-key");
  if (c.schema.text_key.empty()) return Status::Usage("--text-key: must not be empty");
  if (c.schema.id_key.empty()) return Status::Usage("--id-key: must not be empty");
  c.threads = static_cast<int>(v.get_int("threads"));
  c.stats_path = v.get_string("stats");
  const std::string on_error = v.get_string("on-error");
  c.on_error = on_error == "skip" ? OnError::kSkip
               : on_error == "quarantine" ? OnError::kQuarantine
                                          : OnError::kFail;
  c.quarantine_path = v.get_string("quarantine");
  if (c.on_error == OnError::kQuarantine && c.quarantine_path.empty()) {
    return Status::Usage("--on-error quarantine needs --quarantine FILE");
  }
  c.keep_dropped_path = v.get_string("keep-dropped");
  if (v.has("shard-index")) c.shard_index = static_cast<int>(v.get_int("shard-index"));
  if (v.has("shard-count")) c.shard_count = static_cast<int>(v.get_int("shard-count"));
  if ((c.shard_index >= 0) != (c.shard_count >= 0)) {
    return Status::Usage("--shard-index and --shard-count go together");
  }
  if (c.shard_count == 0 || (c.shard_count > 0 && (c.shard_index < 0 || c.shard_index >= c.shard_count))) {
    return Status::Usage("--shard-index must be in [0, --shard-count)");
  }
  c.shard_local = v.get_flag("shard-local");
  c.fail_on_empty = v.get_flag("fail-on-empty");
  c.compression = v.get_string("compression");
  c.compression_level = static_cast<int>(v.get_int("compression-level"));
  c.overwrite = v.get_flag("overwrite");
  c.quiet = v.get_flag("quiet");
  c.block_size = static_cast<size_t>(v.get_size("block-size"));
  c.flush_interval = std::chrono::milliseconds(std::llround(std::min(v.get_duration("flush-interval"), 1e9) * 1000));
  c.max_line_bytes = v.get_size("max-line-bytes");
  // Below 4G: a document's field offsets are 32-bit, as is the JSON parser's size limit.
  if (c.max_line_bytes < 1024 || c.max_line_bytes >= (uint64_t{1} << 32)) {
    return Status::Usage("--max-line-bytes: must be from 1K up to (not including) 4G, got " +
                         v.get_string("max-line-bytes"));
  }
  c.temp_dir = v.get_string("temp-dir");
  return c;
}

}  // namespace dpk::runtime
