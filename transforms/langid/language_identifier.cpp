#include "language_identifier.h"

namespace dpk {

std::string_view prefix_of_code_points(std::string_view text, size_t max_chars) {
  if (max_chars == 0 || text.size() <= max_chars) return text;  // bytes >= code points
  size_t seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    // A code point starts at every byte that is not a continuation byte.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (seen == max_chars) return text.substr(0, i);
      ++seen;
    }
  }
  return text;
}

}  // namespace dpk
