// encoder_cuda.cu — the BERT forward pass on a CUDA GPU: cuBLAS for the
// projections (fp16 or bf16 inputs and weights with fp32 accumulation, or
// plain fp32), and kernels for embeddings + layer norm, bias + GELU,
// residual + layer norm, masked softmax attention over packed sequences
// (no padding), and mean/CLS pooling with L2 normalization.
// Compiled only when the build has CUDA (DPK_HAVE_CUDA).
#include <cublas_v2.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "encoder_backend.h"

namespace dpk {
namespace {

constexpr int kThreads = 256;

#define DPK_CUDA_CHECK(expr)                                                                     \
  do {                                                                                           \
    cudaError_t e_ = (expr);                                                                     \
    if (e_ != cudaSuccess) {                                                                     \
      std::fprintf(stderr, "dpk-embed: CUDA error %s at %s:%d\n", cudaGetErrorString(e_), __FILE__, __LINE__); \
      std::abort();                                                                              \
    }                                                                                            \
  } while (0)

#define DPK_CUBLAS_CHECK(expr)                                                                      \
  do {                                                                                           \
    cublasStatus_t s_ = (expr);                                                                  \
    if (s_ != CUBLAS_STATUS_SUCCESS) {                                                           \
      std::fprintf(stderr, "dpk-embed: cuBLAS error %d at %s:%d\n", static_cast<int>(s_), __FILE__, __LINE__); \
      std::abort();                                                                              \
    }                                                                                            \
  } while (0)

__device__ float block_sum(float v, float* shared) {
  for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  __syncthreads();
  if (lane == 0) shared[warp] = v;
  __syncthreads();
  const int warps = (blockDim.x + 31) / 32;
  float t = 0;
  for (int i = 0; i < warps; ++i) t += shared[i];
  return t;
}

// One block per row: x = LayerNorm(x (+ add)).
__global__ void add_layer_norm_kernel(float* x, const float* add, int h, const float* g, const float* b, float eps) {
  __shared__ float red[32];
  float* v = x + static_cast<size_t>(blockIdx.x) * h;
  const float* a = add ? add + static_cast<size_t>(blockIdx.x) * h : nullptr;
  float s = 0;
  for (int i = threadIdx.x; i < h; i += blockDim.x) {
    if (a) v[i] += a[i];
    s += v[i];
  }
  const float mean = block_sum(s, red) / h;
  float q = 0;
  for (int i = threadIdx.x; i < h; i += blockDim.x) {
    const float d = v[i] - mean;
    q += d * d;
  }
  const float inv = rsqrtf(block_sum(q, red) / h + eps);
  for (int i = threadIdx.x; i < h; i += blockDim.x) v[i] = (v[i] - mean) * inv * g[i] + b[i];
}

// One block per token: word + position + token type 0.
__global__ void embed_kernel(const int32_t* ids, const int32_t* pos, const float* we, const float* pe,
                             const float* te, int h, float* x) {
  const size_t r = blockIdx.x;
  const float* w = we + static_cast<size_t>(ids[r]) * h;
  const float* p = pe + static_cast<size_t>(pos[r]) * h;
  for (int i = threadIdx.x; i < h; i += blockDim.x) x[r * h + i] = w[i] + p[i] + te[i];
}

// Rounds float32 to the GEMMs' half-precision input type.
__device__ inline __half to_half_type(float v, __half*) { return __float2half_rn(v); }
__device__ inline __nv_bfloat16 to_half_type(float v, __nv_bfloat16*) { return __float2bfloat16_rn(v); }
template <typename T>
__global__ void to_half_kernel(const float* in, size_t n, T* out) {
  for (size_t i = blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<size_t>(gridDim.x) * blockDim.x) {
    out[i] = to_half_type(in[i], static_cast<T*>(nullptr));
  }
}

__global__ void bias_kernel(float* x, const float* bias, size_t rows, int n, bool gelu) {
  const size_t total = rows * static_cast<size_t>(n);
  for (size_t i = blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x; i < total;
       i += static_cast<size_t>(gridDim.x) * blockDim.x) {
    float v = x[i] + bias[i % n];
    if (gelu) v = 0.5f * v * (1.0f + erff(v * 0.70710678118654752f));
    x[i] = v;
  }
}

// One warp per (query row, head): scores against the keys of the row's own
// sequence only (the mask), softmax, weighted sum of values.
__global__ void attention_kernel(const float* qkv, const int32_t* row_seq, const uint32_t* offsets, int H, int D,
                                 float scale, float* ctx) {
  extern __shared__ float scores[];  // max sequence length floats
  const int row = blockIdx.x, head = blockIdx.y, lane = threadIdx.x;
  const int s = row_seq[row];
  const int first = static_cast<int>(offsets[s] - offsets[0]);
  const int len = static_cast<int>(offsets[s + 1] - offsets[s]);
  const float* q = qkv + static_cast<size_t>(row) * 3 * H + head * D;
  float mx = -INFINITY;
  for (int j = lane; j < len; j += 32) {
    const float* k = qkv + static_cast<size_t>(first + j) * 3 * H + H + head * D;
    float dot = 0;
    for (int d = 0; d < D; ++d) dot += q[d] * k[d];
    dot *= scale;
    scores[j] = dot;
    mx = fmaxf(mx, dot);
  }
  for (int o = 16; o > 0; o >>= 1) mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, o));
  float sum = 0;
  for (int j = lane; j < len; j += 32) {
    const float e = __expf(scores[j] - mx);
    scores[j] = e;
    sum += e;
  }
  for (int o = 16; o > 0; o >>= 1) sum += __shfl_xor_sync(0xffffffffu, sum, o);
  __syncwarp();
  const float inv = 1.0f / sum;
  for (int d = lane; d < D; d += 32) {
    float acc = 0;
    for (int j = 0; j < len; ++j) acc += scores[j] * qkv[static_cast<size_t>(first + j) * 3 * H + 2 * H + head * D + d];
    ctx[static_cast<size_t>(row) * H + head * D + d] = acc * inv;
  }
}

