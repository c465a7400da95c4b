// file_digest.h — the SHA-256 of a file (OpenSSL EVP), so a run record says
// exactly which model file made its annotations.
//
//   StatusOr<std::string> hex = sha256_file("lid.176.ftz");  // 64 lowercase hex digits
#pragma once

#include <string>

#include "dpk/status.h"

namespace dpk::runtime {

// kIo naming the path when the file cannot be read.
StatusOr<std::string> sha256_file(const std::string& path);

}  // namespace dpk::runtime
