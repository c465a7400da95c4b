// Leftovers of runs that were killed: a file is written as NAME.tmp-PID and
// renamed to NAME when complete (see open_output), and a global step spools
// to OUT/.dpk/spool-PID-N/. A run removes those of the files it is about to
// write, and only when process PID is no longer alive (kill(PID, 0) fails
// with ESRCH), so a live run's temporaries are never touched.
//
//   size_t n = remove_stale_temporaries({"out/a.jsonl", "out/.dpk/done/a.jsonl.json"});
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dpk::runtime {

// The PID in `name` when it is exactly `final_name` + ".tmp-" + digits.
std::optional<pid_t> temporary_owner(std::string_view name, std::string_view final_name);

// Whether process `pid` exists on this machine.
bool process_alive(pid_t pid);

// Removes the temporaries of dead processes beside each of `final_paths`;
// returns how many were removed.
size_t remove_stale_temporaries(const std::vector<std::string>& final_paths);

// Removes spool-PID-N folders of dead processes in `records_dir` (OUT/.dpk);
// returns how many.
size_t remove_stale_spools(const std::string& records_dir);

}  // namespace dpk::runtime