// One block per sequence: mean (or CLS) pooling, then optional L2 norm.
__global__ void pool_kernel(const float* x, const uint32_t* offsets, int h, bool cls, bool normalize, float* out) {
  __shared__ float red[32];
  const int s = blockIdx.x;
  const size_t first = offsets[s] - offsets[0];
  const size_t len = offsets[s + 1] - offsets[s];
  float* o = out + static_cast<size_t>(s) * h;
  float sq = 0;
  for (int i = threadIdx.x; i < h; i += blockDim.x) {
    float v;
    if (cls) {
      v = x[first * h + i];
    } else {
      v = 0;
      for (size_t t = 0; t < len; ++t) v += x[(first + t) * h + i];
      v /= static_cast<float>(len);
    }
    o[i] = v;
    sq += v * v;
  }
  if (!normalize) return;
  const float inv = 1.0f / fmaxf(sqrtf(block_sum(sq, red)), 1e-12f);
  for (int i = threadIdx.x; i < h; i += blockDim.x) o[i] *= inv;
}

template <typename T>
class DeviceBuffer {
 public:
  ~DeviceBuffer() {
    if (p_) cudaFree(p_);
  }
  T* get() { return p_; }
  void reserve(size_t n) {
    if (n <= cap_) return;
    if (p_) DPK_CUDA_CHECK(cudaFree(p_));
    DPK_CUDA_CHECK(cudaMalloc(&p_, n * sizeof(T)));
    cap_ = n;
  }

 private:
  T* p_ = nullptr;
  size_t cap_ = 0;
};

unsigned grid_for(size_t total) {
  return static_cast<unsigned>(std::min<size_t>((total + kThreads - 1) / kThreads, 65535));
}

class CudaEncoder final : public EncoderBackend {
 public:
  CudaEncoder(std::shared_ptr<const BertWeights> w, GpuPrecision p) : w_(std::move(w)), precision_(p) {}
  ~CudaEncoder() override {
    for (void* p : uploads_) cudaFree(p);
    if (blas_) cublasDestroy(blas_);
    if (stream_) cudaStreamDestroy(stream_);
  }
  std::string name() const override { return gpu_backend_name(precision_); }

