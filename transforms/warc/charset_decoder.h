// charset_decoder.h — page bytes in any charset to UTF-8 (ICU).
//
// The charset is the one declared (HTTP Content-Type), else a <meta charset>
// in the first 2 KB, else UTF-8 when the bytes are valid UTF-8, else ICU's
// detector's best guess, else windows-1252. Bytes that do not decode become
// U+FFFD, so the result is always valid UTF-8.
//
//   CharsetDecoder d;
//   std::string utf8, used;
//   d.to_utf8(body, "iso-8859-1", utf8, used);   // used == "iso-8859-1"
#pragma once

#include <string>
#include <string_view>

struct UCharsetDetector;

namespace dpk {

class CharsetDecoder {
 public:
  CharsetDecoder();
  ~CharsetDecoder();
  CharsetDecoder(const CharsetDecoder&) = delete;
  CharsetDecoder& operator=(const CharsetDecoder&) = delete;

  // `declared` may be empty. `used` gets the charset that decoded the bytes.
  void to_utf8(std::string_view bytes, std::string_view declared, std::string& out, std::string& used);
  // The same without a copy where none is needed: `bytes` itself when they
  // are UTF-8 already (most pages), else their conversion, held in `scratch`.
  std::string_view utf8_view(std::string_view bytes, std::string_view declared, std::string& scratch,
                             std::string& used);

 private:
  bool convert(std::string_view bytes, const std::string& charset, std::string& out);
  UCharsetDetector* detector_ = nullptr;
  std::string charset_;
};

// The charset a page declares in a <meta> tag within its first 2 KB
// (lower-cased), or "".
std::string sniff_meta_charset(std::string_view html);

}  // namespace dpk
