#include "chunked_column.h"

#include <gtest/gtest.h>

#include <vector>

namespace dpk {
namespace {

std::vector<uint32_t> contents(const ChunkedColumn<uint32_t>& c) {
  std::vector<uint32_t> out;
  c.for_each_span([&](const uint32_t* p, size_t n) { out.insert(out.end(), p, p + n); });
  return out;
}

TEST(ChunkedColumn, AppendsAcrossChunksAndTakesAnother) {
  constexpr size_t kChunk = ChunkedColumn<uint32_t>::kChunk;
  // Sizes that end inside a chunk and exactly on a boundary: take_from then
  // copies the values or moves whole chunks.
  for (size_t first : {size_t{5}, kChunk, 2 * kChunk + 3}) {
    for (size_t second : {size_t{0}, kChunk + 7, 2 * kChunk}) {
      ChunkedColumn<uint32_t> a, b;
      std::vector<uint32_t> want;
      for (size_t i = 0; i < first; ++i) {
        a.push_back(static_cast<uint32_t>(i));
        want.push_back(static_cast<uint32_t>(i));
      }
      std::vector<uint32_t> more(second);
      for (size_t i = 0; i < second; ++i) more[i] = static_cast<uint32_t>(1000000 + i);
      b.append(more.data(), more.size());
      want.insert(want.end(), more.begin(), more.end());
      a.take_from(b);
      EXPECT_TRUE(b.empty());
      ASSERT_EQ(a.size(), want.size());
      EXPECT_EQ(contents(a), want) << first << " + " << second;
      for (size_t i = 0; i < want.size(); i += 997) EXPECT_EQ(a[i], want[i]);
      // No growth slack: at most one partly filled chunk.
      EXPECT_LT(a.bytes(), (want.size() + kChunk) * sizeof(uint32_t) + 1);
    }
  }
}

}  // namespace
}  // namespace dpk
