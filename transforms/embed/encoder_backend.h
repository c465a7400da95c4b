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

// CPU precision of the dense layers. kFp32: OpenBLAS sgemm, any CPU. kBf16:
// bfloat16 inputs and weights with float32 accumulation (oneDNN), about twice
// as fast where the CPU has AVX512-BF16; embeddings differ from float32 ones
// by a cosine similarity of about 1e-4 (docs/rag.md).
enum class CpuPrecision { kFp32, kBf16 };

// Whether this CPU runs kBf16 natively (AVX512-BF16 or AMX).
bool cpu_bf16_supported();

// One forward pass runs at a time in the process, on all compute threads
// (set_blas_threads), whatever the number of encoder instances.
std::unique_ptr<EncoderBackend> make_cpu_encoder(std::shared_ptr<const BertWeights> weights,
                                                 CpuPrecision precision = CpuPrecision::kFp32);

// CUDA: whether this build has it, whether a device is present, and the
// backend (an error when the build has no CUDA or no device answers). The
// CUDA code is a separate module (libdpk_cuda.so beside libdpk) loaded on
// first use, so tools that never embed on a GPU do not map cuBLAS (which
// alone costs ~150 MB of resident memory at load).
//
// GPU precision of the dense layers (cuBLAS GEMMs; everything else runs in
// float32): kFp16 and kBf16 give the GEMMs half-precision inputs and weights
// with float32 accumulation (tensor cores); kFp32 is plain float32, no TF32.
enum class GpuPrecision { kFp32, kFp16, kBf16 };
inline const char* gpu_backend_name(GpuPrecision p) {
  return p == GpuPrecision::kFp16 ? "cuda fp16" : p == GpuPrecision::kBf16 ? "cuda bf16" : "cuda fp32";
}
bool cuda_built();
int cuda_device_count();
StatusOr<std::unique_ptr<EncoderBackend>> make_cuda_encoder(std::shared_ptr<const BertWeights> weights,
                                                            GpuPrecision precision = GpuPrecision::kFp16);

// What the CUDA module exports (extern "C" dpk_cuda_module()).
struct CudaModule {
  int (*device_count)();
  StatusOr<std::unique_ptr<EncoderBackend>> (*make_encoder)(std::shared_ptr<const BertWeights> weights,
                                                            GpuPrecision precision);
};

// Sets how many threads one CPU forward pass may use: BLAS, oneDNN and
// attention (0 = all cores).
void set_blas_threads(int threads);

}  // namespace dpk
