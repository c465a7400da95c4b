// safetensors_file.cpp — see safetensors_file.h.
#include "safetensors_file.h"

#include <fcntl.h>
#include <simdjson.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace dpk {

int64_t TensorView::elements() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

SafetensorsFile::~SafetensorsFile() {
  if (map_ != nullptr) munmap(map_, size_);
}

StatusOr<std::shared_ptr<SafetensorsFile>> SafetensorsFile::open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::Io("cannot open " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0 || st.st_size < 8) {
    ::close(fd);
    return Status::Data(path + ": too short for a safetensors file");
  }
  std::shared_ptr<SafetensorsFile> f(new SafetensorsFile());
  f->size_ = static_cast<size_t>(st.st_size);
  void* m = mmap(nullptr, f->size_, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (m == MAP_FAILED) return Status::Io("cannot map " + path + ": " + std::strerror(errno));
  f->map_ = m;
  const auto* base = static_cast<const uint8_t*>(m);
  uint64_t header_len = 0;
  for (int i = 7; i >= 0; --i) header_len = header_len << 8 | base[i];
  if (header_len > f->size_ - 8) return Status::Data(path + ": header length past the end of the file");
  const uint8_t* data = base + 8 + header_len;
  const size_t data_size = f->size_ - 8 - header_len;
  simdjson::dom::parser parser;
  simdjson::dom::object header;
  if (parser.parse(reinterpret_cast<const char*>(base + 8), header_len).get(header)) {
    return Status::Data(path + ": header is not a JSON object");
  }
  for (auto [key, value] : header) {
    if (key == "__metadata__") continue;
    TensorView t;
    std::string_view dtype;
    simdjson::dom::array shape, offsets;
    if (value["dtype"].get(dtype) || value["shape"].get(shape) || value["data_offsets"].get(offsets)) {
      return Status::Data(path + ": tensor '" + std::string(key) + "' lacks dtype, shape or data_offsets");
    }
    t.dtype = std::string(dtype);
    for (auto d : shape) {
      int64_t v;
      if (d.get(v)) return Status::Data(path + ": bad shape of '" + std::string(key) + "'");
      t.shape.push_back(v);
    }
    uint64_t b = 0, e = 0;
    if (offsets.size() != 2 || offsets.at(0).get(b) || offsets.at(1).get(e) || b > e || e > data_size) {
      return Status::Data(path + ": bad data_offsets of '" + std::string(key) + "'");
    }
    t.data = data + b;
    t.bytes = e - b;
    f->tensors_.emplace(std::string(key), std::move(t));
  }
  return f;
}

const TensorView* SafetensorsFile::find(const std::string& name) const {
  auto it = tensors_.find(name);
  return it == tensors_.end() ? nullptr : &it->second;
}

}  // namespace dpk
