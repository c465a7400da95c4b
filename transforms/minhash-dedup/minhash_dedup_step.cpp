#include "minhash_dedup_step.h"

#include <algorithm>
#include <cstring>
#include <numeric>

#include "lsh_clusters.h"
#include "work_files.h"

namespace dpk {

size_t SignatureTable::bytes() const {
  return child.bytes() + position.bytes() + band_keys.bytes() + signatures.bytes();
}

// Positions use the document's global file index, so the shard count is not needed.
MinHashDedupStep::MinHashDedupStep(const MinHashConfig& cfg, Mode mode, std::string work, int shard_index,
                                   int /*shard_count*/)
    : cfg_(cfg), mode_(mode), work_(std::move(work)), shard_index_(shard_index),
      hasher_(cfg), sig_(static_cast<size_t>(cfg.num_perm)) {}

void MinHashDedupStep::observe(const Document& doc) {
  // A text without shingles (empty after normalization) is never a duplicate.
  if (!hasher_.signature(doc.text(), sig_.data())) return;
  table_.child.push_back(doc.child);
  table_.position.push_back(make_position(doc.file_index, doc.line));
  for (int b = 0; b < cfg_.bands; ++b) table_.band_keys.push_back(band_key(sig_.data(), b, cfg_.rows));
  if (cfg_.verify_jaccard) table_.signatures.append(sig_.data(), sig_.size());
}

void MinHashDedupStep::merge_from(GlobalTransform& other_base) {
  auto& other = static_cast<MinHashDedupStep&>(other_base);
  if (&other == this) return;
  // Kept apart until finish(): appending here would regrow one table by
  // doubling while the others still hold their copies.
  merged_.push_back(std::move(other.table_));
  other.table_ = SignatureTable();
  for (auto& t : other.merged_) merged_.push_back(std::move(t));
  other.merged_.clear();
}

void MinHashDedupStep::gather() {
  // Chunk by chunk: the peak stays near one copy of the observations.
  for (auto& t : merged_) {
    table_.child.take_from(t.child);
    table_.position.take_from(t.position);
    table_.band_keys.take_from(t.band_keys);
    table_.signatures.take_from(t.signatures);
  }
  merged_.clear();
}

Status MinHashDedupStep::finish() {
  gather();
  if (mode_ == Mode::kSignatureStage) return write_stage_files();
  cluster_in_process();
  return Status::Ok();
}

void MinHashDedupStep::cluster_in_process() {
  const size_t n = table_.size();
  // Dense index i = rank of the document in input order, so the union-find's
  // smallest root is the first document of its cluster.
  std::vector<uint32_t> by_order(n);
  std::iota(by_order.begin(), by_order.end(), 0u);
  std::sort(by_order.begin(), by_order.end(), [&](uint32_t x, uint32_t y) {
    return std::pair(table_.position[x], table_.child[x]) < std::pair(table_.position[y], table_.child[y]);
  });
  const size_t np = static_cast<size_t>(cfg_.num_perm);
  PairCheck check;
  if (cfg_.verify_jaccard) {
    check = [&](uint64_t x, uint64_t y) {
      // Element by element: a signature may straddle two chunks of the column.
      const size_t sx = by_order[x] * np, sy = by_order[y] * np;
      size_t same = 0;
      for (size_t k = 0; k < np; ++k) same += table_.signatures[sx + k] == table_.signatures[sy + k];
      return static_cast<double>(same) / static_cast<double>(np) >= cfg_.threshold;
    };
  }
  // Each band's edges go into the union-find before the next band: edges
  // of all bands at once would cost up to 16 bytes per document per band.
  std::vector<Edge> edges;
  std::vector<BandEntry> entries(n);
  MinRootUnionFind uf(n);
  std::vector<uint8_t> in_cluster(n, 0);
  const size_t bands = static_cast<size_t>(cfg_.bands);
  for (size_t b = 0; b < bands; ++b) {
    for (size_t i = 0; i < n; ++i) entries[i] = {table_.band_keys[by_order[i] * bands + b], i};
    edges.clear();
    bucket_edges(entries, check, edges);
    for (const auto& [x, y] : edges) {
      uf.unite(static_cast<uint32_t>(x), static_cast<uint32_t>(y));
      in_cluster[x] = in_cluster[y] = 1;
    }
  }
  std::vector<BandEntry>().swap(entries);
  std::vector<Edge>().swap(edges);
  for (size_t i = 0; i < n; ++i) {
    if (!in_cluster[i]) continue;
    const uint32_t root = uf.find(static_cast<uint32_t>(i));
    clustered_order_.emplace_back(table_.position[by_order[i]], table_.child[by_order[i]]);
    cluster_label_.push_back(table_.position[by_order[root]]);
    is_duplicate_.push_back(root != i);
  }
  table_ = SignatureTable();  // the decision is all the second pass needs
}

void MinHashDedupStep::decide(Document& doc) const {
  const std::pair<uint64_t, uint64_t> key(make_position(doc.file_index, doc.line), doc.child);
  auto it = std::lower_bound(clustered_order_.begin(), clustered_order_.end(), key);
  if (it == clustered_order_.end() || *it != key) return;
  const size_t i = static_cast<size_t>(it - clustered_order_.begin());
  if (cfg_.annotate) {
    doc.set_int("dup_cluster", static_cast<int64_t>(cluster_label_[i]));
  } else if (is_duplicate_[i]) {
    doc.drop("minhash_dup");
  }
}

// Spread over processes: a header (document count, bands, signature words),
// then the columns. Per document 12 + 8 * bands bytes (+ 4 * num_perm with
// --verify-jaccard). The parameters travel with the bytes so a process with
// other options is caught rather than merged.
bool MinHashDedupStep::serialize(std::string& out) const {
  auto put = [&out](const auto& v) {
    out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(v[0]));
  };
  auto put_column = [&out](const auto& column) {
    column.for_each_span([&out](const auto* p, size_t n) {
      out.append(reinterpret_cast<const char*>(p), n * sizeof(*p));
    });
  };
  std::vector<uint64_t> head{table_.size(), static_cast<uint64_t>(cfg_.bands), table_.signatures.size()};
  for (const auto& t : merged_) {
    head[0] += t.size();
    head[2] += t.signatures.size();
  }
  put(head);
  // Columns of this table and the not yet gathered ones, in the same order.
  auto column = [&](auto member) {
    put_column(table_.*member);
    for (const auto& t : merged_) put_column(t.*member);
  };
  column(&SignatureTable::child);
  column(&SignatureTable::position);
  column(&SignatureTable::band_keys);
  column(&SignatureTable::signatures);
  return true;
}

