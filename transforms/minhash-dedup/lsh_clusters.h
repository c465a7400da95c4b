// lsh_clusters.h — from band keys to duplicate clusters: candidate pairs
// from LSH buckets, optionally verified on full signatures, then union-find
// whose root is always the smallest item (so the kept document of a cluster
// is the one with the smallest position, whatever the order of the edges).
#pragma once

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace dpk {

struct BandEntry {
  uint64_t key;   // band key
  uint64_t item;  // document (position or dense index)
  bool operator<(const BandEntry& o) const { return key != o.key ? key < o.key : item < o.item; }
};

using Edge = std::pair<uint64_t, uint64_t>;
// True when two items of one bucket are near-duplicates (--verify-jaccard).
using PairCheck = std::function<bool(uint64_t, uint64_t)>;

// Sorts `entries` and appends the edges of every bucket of two or more items:
// each item joins the smallest item of its bucket, or, with `check`, the
// first of the (up to 64) smaller items it passes the check with.
void bucket_edges(std::vector<BandEntry>& entries, const PairCheck& check, std::vector<Edge>& edges);

// Union-find over dense indices; the root of a set is its smallest index.
class MinRootUnionFind {
 public:
  explicit MinRootUnionFind(size_t n);
  uint32_t find(uint32_t x);
  void unite(uint32_t a, uint32_t b);

 private:
  std::vector<uint32_t> parent_;
};

// Clusters over sparse items (positions): returns (item, root item) for
// every item that appears in an edge, sorted by item.
std::vector<Edge> cluster_items(const std::vector<Edge>& edges);

}  // namespace dpk
