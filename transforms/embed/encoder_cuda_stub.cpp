// encoder_cuda_stub.cpp — the CUDA entry points of a build without CUDA.
#ifndef DPK_HAVE_CUDA
#include "encoder_backend.h"

namespace dpk {

bool cuda_built() { return false; }
int cuda_device_count() { return 0; }
StatusOr<std::unique_ptr<EncoderBackend>> make_cuda_encoder(std::shared_ptr<const BertWeights>) {
  return Status::Usage("this dpk was built without CUDA");
}

}  // namespace dpk
#endif
