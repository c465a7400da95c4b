#include "dpk/input_files.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <cstdlib>
#include <filesystem>

#include "directory_walk.h"

namespace dpk {
namespace fs = std::filesystem;

namespace {

// "s3://...", "gs://...", "https://...": a scheme of letters, digits, '+',
// '-' or '.' before "://" (a local path would need a directory named so).
bool is_url(std::string_view arg) {
  const size_t sep = arg.find("://");
  if (sep == std::string_view::npos || sep == 0) return false;
  for (char c : arg.substr(0, sep)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

}  // namespace

StatusOr<std::vector<InputFile>> list_inputs(const std::vector<std::string>& args, const std::string& glob,
                                             std::vector<SkippedInput>* skipped) {
  std::vector<InputFile> out;
  if (args.empty()) {
    out.push_back({"-", "stdin.jsonl", 0, 0});
    return out;
  }
  for (const auto& arg : args) {
    if (arg == "-") {
      out.push_back({"-", "stdin.jsonl", 0, 0});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if ((ec || !fs::exists(st)) && is_url(arg)) {
      return Status::Usage(arg + ": object store URLs are not supported yet (copy the files to a local or "
                                 "shared file system first)");
    }
    if (ec || !fs::exists(st)) return Status::Usage(arg + ": no such file or directory");
    if (fs::is_directory(st)) {
      std::vector<InputFile> found;
      DPK_RETURN_IF_ERROR(walk_input_directory(arg, glob, found, skipped));
      std::sort(found.begin(), found.end(),
                [](const InputFile& a, const InputFile& b) { return a.relative < b.relative; });
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.push_back({arg, fs::path(arg).filename().string(), static_cast<uint64_t>(fs::file_size(arg, ec)), 0});
    }
  }
  for (size_t i = 0; i < out.size(); ++i) out[i].index = static_cast<uint32_t>(i);
  return out;
}

std::vector<InputFile> shard_files(const std::vector<InputFile>& files, int index, int count) {
  std::vector<InputFile> mine;
  if (count <= 1) return files;
  for (size_t i = 0; i < files.size(); ++i) {
    if (static_cast<int>(i % static_cast<size_t>(count)) == index) mine.push_back(files[i]);
  }
  return mine;
}

namespace {
bool env_int(const char* name, int& v) {
  const char* s = std::getenv(name);
  if (s == nullptr || *s == '\0') return false;
  char* end = nullptr;
  long x = std::strtol(s, &end, 10);
  if (end == s || *end != '\0') return false;
  v = static_cast<int>(x);
  return true;
}
}  // namespace

namespace {
// A Slurm array variable: absent (false), or a whole number in `v`; a value
// that is not one is an error naming it.
StatusOr<bool> slurm_int(const char* name, int& v) {
  const char* s = std::getenv(name);
  if (s == nullptr || *s == '\0') return false;
  if (!env_int(name, v)) {
    return Status::Usage(std::string(name) + "='" + s + "' is not a whole number");
  }
  return true;
}

const char* const kSlurmHint = " (give --shard-index and --shard-count to choose the shard yourself)";
}  // namespace

StatusOr<ShardAssignment> shard_from_environment() {
  ShardAssignment a;
  int id = 0, count = 0;
  auto has_id = slurm_int("SLURM_ARRAY_TASK_ID", id);
  if (!has_id.ok()) return Status::Usage(has_id.status().message() + kSlurmHint);
  if (*has_id) {
    // An array task must know how many tasks share the files; guessing one
    // shard of one would process every file in every task.
    auto has_count = slurm_int("SLURM_ARRAY_TASK_COUNT", count);
    if (!has_count.ok()) return Status::Usage(has_count.status().message() + kSlurmHint);
    if (!*has_count || count <= 0) {
      return Status::Usage("SLURM_ARRAY_TASK_ID is " + std::to_string(id) +
                           " but SLURM_ARRAY_TASK_COUNT is not set to a positive number, so the shard count is "
                           "unknown" + kSlurmHint);
    }
    int min = 0, max = 0;
    auto has_min = slurm_int("SLURM_ARRAY_TASK_MIN", min);
    auto has_max = slurm_int("SLURM_ARRAY_TASK_MAX", max);
    if (!has_min.ok()) return Status::Usage(has_min.status().message() + kSlurmHint);
    if (!has_max.ok()) return Status::Usage(has_max.status().message() + kSlurmHint);
    // Task ids must run MIN..MAX with no gaps (--array=0-9, not 0-9:2 or
    // 1,5,7): task id - MIN is then the shard index.
    if (*has_max && (!*has_min || max - min + 1 != count)) {
      return Status::Usage("the Slurm array ids are not consecutive: SLURM_ARRAY_TASK_MIN=" +
                           (*has_min ? std::to_string(min) : std::string("(unset)")) +
                           ", SLURM_ARRAY_TASK_MAX=" + std::to_string(max) + " but SLURM_ARRAY_TASK_COUNT=" +
                           std::to_string(count) + kSlurmHint);
    }
    if (id - min < 0 || id - min >= count) {
      return Status::Usage("SLURM_ARRAY_TASK_ID=" + std::to_string(id) + " is outside the array of " +
                           std::to_string(count) + " tasks from SLURM_ARRAY_TASK_MIN=" + std::to_string(min) +
                           kSlurmHint);
    }
    a.index = id - min;
    a.count = count;
    a.from = "slurm";
    return a;
  }
  if ((env_int("OMPI_COMM_WORLD_RANK", id) && env_int("OMPI_COMM_WORLD_SIZE", count)) ||
      (env_int("PMI_RANK", id) && env_int("PMI_SIZE", count))) {
    a.index = id;
    a.count = count;
    a.from = "mpi";
    return a;
  }
  a.from = "default";
  return a;
}

}  // namespace dpk
