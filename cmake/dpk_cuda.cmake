# CUDA support (DPK_WITH_CUDA = AUTO, ON or OFF). AUTO builds the CUDA code
# when nvcc is found; ON fails the configure step when it is not; OFF never
# builds it. Sets DPK_HAVE_CUDA. Without CUDA every CUDA entry point has a
# CPU-only stub, so everything builds and every test runs (GPU tests skip).
set(DPK_HAVE_CUDA OFF)
if(NOT DPK_WITH_CUDA MATCHES "^(AUTO|ON|OFF)$")
  message(FATAL_ERROR "DPK_WITH_CUDA must be AUTO, ON or OFF, not '${DPK_WITH_CUDA}'")
endif()
if(NOT DPK_WITH_CUDA STREQUAL "OFF")
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      # Ampere and Hopper as machine code, PTX from Turing on for the rest.
      set(CMAKE_CUDA_ARCHITECTURES "80-real;90-real;75-virtual")
    endif()
    enable_language(CUDA)
    find_package(CUDAToolkit REQUIRED)
    set(CMAKE_CUDA_STANDARD 17)
    set(CMAKE_CUDA_STANDARD_REQUIRED ON)
    set(DPK_HAVE_CUDA ON)
    message(STATUS "dpk: CUDA ${CUDAToolkit_VERSION} (${CMAKE_CUDA_COMPILER}), architectures ${CMAKE_CUDA_ARCHITECTURES}")
  elseif(DPK_WITH_CUDA STREQUAL "ON")
    message(FATAL_ERROR "DPK_WITH_CUDA=ON but no CUDA compiler (nvcc) was found; install the CUDA toolkit "
                        "or configure with -DDPK_WITH_CUDA=AUTO or OFF")
  else()
    message(STATUS "dpk: no nvcc found, building without CUDA")
  endif()
endif()
