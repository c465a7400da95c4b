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

ShardAssignment shard_from_environment() {
  ShardAssignment a;
  int id, count;
  if (env_int("SLURM_ARRAY_TASK_ID", id) && env_int("SLURM_ARRAY_TASK_COUNT", count) && count > 0) {
    int min = 0;
    env_int("SLURM_ARRAY_TASK_MIN", min);
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
