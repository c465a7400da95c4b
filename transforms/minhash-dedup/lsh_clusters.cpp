#include "lsh_clusters.h"

#include <algorithm>

namespace dpk {

void bucket_edges(std::vector<BandEntry>& entries, const PairCheck& check, std::vector<Edge>& edges) {
  std::sort(entries.begin(), entries.end());
  constexpr size_t kMaxChecks = 64;
  for (size_t g = 0; g < entries.size();) {
    size_t e = g + 1;
    while (e < entries.size() && entries[e].key == entries[g].key) ++e;
    for (size_t i = g + 1; i < e; ++i) {
      if (entries[i].item == entries[i - 1].item) continue;  // same document twice
      if (!check) {
        edges.emplace_back(entries[g].item, entries[i].item);
        continue;
      }
      for (size_t j = g; j < i && j - g < kMaxChecks; ++j) {
        if (check(entries[j].item, entries[i].item)) {
          edges.emplace_back(entries[j].item, entries[i].item);
          break;
        }
      }
    }
    g = e;
  }
}

MinRootUnionFind::MinRootUnionFind(size_t n) : parent_(n) {
  for (size_t i = 0; i < n; ++i) parent_[i] = static_cast<uint32_t>(i);
}

uint32_t MinRootUnionFind::find(uint32_t x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];
    x = parent_[x];
  }
  return x;
}

void MinRootUnionFind::unite(uint32_t a, uint32_t b) {
  a = find(a);
  b = find(b);
  if (a == b) return;
  if (a < b) {
    parent_[b] = a;
  } else {
    parent_[a] = b;
  }
}

std::vector<Edge> cluster_items(const std::vector<Edge>& edges) {
  std::vector<uint64_t> items;
  items.reserve(edges.size() * 2);
  for (const auto& [a, b] : edges) {
    items.push_back(a);
    items.push_back(b);
  }
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  auto index = [&](uint64_t v) {
    return static_cast<uint32_t>(std::lower_bound(items.begin(), items.end(), v) - items.begin());
  };
  MinRootUnionFind uf(items.size());
  for (const auto& [a, b] : edges) uf.unite(index(a), index(b));
  std::vector<Edge> out(items.size());
  for (size_t i = 0; i < items.size(); ++i) out[i] = {items[i], items[uf.find(static_cast<uint32_t>(i))]};
  return out;
}

}  // namespace dpk
