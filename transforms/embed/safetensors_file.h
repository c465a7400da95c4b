// safetensors_file.h — reads a .safetensors file: an 8-byte little-endian
// header length, a JSON header {name: {dtype, shape, data_offsets}}, then
// the tensor bytes. The file is memory-mapped; tensors are views into it.
//
//   auto f = dpk::SafetensorsFile::open("model.safetensors");
//   const dpk::TensorView* t = f->find("embeddings.word_embeddings.weight");
//   // t->dtype == "F32", t->shape == {30522, 384}
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dpk/status.h"

namespace dpk {

struct TensorView {
  std::string dtype;  // "F32", "F16", "BF16", "I64", ...
  std::vector<int64_t> shape;
  const uint8_t* data = nullptr;
  size_t bytes = 0;
  int64_t elements() const;
};

class SafetensorsFile {
 public:
  static StatusOr<std::shared_ptr<SafetensorsFile>> open(const std::string& path);
  ~SafetensorsFile();
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;
  const TensorView* find(const std::string& name) const;
  const std::map<std::string, TensorView>& tensors() const { return tensors_; }

 private:
  SafetensorsFile() = default;
  void* map_ = nullptr;
  size_t size_ = 0;
  std::map<std::string, TensorView> tensors_;
};

}  // namespace dpk