  Status init() {
    if (cudaStreamCreate(&stream_) != cudaSuccess) return Status::Io("CUDA: cannot create a stream");
    if (cublasCreate(&blas_) != CUBLAS_STATUS_SUCCESS) return Status::Io("cuBLAS: cannot create a handle");
    if (cublasSetStream(blas_, stream_) != CUBLAS_STATUS_SUCCESS ||
        cublasSetMathMode(blas_, CUBLAS_DEFAULT_MATH) != CUBLAS_STATUS_SUCCESS) {  // plain fp32, no TF32
      return Status::Io("cuBLAS: cannot set up the handle");
    }
    const BertConfig& c = w_->config;
    const size_t H = c.hidden_size, I = c.intermediate_size;
    we_ = upload(w_->word_embeddings, static_cast<size_t>(c.vocab_size) * H);
    pe_ = upload(w_->position_embeddings, static_cast<size_t>(c.max_position_embeddings) * H);
    te_ = upload(w_->token_type_embeddings, H);
    eg_ = upload(w_->emb_ln_g, H);
    eb_ = upload(w_->emb_ln_b, H);
    for (const BertLayerWeights& l : w_->layers) {
      BertLayerWeights d;
      d.qkv_w = upload(l.qkv_w, 3 * H * H);
      d.qkv_b = upload(l.qkv_b, 3 * H);
      d.attn_out_w = upload(l.attn_out_w, H * H);
      d.attn_out_b = upload(l.attn_out_b, H);
      d.attn_ln_g = upload(l.attn_ln_g, H);
      d.attn_ln_b = upload(l.attn_ln_b, H);
      d.ffn_in_w = upload(l.ffn_in_w, I * H);
      d.ffn_in_b = upload(l.ffn_in_b, I);
      d.ffn_out_w = upload(l.ffn_out_w, H * I);
      d.ffn_out_b = upload(l.ffn_out_b, H);
      d.out_ln_g = upload(l.out_ln_g, H);
      d.out_ln_b = upload(l.out_ln_b, H);
      layers_.push_back(d);
      // Half-precision copies of the GEMM weights (the fp32 ones stay for
      // --precision fp32 and cost little next to a batch's activations).
      HalfWeights hw;
      if (precision_ != GpuPrecision::kFp32) {
        hw.qkv = to_half(d.qkv_w, 3 * H * H);
        hw.attn_out = to_half(d.attn_out_w, H * H);
        hw.ffn_in = to_half(d.ffn_in_w, I * H);
        hw.ffn_out = to_half(d.ffn_out_w, H * I);
      }
      half_.push_back(hw);
    }
    DPK_CUDA_CHECK(cudaDeviceSynchronize());
    return Status::Ok();
  }

