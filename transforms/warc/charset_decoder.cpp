#include "charset_decoder.h"

#include <simdjson.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

namespace dpk {

namespace {
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
bool is_utf8_name(std::string_view cs) { return cs == "utf-8" || cs == "utf8"; }
bool is_label(std::string_view cs) {
  for (char c : cs) {
    if (c <= ' ' || c > '~') return false;
  }
  return true;
}
}  // namespace

std::string sniff_meta_charset(std::string_view html) {
  std::string head;
  for (char c : html.substr(0, 2048)) head.push_back(lower(c));
  for (size_t at = head.find("charset"); at != std::string::npos; at = head.find("charset", at + 7)) {
    // Only inside a <meta ...> tag.
    size_t lt = head.rfind('<', at);
    if (lt == std::string::npos || head.compare(lt, 5, "<meta") != 0 || head.find('>', lt) < at) continue;
    size_t p = at + 7;
    while (p < head.size() && head[p] == ' ') ++p;
    if (p >= head.size() || head[p] != '=') continue;
    ++p;
    while (p < head.size() && (head[p] == ' ' || head[p] == '"' || head[p] == '\'')) ++p;
    size_t e = p;
    while (e < head.size() && ((head[e] >= 'a' && head[e] <= 'z') || (head[e] >= '0' && head[e] <= '9') ||
                               head[e] == '-' || head[e] == '_' || head[e] == ':' || head[e] == '.')) {
      ++e;
    }
    if (e > p) return head.substr(p, e - p);
  }
  return {};
}

CharsetDecoder::CharsetDecoder() {
  UErrorCode err = U_ZERO_ERROR;
  detector_ = ucsdet_open(&err);
  if (U_FAILURE(err)) detector_ = nullptr;
}

CharsetDecoder::~CharsetDecoder() {
  if (detector_) ucsdet_close(detector_);
}

bool CharsetDecoder::convert(std::string_view bytes, const std::string& charset, std::string& out) {
  UErrorCode err = U_ZERO_ERROR;
  out.resize(bytes.size() * 3 + 16);
  int32_t n = ucnv_convert("UTF-8", charset.c_str(), out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                           static_cast<int32_t>(bytes.size()), &err);
  if (err == U_BUFFER_OVERFLOW_ERROR) {
    err = U_ZERO_ERROR;
    out.resize(static_cast<size_t>(n) + 1);
    n = ucnv_convert("UTF-8", charset.c_str(), out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                     static_cast<int32_t>(bytes.size()), &err);
  }
  if (U_FAILURE(err)) {
    out.clear();
    return false;
  }
  out.resize(static_cast<size_t>(n));
  return true;
}

void CharsetDecoder::to_utf8(std::string_view bytes, std::string_view declared, std::string& out, std::string& used) {
  const std::string_view utf8 = utf8_view(bytes, declared, out, used);
  if (utf8.data() != out.data()) out.assign(utf8);
}

std::string_view CharsetDecoder::utf8_view(std::string_view bytes, std::string_view declared, std::string& out,
                                           std::string& used) {
  charset_.clear();
  for (char c : declared) charset_.push_back(lower(c));
  // A label is printable ASCII; anything else is a damaged header, and ICU
  // may still match a prefix of it: sniff and detect instead.
  if (!is_label(charset_)) charset_.clear();
  if (charset_.empty()) charset_ = sniff_meta_charset(bytes);
  const bool valid_utf8 = simdjson::validate_utf8(bytes.data(), bytes.size());
  if (charset_.empty() || is_utf8_name(charset_)) {
    if (valid_utf8) {
      used = "utf-8";
      return bytes;
    }
    if (charset_.empty() && detector_ != nullptr) {
      UErrorCode err = U_ZERO_ERROR;
      ucsdet_setText(detector_, bytes.data(), static_cast<int32_t>(std::min<size_t>(bytes.size(), 1 << 16)), &err);
      const UCharsetMatch* m = U_SUCCESS(err) ? ucsdet_detect(detector_, &err) : nullptr;
      const char* name = (m != nullptr && U_SUCCESS(err)) ? ucsdet_getName(m, &err) : nullptr;
      if (name != nullptr && U_SUCCESS(err)) {
        charset_.clear();
        for (const char* c = name; *c; ++c) charset_.push_back(lower(*c));
      }
    }
  }
  if (charset_.empty()) charset_ = "utf-8";
  // A label ICU does not know, or bytes it cannot take: windows-1252 never fails.
  if (!convert(bytes, charset_, out)) {
    charset_ = "windows-1252";
    convert(bytes, charset_, out);
  }
  used = charset_;
  return out;
}

}  // namespace dpk
