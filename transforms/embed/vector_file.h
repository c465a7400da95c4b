// vector_file.h — writes embeddings as a NumPy .npy matrix (float32, C
// order, shape (rows, dim)) and the row ids beside it (FILE.ids.jsonl, one
// {"id": ...} per row, same order). Shared by every worker of a run: rows
// come in the order blocks finish, and each row's id line matches it.
// Both files are written under temporary names (NAME.tmp-PID) and get their
// final names in commit(), which first writes the header with the final row
// count: a file under the final name always has a header that matches its
// data. Without commit() (the run failed) the temporaries are removed.
//
//   auto f = dpk::VectorFile::create("vecs.npy", 384);
//   (*f)->append(ids, data);
//   DPK_RETURN_IF_ERROR((*f)->commit());
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
  // The ids file written beside `path`.
  static std::string ids_path(const std::string& path) { return path + ".ids.jsonl"; }
  ~VectorFile();
  VectorFile(const VectorFile&) = delete;
  VectorFile& operator=(const VectorFile&) = delete;
  // Appends rows; ids[i] names data[i*dim, (i+1)*dim).
  void append(const std::vector<std::string_view>& ids, const float* data);
  // Writes the header, closes both files and renames them to their final names.
  Status commit();

 private:
  VectorFile() = default;
  void write_header();
  void discard();
  std::mutex mu_;
  std::string path_, npy_tmp_, ids_tmp_;
  FILE* npy_ = nullptr;
  FILE* ids_ = nullptr;
  size_t dim_ = 0;
  uint64_t rows_ = 0;
  std::string line_;
};

}  // namespace dpk