  void encode(const int32_t* ids, const uint32_t* offsets, size_t count, float* out) override {
    const BertConfig& c = w_->config;
    const int H = c.hidden_size, I = c.intermediate_size, NH = c.num_heads, D = H / NH;
    const size_t rows = offsets[count] - offsets[0];
    row_seq_.resize(rows);
    pos_.resize(rows);
    int max_len = 1;
    for (size_t s = 0; s < count; ++s) {
      max_len = std::max(max_len, static_cast<int>(offsets[s + 1] - offsets[s]));
      for (uint32_t t = offsets[s]; t < offsets[s + 1]; ++t) {
        row_seq_[t - offsets[0]] = static_cast<int32_t>(s);
        pos_[t - offsets[0]] = static_cast<int32_t>(t - offsets[s]);
      }
    }
    d_ids_.reserve(rows);
    d_pos_.reserve(rows);
    d_seq_.reserve(rows);
    d_off_.reserve(count + 1);
    x_.reserve(rows * H);
    qkv_.reserve(rows * 3 * H);
    ctx_.reserve(rows * H);
    tmp_.reserve(rows * H);
    ffn_.reserve(rows * static_cast<size_t>(I));
    out_.reserve(count * H);
    DPK_CUDA_CHECK(cudaMemcpyAsync(d_ids_.get(), ids + offsets[0], rows * 4, cudaMemcpyHostToDevice, stream_));
    DPK_CUDA_CHECK(cudaMemcpyAsync(d_pos_.get(), pos_.data(), rows * 4, cudaMemcpyHostToDevice, stream_));
    DPK_CUDA_CHECK(cudaMemcpyAsync(d_seq_.get(), row_seq_.data(), rows * 4, cudaMemcpyHostToDevice, stream_));
    DPK_CUDA_CHECK(cudaMemcpyAsync(d_off_.get(), offsets, (count + 1) * 4, cudaMemcpyHostToDevice, stream_));
    const auto r = static_cast<unsigned>(rows);
    embed_kernel<<<r, 128, 0, stream_>>>(d_ids_.get(), d_pos_.get(), we_, pe_, te_, H, x_.get());
    add_layer_norm_kernel<<<r, 128, 0, stream_>>>(x_.get(), nullptr, H, eg_, eb_, c.layer_norm_eps);
    const float scale = 1.0f / sqrtf(static_cast<float>(D));
    if (precision_ != GpuPrecision::kFp32) xh_.reserve(rows * static_cast<size_t>(std::max(H, I)) * 2);
    for (size_t li = 0; li < layers_.size(); ++li) {
      const BertLayerWeights& l = layers_[li];
      const HalfWeights& hw = half_[li];
      linear(x_.get(), rows, H, l.qkv_w, hw.qkv, l.qkv_b, 3 * H, qkv_.get(), false);
      attention_kernel<<<dim3(r, NH), 32, max_len * sizeof(float), stream_>>>(qkv_.get(), d_seq_.get(), d_off_.get(), H, D,
                                                                            scale, ctx_.get());
      linear(ctx_.get(), rows, H, l.attn_out_w, hw.attn_out, l.attn_out_b, H, tmp_.get(), false);
      add_layer_norm_kernel<<<r, 128, 0, stream_>>>(x_.get(), tmp_.get(), H, l.attn_ln_g, l.attn_ln_b, c.layer_norm_eps);
      linear(x_.get(), rows, H, l.ffn_in_w, hw.ffn_in, l.ffn_in_b, I, ffn_.get(), true);
      linear(ffn_.get(), rows, I, l.ffn_out_w, hw.ffn_out, l.ffn_out_b, H, tmp_.get(), false);
      add_layer_norm_kernel<<<r, 128, 0, stream_>>>(x_.get(), tmp_.get(), H, l.out_ln_g, l.out_ln_b, c.layer_norm_eps);
    }
    pool_kernel<<<static_cast<unsigned>(count), 128, 0, stream_>>>(x_.get(), d_off_.get(), H, c.pooling == Pooling::kCls,
                                                                   c.normalize, out_.get());
    DPK_CUDA_CHECK(cudaGetLastError());
    DPK_CUDA_CHECK(cudaMemcpyAsync(out, out_.get(), count * H * sizeof(float), cudaMemcpyDeviceToHost, stream_));
    DPK_CUDA_CHECK(cudaStreamSynchronize(stream_));
  }

 private:
  float* upload(const float* host, size_t n) {
    float* d = nullptr;
    DPK_CUDA_CHECK(cudaMalloc(&d, n * sizeof(float)));
    DPK_CUDA_CHECK(cudaMemcpy(d, host, n * sizeof(float), cudaMemcpyHostToDevice));
    uploads_.push_back(d);
    return d;
  }
  // A device copy of n device floats in this encoder's half type (2 bytes each).
  void* to_half(const float* device, size_t n) {
    void* d = nullptr;
    DPK_CUDA_CHECK(cudaMalloc(&d, n * 2));
    uploads_.push_back(d);
    convert(device, n, d);
    return d;
  }
  void convert(const float* in, size_t n, void* out) {
    if (precision_ == GpuPrecision::kBf16) {
      to_half_kernel<<<grid_for(n), kThreads, 0, stream_>>>(in, n, static_cast<__nv_bfloat16*>(out));
    } else {
      to_half_kernel<<<grid_for(n), kThreads, 0, stream_>>>(in, n, static_cast<__half*>(out));
    }
  }

