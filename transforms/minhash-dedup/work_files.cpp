#include "work_files.h"

#include <algorithm>
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

std::vector<std::string> list_work_files(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 &&
        name[0] != '.') {
      out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Status write_params(const std::string& work, const std::string& fingerprint) {
  auto sink = open_output(work + "/params.txt");
  if (!sink.ok()) return sink.status();
  DPK_RETURN_IF_ERROR((*sink)->write(fingerprint + "\n"));
  return (*sink)->commit();
}

Status check_params(const std::string& work, const std::string& fingerprint) {
  if (!std::filesystem::exists(work + "/params.txt")) {
    return Status::Usage(work + "/params.txt not found: run the 'signatures' stage first");
  }
  auto text = read_whole_input(work + "/params.txt");
  if (!text.ok()) return text.status();
  if (*text != fingerprint + "\n") {
    return Status::Usage("the signatures in " + work + " were made with other parameters (" +
                         text->substr(0, text->find('\n')) + "); this stage has: " + fingerprint);
  }
  return Status::Ok();
}

}  // namespace dpk
