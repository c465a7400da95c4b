# embed: OpenBLAS (fp32) and oneDNN (bf16) for the CPU path; OpenMP for the
# attention loops (the same runtime oneDNN's Debian build uses, so both share
# one thread team). The CUDA kernels, when the build has CUDA
# (cmake/dpk_cuda.cmake), are a separate module, libdpk_cuda.so, which libdpk
# loads on first use (encoder_cuda_loader.cpp): tools that never embed on a
# GPU do not map cuBLAS.
target_link_libraries(dpk PRIVATE PkgConfig::OPENBLAS DPK::dnnl ${OpenMP_CXX_LIBRARIES} ${CMAKE_DL_LIBS})
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/bert_cpu_kernels.cpp TARGET_DIRECTORY dpk PROPERTIES COMPILE_OPTIONS "${OpenMP_CXX_FLAGS}")
if(DPK_HAVE_CUDA)
  target_compile_definitions(dpk PRIVATE DPK_HAVE_CUDA=1)
  add_library(dpk_cuda MODULE ${CMAKE_CURRENT_LIST_DIR}/encoder_cuda.cu)
  target_link_libraries(dpk_cuda PRIVATE dpk CUDA::cudart CUDA::cublas)
  set_target_properties(dpk_cuda PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
  # Its own package component (dpk-cuda in `cpack -G DEB`): the CUDA runtime it
  # needs comes from NVIDIA, not Debian.
  install(TARGETS dpk_cuda LIBRARY DESTINATION lib COMPONENT cuda)
endif()