Status MinHashDedupStep::merge_serialized(std::string_view bytes) {
  auto fail = [] { return Status::Data("minhash-dedup: malformed observations from another process"); };
  // Column values are copied out of the (unaligned) bytes in small runs.
  auto take = [&bytes](auto& column, size_t n) {
    using T = std::remove_reference_t<decltype(column[0])>;
    if (bytes.size() / sizeof(T) < n) return false;
    T buf[256];
    for (size_t done = 0; done < n;) {
      const size_t k = std::min<size_t>(n - done, 256);
      std::memcpy(buf, bytes.data(), k * sizeof(T));
      column.append(buf, k);
      bytes.remove_prefix(k * sizeof(T));
      done += k;
    }
    return true;
  };
  ChunkedColumn<uint64_t> head;
  if (!take(head, 3)) return fail();
  if (head[1] != static_cast<uint64_t>(cfg_.bands)) {
    return Status::Usage("minhash-dedup: processes of one run have different --bands");
  }
  const size_t n = head[0];
  SignatureTable t;
  if (!take(t.child, n) || !take(t.position, n) || !take(t.band_keys, n * static_cast<size_t>(cfg_.bands)) ||
      !take(t.signatures, head[2]) || !bytes.empty()) {
    return fail();
  }
  merged_.push_back(std::move(t));
  return Status::Ok();
}

Status MinHashDedupStep::write_stage_files() const {
  const size_t n = table_.size();
  const size_t bands = static_cast<size_t>(cfg_.bands);
  const std::string shard = "shard-" + std::to_string(shard_index_) + ".bin.zst";
  std::vector<uint64_t> words;
  for (size_t b = 0; b < bands; ++b) {
    words.clear();
    words.reserve(2 * n);
    for (size_t i = 0; i < n; ++i) {
      words.push_back(table_.band_keys[i * bands + b]);
      words.push_back(table_.position[i]);
    }
    DPK_RETURN_IF_ERROR(write_words(work_ + "/bands/" + std::to_string(b) + "/" + shard, words));
  }
  if (cfg_.verify_jaccard) {
    const size_t np = static_cast<size_t>(cfg_.num_perm);
    const size_t per_doc = 1 + (np + 1) / 2;
    words.assign(n * per_doc, 0);
    std::vector<uint32_t> one(np);
    for (size_t i = 0; i < n; ++i) {
      words[i * per_doc] = table_.position[i];
      for (size_t k = 0; k < np; ++k) one[k] = table_.signatures[i * np + k];  // may straddle two chunks
      std::memcpy(&words[i * per_doc + 1], one.data(), np * sizeof(uint32_t));
    }
    DPK_RETURN_IF_ERROR(write_words(work_ + "/signatures/" + shard, words));
  }
  return write_params(work_, cfg_.fingerprint());
}

}  // namespace dpk
