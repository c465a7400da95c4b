// Helpers shared by dpk's unit tests: scratch directories, small files and
// the repository's fixtures under testdata/ (DPK_TESTDATA_DIR).
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "dpk/byte_stream.h"
#include "dpk/input_files.h"

namespace dpk::testing_util {

// A fresh directory, removed when the object goes away.
class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("dpk-") + (info ? info->test_suite_name() : "t") + "-" +
                       (info ? info->name() : "x") + "-" + std::to_string(::getpid());
    path_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& rel) const { return (path_ / rel).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The relative names of listed input files, in order.
inline std::vector<std::string> relatives(const std::vector<InputFile>& files) {
  std::vector<std::string> v;
  for (const auto& f : files) v.push_back(f.relative);
  return v;
}

inline void write_file(const std::string& path, const std::string& bytes) {
  std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  std::ofstream f(path, std::ios::binary);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(f.good()) << path;
}

inline std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

// Path of a fixture under testdata/ (see testdata/README.md), e.g.
// testdata_path("warc/warcio-example.warc"). A missing file is a test
// failure here, so a test never passes on data it could not read.
inline std::string testdata_path(const std::string& rel) {
  std::string p = std::string(DPK_TESTDATA_DIR) + "/" + rel;
  if (!std::filesystem::exists(p)) ADD_FAILURE() << "test data not found: " << p << " (see testdata/README.md)";
  return p;
}

// The lines of a JSONL fixture under testdata/, decompressed when it is .zst
// or .gz; empty (and a test failure) when it cannot be read.
inline std::vector<std::string> testdata_lines(const std::string& rel) {
  std::vector<std::string> lines;
  auto text = read_whole_input(testdata_path(rel));
  if (!text.ok()) {
    ADD_FAILURE() << "cannot read test data " << rel << ": " << text.status().message();
    return lines;
  }
  std::string_view rest = *text;
  while (!rest.empty()) {
    const size_t nl = rest.find('\n');
    lines.emplace_back(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  }
  return lines;
}

}  // namespace dpk::testing_util