  // out[rows, n] = x[rows, k] . W^T + b (row-major; W is [n, k]). In cuBLAS's
  // column-major terms: out^T = W^T^T . x^T. In half precision, x is rounded
  // to the half type first; the product accumulates and lands in fp32.
  void linear(const float* x, size_t rows, int k, const float* w, const void* w_half, const float* b, int n,
              float* out, bool gelu) {
    const float one = 1.0f, zero = 0.0f;
    if (precision_ == GpuPrecision::kFp32) {
      DPK_CUBLAS_CHECK(
          cublasSgemm(blas_, CUBLAS_OP_T, CUBLAS_OP_N, n, static_cast<int>(rows), k, &one, w, k, x, k, &zero, out, n));
    } else {
      const cudaDataType t = precision_ == GpuPrecision::kBf16 ? CUDA_R_16BF : CUDA_R_16F;
      convert(x, rows * static_cast<size_t>(k), xh_.get());
      DPK_CUBLAS_CHECK(cublasGemmEx(blas_, CUBLAS_OP_T, CUBLAS_OP_N, n, static_cast<int>(rows), k, &one, w_half, t, k,
                                    xh_.get(), t, k, &zero, out, CUDA_R_32F, n, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT));
    }
    bias_kernel<<<grid_for(rows * static_cast<size_t>(n)), kThreads, 0, stream_>>>(out, b, rows, n, gelu);
  }

  struct HalfWeights {
    const void *qkv = nullptr, *attn_out = nullptr, *ffn_in = nullptr, *ffn_out = nullptr;
  };

  std::shared_ptr<const BertWeights> w_;
  GpuPrecision precision_;
  cudaStream_t stream_ = nullptr;
  cublasHandle_t blas_ = nullptr;
  std::vector<void*> uploads_;
  std::vector<HalfWeights> half_;
  const float *we_ = nullptr, *pe_ = nullptr, *te_ = nullptr, *eg_ = nullptr, *eb_ = nullptr;
  std::vector<BertLayerWeights> layers_;
  std::vector<int32_t> row_seq_, pos_;
  DeviceBuffer<int32_t> d_ids_, d_pos_, d_seq_;
  DeviceBuffer<uint32_t> d_off_;
  DeviceBuffer<float> x_, qkv_, ctx_, tmp_, ffn_, out_;
  DeviceBuffer<char> xh_;  // a GEMM input rounded to the half type
};

int module_device_count() {
  int n = 0;
  if (cudaGetDeviceCount(&n) != cudaSuccess) return 0;
  return n;
}

StatusOr<std::unique_ptr<EncoderBackend>> module_make_encoder(std::shared_ptr<const BertWeights> weights,
                                                              GpuPrecision precision) {
  if (module_device_count() <= 0) return Status::Usage("no CUDA device found");
  if (precision == GpuPrecision::kBf16) {
    int device = 0, major = 0;
    cudaGetDevice(&device);
    cudaDeviceGetAttribute(&major, cudaDevAttrComputeCapabilityMajor, device);
    if (major < 8) return Status::Usage("--precision bf16 needs a GPU of compute capability 8.0 or later");
  }
  auto e = std::make_unique<CudaEncoder>(std::move(weights), precision);
  Status st = e->init();
  if (!st.ok()) return st;
  return std::unique_ptr<EncoderBackend>(std::move(e));
}

}  // namespace
}  // namespace dpk

// The entry point libdpk looks up after loading this module (see
// encoder_cuda_loader.cpp).
extern "C" const dpk::CudaModule* dpk_cuda_module() {
  static const dpk::CudaModule kModule{&dpk::module_device_count, &dpk::module_make_encoder};
  return &kModule;
}
