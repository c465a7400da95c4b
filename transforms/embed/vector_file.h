// vector_file.h — writes embeddings as a NumPy .npy matrix (float32, C
// order, shape (rows, dim)) and the row ids beside it (FILE.ids.jsonl, one
// {"id": ...} per row, same order). Shared by every worker of a run: rows
// come in the order blocks finish, and each row's id line matches it.
// The header is rewritten with the final row count when the file closes.
//
//   auto f = dpk::VectorFile::create("vecs.npy", 384);
//   (*f)->append(ids, data, n);
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "dpk/status.h"

namespace dpk {

class VectorFile {
 public:
  static StatusOr<std::shared_ptr<VectorFile>> create(const std::string& path, size_t dim);
  ~VectorFile();
  VectorFile(const VectorFile&) = delete;
  VectorFile& operator=(const VectorFile&) = delete;
  // Appends rows; ids[i] names data[i*dim, (i+1)*dim).
  void append(const std::vector<std::string_view>& ids, const float* data);

 private:
  VectorFile() = default;
  void write_header();
  std::mutex mu_;
  std::string path_;
  FILE* npy_ = nullptr;
  FILE* ids_ = nullptr;
  size_t dim_ = 0;
  uint64_t rows_ = 0;
  std::string line_;
};

}  // namespace dpk
