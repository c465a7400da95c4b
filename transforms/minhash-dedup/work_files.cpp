#include "work_files.h"

#include <algorithm>
#include <filesystem>

#include "dpk/byte_stream.h"

namespace dpk {

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
