// vector_file.cpp — see vector_file.h.
#include "vector_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "dpk/json_text.h"

namespace dpk {
namespace {
// Magic, version, header length and the padded dict: room for any shape.
constexpr size_t kHeaderBytes = 128;
}  // namespace

StatusOr<std::shared_ptr<VectorFile>> VectorFile::create(const std::string& path, size_t dim) {
  std::shared_ptr<VectorFile> f(new VectorFile());
  f->path_ = path;
  f->dim_ = dim;
  const std::string tmp = ".tmp-" + std::to_string(::getpid());
  f->npy_tmp_ = path + tmp;
  f->ids_tmp_ = ids_path(path) + tmp;
  f->npy_ = std::fopen(f->npy_tmp_.c_str(), "wb");
  if (f->npy_ == nullptr) return Status::Io("--vectors: cannot write " + path + ": " + std::strerror(errno));
  f->ids_ = std::fopen(f->ids_tmp_.c_str(), "wb");
  if (f->ids_ == nullptr) return Status::Io("--vectors: cannot write " + ids_path(path) + ": " + std::strerror(errno));
  f->write_header();
  return f;
}

void VectorFile::write_header() {
  std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + std::to_string(rows_) + ", " +
                     std::to_string(dim_) + "), }";
  std::string h = "\x93NUMPY";
  h.push_back(1);
  h.push_back(0);
  const size_t len = kHeaderBytes - 10;
  h.push_back(static_cast<char>(len & 0xFF));
  h.push_back(static_cast<char>(len >> 8));
  h += dict;
  h.resize(kHeaderBytes - 1, ' ');
  h.push_back('\n');
  std::fseek(npy_, 0, SEEK_SET);
  std::fwrite(h.data(), 1, h.size(), npy_);
  std::fseek(npy_, 0, SEEK_END);
}

void VectorFile::append(const std::vector<std::string_view>& ids, const float* data) {
  std::lock_guard<std::mutex> lock(mu_);
  std::fwrite(data, sizeof(float), ids.size() * dim_, npy_);
  for (std::string_view id : ids) {
    line_.assign("{\"id\":");
    append_json_string(line_, id);
    line_.append("}\n");
    std::fwrite(line_.data(), 1, line_.size(), ids_);
  }
  rows_ += ids.size();
}

Status VectorFile::commit() {
  std::lock_guard<std::mutex> lock(mu_);
  if (npy_ == nullptr || ids_ == nullptr) return Status::Io("--vectors: " + path_ + " was already closed");
  write_header();
  bool ok = std::ferror(npy_) == 0 && std::ferror(ids_) == 0;
  ok &= std::fclose(npy_) == 0;
  ok &= std::fclose(ids_) == 0;
  npy_ = ids_ = nullptr;
  if (!ok) {
    discard();
    return Status::Io("--vectors: writing " + path_ + " failed");
  }
  // The ids first: a .npy under its final name always has its ids beside it.
  if (std::rename(ids_tmp_.c_str(), ids_path(path_).c_str()) != 0 ||
      std::rename(npy_tmp_.c_str(), path_.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    discard();
    return Status::Io("--vectors: cannot rename to " + path_ + ": " + why);
  }
  npy_tmp_.clear();
  ids_tmp_.clear();
  return Status::Ok();
}

void VectorFile::discard() {
  if (npy_ != nullptr) std::fclose(npy_);
  if (ids_ != nullptr) std::fclose(ids_);
  npy_ = ids_ = nullptr;
  if (!npy_tmp_.empty()) ::unlink(npy_tmp_.c_str());
  if (!ids_tmp_.empty()) ::unlink(ids_tmp_.c_str());
  npy_tmp_.clear();
  ids_tmp_.clear();
}

// Never committed (the run failed): leave nothing behind.
VectorFile::~VectorFile() { discard(); }

}  // namespace dpk
