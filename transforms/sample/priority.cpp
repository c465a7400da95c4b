#include "priority.h"

#include <xxhash.h>

namespace dpk::sample {

uint64_t sample_priority(uint64_t seed, uint64_t ordinal, uint32_t child) {
  // Little-endian bytes written by hand: the same hash on every machine.
  unsigned char buf[12];
  for (int i = 0; i < 8; ++i) buf[i] = static_cast<unsigned char>(ordinal >> (8 * i));
  for (int i = 0; i < 4; ++i) buf[8 + i] = static_cast<unsigned char>(child >> (8 * i));
  return XXH3_64bits_withSeed(buf, sizeof buf, seed);
}

}  // namespace dpk::sample
