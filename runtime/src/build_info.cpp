#include "dpk/runtime/build_info.h"

// Both come from runtime/CMakeLists.txt, on this file only, so a new commit
// recompiles one file.
#ifndef DPK_GIT_COMMIT
#define DPK_GIT_COMMIT "unknown"
#endif
#ifndef DPK_BUILD_TYPE
#define DPK_BUILD_TYPE "unknown"
#endif

namespace dpk::runtime {

const char* dpk_git_commit() { return DPK_GIT_COMMIT; }
const char* dpk_build_type() { return DPK_BUILD_TYPE[0] != '\0' ? DPK_BUILD_TYPE : "unknown"; }

}  // namespace dpk::runtime
