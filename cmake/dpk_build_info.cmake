# What `--version` reports: the git commit the build was configured from
# ("unknown" outside a git checkout), the build type and the optional features
# this configure step found. Include after every dependency is decided (after
# add_subdirectory(transforms)), since features such as MPI are set there.
set(DPK_GIT_COMMIT "unknown")
find_package(Git QUIET)
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short=12 HEAD
                  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                  OUTPUT_VARIABLE _dpk_commit OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE _dpk_git_rc ERROR_QUIET)
  if(_dpk_git_rc EQUAL 0 AND _dpk_commit)
    set(DPK_GIT_COMMIT "${_dpk_commit}")
  endif()
endif()
set(DPK_BUILD_TYPE "${CMAKE_BUILD_TYPE}")
if(NOT DPK_BUILD_TYPE)
  set(DPK_BUILD_TYPE "none")
endif()
if(DPK_SANITIZE)
  string(APPEND DPK_BUILD_TYPE " (ASan, UBSan)")
endif()
# "+NAME" built in, "-NAME" left out; oneDNN, fastText and CLD2 are required.
set(_dpk_features "")
foreach(_f CUDA:DPK_HAVE_CUDA MPI:DPK_HAVE_MPI Hyperscan:HYPERSCAN_FOUND oneDNN:DNNL_LIBRARY
           fastText:FASTTEXT_FOUND CLD2:CLD2_LIBRARY OpenBLAS:OPENBLAS_FOUND)
  string(REPLACE ":" ";" _pair "${_f}")
  list(GET _pair 0 _name)
  list(GET _pair 1 _var)
  if(${_var})
    list(APPEND _dpk_features "+${_name}")
  else()
    list(APPEND _dpk_features "-${_name}")
  endif()
endforeach()
list(JOIN _dpk_features " " DPK_FEATURES)
configure_file(${PROJECT_SOURCE_DIR}/runtime/src/build_info.cpp.in ${PROJECT_BINARY_DIR}/generated/build_info.cpp @ONLY)
target_sources(dpk PRIVATE ${PROJECT_BINARY_DIR}/generated/build_info.cpp)
