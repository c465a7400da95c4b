// vector_file.cpp — see vector_file.h.
#include "vector_file.h"

#include <cerrno>
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
  f->npy_ = std::fopen(path.c_str(), "wb");
  if (f->npy_ == nullptr) return Status::Io("--vectors: cannot write " + path + ": " + std::strerror(errno));
  f->ids_ = std::fopen((path + ".ids.jsonl").c_str(), "wb");
  if (f->ids_ == nullptr) return Status::Io("--vectors: cannot write " + path + ".ids.jsonl: " + std::strerror(errno));
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

VectorFile::~VectorFile() {
  bool ok = true;
  if (npy_ != nullptr) {
    write_header();
    ok &= std::ferror(npy_) == 0;
    ok &= std::fclose(npy_) == 0;
  }
  if (ids_ != nullptr) {
    ok &= std::ferror(ids_) == 0;
    ok &= std::fclose(ids_) == 0;
  }
  if (!ok) std::fprintf(stderr, "dpk-embed: error: writing %s failed\n", path_.c_str());
}

}  // namespace dpk
