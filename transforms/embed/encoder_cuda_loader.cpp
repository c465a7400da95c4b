// encoder_cuda_loader.cpp — the CUDA entry points of libdpk. The CUDA code
// itself is the module libdpk_cuda.so (built from encoder_cuda.cu when the
// build has CUDA), loaded from libdpk's own folder on first use.
#include <dlfcn.h>

#include <mutex>
#include <string>

#include "encoder_backend.h"

namespace dpk {
namespace {

struct Loaded {
  const CudaModule* module = nullptr;
  std::string error;
};

const Loaded& load_module() {
  static Loaded loaded;
  static std::once_flag once;
  std::call_once(once, [] {
#ifdef DPK_HAVE_CUDA
    Dl_info info{};
    std::string dir = ".";
    if (dladdr(reinterpret_cast<void*>(&cuda_built), &info) != 0 && info.dli_fname != nullptr) {
      dir = info.dli_fname;
      const size_t slash = dir.rfind('/');
      dir = slash == std::string::npos ? "." : dir.substr(0, slash);
    }
    const std::string path = dir + "/libdpk_cuda.so";
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      loaded.error = std::string("cannot load the CUDA module: ") + dlerror();
      return;
    }
    using Entry = const CudaModule* (*)();
    auto entry = reinterpret_cast<Entry>(dlsym(handle, "dpk_cuda_module"));
    if (entry == nullptr) {
      loaded.error = path + ": no dpk_cuda_module entry point";
      return;
    }
    loaded.module = entry();
#else
    loaded.error = "this dpk was built without CUDA";
#endif
  });
  return loaded;
}

}  // namespace

bool cuda_built() {
#ifdef DPK_HAVE_CUDA
  return true;
#else
  return false;
#endif
}

int cuda_device_count() {
  const Loaded& l = load_module();
  return l.module ? l.module->device_count() : 0;
}

StatusOr<std::unique_ptr<EncoderBackend>> make_cuda_encoder(std::shared_ptr<const BertWeights> weights,
                                                            GpuPrecision precision) {
  const Loaded& l = load_module();
  if (l.module == nullptr) return Status::Usage(l.error);
  return l.module->make_encoder(std::move(weights), precision);
}

}  // namespace dpk
