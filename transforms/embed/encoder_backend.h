// encoder_backend.h — runs a BERT encoder on token sequences and pools them
// into one vector each. The CPU backend uses BLAS; the CUDA backend (built
// only when nvcc is found) lives in its own .cu files behind this interface,
// so nothing else in dpk includes a CUDA header.
//
// Sequences are packed without padding: sequence s is
// ids[offsets[s], offsets[s+1]) and includes [CLS] and [SEP].
//
//   auto be = dpk::make_cpu_encoder(weights);
//   be->encode(ids.data(), offsets.data(), n, out.data());   // n x hidden floats
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "bert_weights.h"
#include "dpk/status.h"

namespace dpk {

class EncoderBackend {
 public:
  virtual ~EncoderBackend() = default;
  // Writes `count` pooled (and, when the model says so, L2-normalized)
  // vectors of config.hidden_size floats to `out`.
  virtual void encode(const int32_t* ids, const uint32_t* offsets, size_t count, float* out) = 0;
  virtual std::string name() const = 0;
};

std::unique_ptr<EncoderBackend> make_cpu_encoder(std::shared_ptr<const BertWeights> weights);

// CUDA: whether this build has it, whether a device is present, and the
// backend (an error when the build has no CUDA or no device answers). The
// CUDA code is a separate module (libdpk_cuda.so beside libdpk) loaded on
// first use, so tools that never embed on a GPU do not map cuBLAS (which
// alone costs ~150 MB of resident memory at load).
bool cuda_built();
int cuda_device_count();
StatusOr<std::unique_ptr<EncoderBackend>> make_cuda_encoder(std::shared_ptr<const BertWeights> weights);

// What the CUDA module exports (extern "C" dpk_cuda_module()).
struct CudaModule {
  int (*device_count)();
  StatusOr<std::unique_ptr<EncoderBackend>> (*make_encoder)(std::shared_ptr<const BertWeights> weights);
};

// Sets how many threads BLAS may use (0 = its default).
void set_blas_threads(int threads);

}  // namespace dpk
