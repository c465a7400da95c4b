// The names a run writes under, checked before anything is read: every input
// maps to its own output file, and no output of a run names an input or
// another output of the same run.
//
//   name_below_common_folder(cfg.inputs, inputs);      // mirrored names
//   DPK_RETURN_IF_ERROR(check_distinct_outputs(files, inputs));
#pragma once

#include <string>
#include <vector>

#include "dpk/input_files.h"
#include "dpk/status.h"

namespace dpk::runtime {

// Sets each input's `relative` (the name a directory output mirrors) to its
// path below the deepest folder that holds every input argument: a directory
// argument counts as itself, a file argument as its folder. So `-o out/ in/`
// mirrors in/'s tree as before, and `-o out/ ca/data.jsonl cb/data.jsonl`
// writes out/ca/data.jsonl and out/cb/data.jsonl. Standard input keeps
// "stdin.jsonl".
void name_below_common_folder(const std::vector<std::string>& args, std::vector<InputFile>& inputs);

// A file a run writes, and what asked for it (for the message): "-o",
// "--stats", "recipe.yaml:4 stats --report", "-o (for input in/a.jsonl)".
struct NamedOutput {
  std::string role;
  std::string path;
};

// kUsage when two outputs name one file, or an output names one of the inputs.
// Paths are compared as the files they reach: by device and inode where the
// file exists, else by their weakly canonical form. Standard output ("-") and
// what is not a regular file (/dev/null) are never compared.
Status check_distinct_outputs(const std::vector<NamedOutput>& outputs, const std::vector<InputFile>& inputs);

// kUsage when the output folder `output_dir` lies inside one of the input
// folders `input_args` (a rerun, or the next tool given the same folder,
// would read the run's own output back as input); names both. An output
// folder equal to an input folder is left to check_distinct_outputs.
Status check_output_outside_inputs(const std::string& output_dir, const std::vector<std::string>& input_args);

// kUsage when a file besides the documents (--stats, --keep-dropped,
// --quarantine, a step's report) would land among the data files of the
// output folder `output_dir`, where the next tool given the folder would read
// it as input. Below OUTPUT/.dpk/, with the run's own records, is allowed.
Status check_side_files_outside_data(const std::string& output_dir, const std::vector<NamedOutput>& side_files);

}  // namespace dpk::runtime
