# embed: BLAS for the CPU path; the CUDA kernels only when the build has CUDA
# (cmake/dpk_cuda.cmake), else encoder_cuda_stub.cpp answers "no CUDA".
target_link_libraries(dpk PRIVATE PkgConfig::OPENBLAS)
if(DPK_HAVE_CUDA)
  target_sources(dpk PRIVATE ${CMAKE_CURRENT_LIST_DIR}/encoder_cuda.cu)
  target_compile_definitions(dpk PRIVATE DPK_HAVE_CUDA=1)
  target_link_libraries(dpk PRIVATE CUDA::cudart CUDA::cublas)
endif()
