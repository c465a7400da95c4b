// chunked_column.h — an append-only array stored in fixed-size chunks.
//
// Why not std::vector: a vector grown by push_back holds up to twice its
// size (capacity doubling), and gathering several of them into one needs
// both copies at once. A chunked column wastes at most one chunk, and
// take_from() moves another column in while freeing it chunk by chunk, so
// the global MinHash step's memory stays at its stated bytes per document.
//
//   ChunkedColumn<uint64_t> c;
//   c.push_back(7);
//   c.append(data, n);
//   uint64_t x = c[0];
//   c.for_each_span([](const uint64_t* p, size_t n) { ... });
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <vector>

namespace dpk {

template <typename T>
class ChunkedColumn {
 public:
  static constexpr size_t kChunkShift = 14;  // 16 Ki elements: 128 KiB of u64
  static constexpr size_t kChunk = size_t{1} << kChunkShift;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t bytes() const { return chunks_.size() * kChunk * sizeof(T); }

  T& operator[](size_t i) { return chunks_[i >> kChunkShift][i & (kChunk - 1)]; }
  const T& operator[](size_t i) const { return chunks_[i >> kChunkShift][i & (kChunk - 1)]; }

  void push_back(const T& v) {
    if ((size_ & (kChunk - 1)) == 0) chunks_.push_back(std::make_unique_for_overwrite<T[]>(kChunk));
    (*this)[size_++] = v;
  }

  void append(const T* p, size_t n) {
    while (n > 0) {
      if ((size_ & (kChunk - 1)) == 0) chunks_.push_back(std::make_unique_for_overwrite<T[]>(kChunk));
      const size_t at = size_ & (kChunk - 1);
      const size_t k = std::min(n, kChunk - at);
      std::copy(p, p + k, chunks_.back().get() + at);
      size_ += k;
      p += k;
      n -= k;
    }
  }

  // Calls fn(const T* data, size_t n) for the filled part of every chunk, in order.
  template <typename Fn>
  void for_each_span(Fn&& fn) const {
    for (size_t c = 0; c < chunks_.size(); ++c) fn(chunks_[c].get(), std::min(kChunk, size_ - c * kChunk));
  }

  // Appends all of `other` and empties it, freeing its chunks as they are copied.
  void take_from(ChunkedColumn& other) {
    for (size_t c = 0; c < other.chunks_.size(); ++c) {
      const size_t n = std::min(kChunk, other.size_ - c * kChunk);
      if (n == kChunk && (size_ & (kChunk - 1)) == 0) {  // a full chunk onto a chunk boundary: no copy
        chunks_.push_back(std::move(other.chunks_[c]));
        size_ += n;
        continue;
      }
      append(other.chunks_[c].get(), n);
      other.chunks_[c].reset();
    }
    other.clear();
  }

  void clear() {
    chunks_.clear();
    chunks_.shrink_to_fit();
    size_ = 0;
  }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  size_t size_ = 0;
};

}  // namespace dpk
