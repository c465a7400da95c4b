#include "base64_text.h"

#include <openssl/evp.h>

#include <algorithm>

namespace dpk {
namespace {

// OpenSSL's block functions take int lengths: work in pieces well below
// INT_MAX, multiples of 3 bytes (encode) and 4 characters (decode) so the
// pieces join without padding in between.
constexpr size_t kEncodePiece = size_t{3} << 20;
constexpr size_t kDecodePiece = size_t{4} << 20;

}  // namespace

void append_base64(std::string& out, std::string_view bytes) {
  size_t at = out.size();
  out.resize(at + (bytes.size() + 2) / 3 * 4 + 1);  // +1: EVP_EncodeBlock writes a NUL
  for (size_t i = 0; i < bytes.size(); i += kEncodePiece) {
    const size_t n = std::min(kEncodePiece, bytes.size() - i);
    at += static_cast<size_t>(EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data() + at),
                                              reinterpret_cast<const unsigned char*>(bytes.data() + i),
                                              static_cast<int>(n)));
  }
  out.resize(at);
}

bool decode_base64(std::string_view text, std::string& out) {
  out.clear();
  if (text.size() % 4 != 0) return false;
  // EVP_DecodeBlock skips white space and counts padding as zero bytes: the
  // checks here make the accepted text exactly RFC 4648's.
  size_t padding = 0;
  if (!text.empty() && text.back() == '=') padding = text.size() >= 2 && text[text.size() - 2] == '=' ? 2 : 1;
  for (size_t i = 0; i < text.size() - padding; ++i) {
    const char c = text[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    if (!ok) return false;
  }
  out.resize(text.size() / 4 * 3);
  size_t at = 0;
  for (size_t i = 0; i < text.size(); i += kDecodePiece) {
    const size_t n = std::min(kDecodePiece, text.size() - i);
    const int got = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data() + at),
                                    reinterpret_cast<const unsigned char*>(text.data() + i), static_cast<int>(n));
    if (got < 0) return false;
    at += static_cast<size_t>(got);
  }
  out.resize(at - padding);
  return true;
}

}  // namespace dpk
