#include "dpk/work_files.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "dpk/byte_stream.h"
#include "dpk/compression.h"

namespace dpk {

Status write_words(const std::string& path, const std::vector<uint64_t>& words) {
  auto sink = open_output(path);
  if (!sink.ok()) return sink.status();
  BlockCompressor z(Codec::kZstd, 1);
  constexpr size_t kChunk = 1 << 19;  // words per frame (4 MiB)
  std::string frame;
  for (size_t i = 0; i < words.size(); i += kChunk) {
    const size_t n = std::min(kChunk, words.size() - i);
    frame.clear();
    DPK_RETURN_IF_ERROR(z.compress(
        std::string_view(reinterpret_cast<const char*>(words.data() + i), n * sizeof(uint64_t)), frame));
    DPK_RETURN_IF_ERROR((*sink)->write(frame));
  }
  return (*sink)->commit();
}

Status read_words(const std::string& path, std::vector<uint64_t>& words) {
  auto bytes = read_whole_input(path);
  if (!bytes.ok()) return bytes.status();
  if (bytes->size() % sizeof(uint64_t) != 0) return Status::Io(path + ": corrupt intermediate data (size)");
  const size_t before = words.size();
  words.resize(before + bytes->size() / sizeof(uint64_t));
  if (!bytes->empty()) std::memcpy(words.data() + before, bytes->data(), bytes->size());
  return Status::Ok();
}

std::string four_digits(uint64_t n) {
  char b[24];
  std::snprintf(b, sizeof b, "%04llu", static_cast<unsigned long long>(n));
  return b;
}

std::string shard_file_name(uint64_t index, uint64_t count) {
  return "shard-" + four_digits(index) + "-of-" + four_digits(count) + ".bin.zst";
}

std::vector<std::string> list_named(const std::string& dir, std::string_view prefix) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && !is_temporary_output_name(name)) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

StatusOr<std::vector<std::string>> complete_shard_files(const std::string& dir, std::string_view records,
                                                        std::string_view stage) {
  const std::string what(records), writer(stage);
  std::vector<std::string> files = list_named(dir, "shard-");
  if (files.empty()) return Status::Usage(dir + ": no " + what + " files (run the " + writer + " stage first)");
  // shard-IIII-of-NNNN for every I of one run.
  const std::string of = files[0].substr(files[0].find("-of-"));
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i] != "shard-" + four_digits(i) + of) {
      return Status::Usage(dir + ": " + what + " files of different runs or a missing shard (" + files[i] + ")");
    }
  }
  const uint64_t count = std::strtoull(of.c_str() + 4, nullptr, 10);
  if (files.size() != count) {
    return Status::Usage(dir + ": " + std::to_string(files.size()) + " of " + std::to_string(count) + " " + what +
                         " shards present (a " + writer + " stage is missing or failed)");
  }
  return files;
}

StatusOr<std::vector<std::string>> partitions_to_run(const std::string& dir, std::string_view stage,
                                                     std::optional<int64_t> only) {
  std::vector<std::string> parts = list_named(dir, "part-");
  if (parts.empty()) return Status::Usage(dir + ": no partitions (run the " + std::string(stage) + " stage first)");
  if (only) {
    const int64_t p = *only;
    if (p < 0 || static_cast<size_t>(p) >= parts.size()) {
      return Status::Usage("--partition-index: " + std::to_string(p) + " is not in 0.." + std::to_string(parts.size() - 1));
    }
    parts = {"part-" + four_digits(static_cast<uint64_t>(p))};
  }
  return parts;
}

}  // namespace dpk
