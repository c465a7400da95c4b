// directory_walk.h — the files below one input directory (list_inputs'
// helper; private to dpk-core).
//
// Each real directory and each real file is listed once, whatever links
// lead to it (directories and files are told apart by device and inode), so
// a link back up the tree cannot make the walk loop or read a file twice.
// Real paths are walked first and links followed after, so a file is
// listed under its own name when it has one in the folder.
// What is not listed is skipped with a reason (see SkippedInput), never
// silently.
//
//   std::vector<InputFile> found;
//   std::vector<SkippedInput> skipped;
//   DPK_RETURN_IF_ERROR(walk_input_directory("data/", "*.jsonl*", found, &skipped));
#pragma once

#include <string>
#include <vector>

#include "dpk/input_files.h"
#include "dpk/status.h"

namespace dpk {

// Appends the files below `root` that match `glob` to `found`, in walk
// order (the caller sorts), and what it left out, with why, to `skipped`
// (may be null). kIo when a directory cannot be listed.
Status walk_input_directory(const std::string& root, const std::string& glob, std::vector<InputFile>& found,
                            std::vector<SkippedInput>* skipped);

}  // namespace dpk
