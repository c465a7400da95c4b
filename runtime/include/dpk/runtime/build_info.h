// dpk/runtime/build_info.h — what this build of dpk is, for run records and
// --version: the git commit of the source it was configured from ("unknown"
// outside a git checkout, e.g. from a release tarball) and the CMake build
// type (Release, Debug ...; generated from runtime/src/build_info.cpp.in). The
// version itself is dpk_version() (run_config.h).
//
//   std::printf("%s (%s)\n", dpk::runtime::dpk_git_commit(), dpk::runtime::dpk_build_type());
#pragma once

namespace dpk::runtime {

// Short commit hash, captured when CMake configured the build.
const char* dpk_git_commit();
// CMAKE_BUILD_TYPE (or the configuration of a multi-config generator).
const char* dpk_build_type();

}  // namespace dpk::runtime
