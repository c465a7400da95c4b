#include "minhash_dedup_step.h"

#include <algorithm>
#include <cstring>
#include <numeric>

#include "lsh_clusters.h"
#include "work_files.h"

namespace dpk {

size_t SignatureTable::bytes() const {
  return child.capacity() * 8 + position.capacity() * 8 + band_keys.capacity() * 8 + signatures.capacity() * 4;
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
  if (cfg_.verify_jaccard) table_.signatures.insert(table_.signatures.end(), sig_.begin(), sig_.end());
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
  if (merged_.empty()) return;
  size_t n = table_.size();
  for (const auto& t : merged_) n += t.size();
  const size_t bands = static_cast<size_t>(cfg_.bands), np = static_cast<size_t>(cfg_.num_perm);
  SignatureTable all;
  all.child.reserve(n);
  all.position.reserve(n);
  all.band_keys.reserve(n * bands);
  if (cfg_.verify_jaccard) all.signatures.reserve(n * np);
  auto take = [&all](SignatureTable& t) {
    all.child.insert(all.child.end(), t.child.begin(), t.child.end());
    all.position.insert(all.position.end(), t.position.begin(), t.position.end());
    all.band_keys.insert(all.band_keys.end(), t.band_keys.begin(), t.band_keys.end());
    all.signatures.insert(all.signatures.end(), t.signatures.begin(), t.signatures.end());
    t = SignatureTable();  // freed part by part: the peak stays near one copy
  };
  take(table_);
  for (auto& t : merged_) take(t);
  merged_.clear();
  table_ = std::move(all);
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
      return estimated_jaccard(&table_.signatures[by_order[x] * np], &table_.signatures[by_order[y] * np],
                               cfg_.num_perm) >= cfg_.threshold;
    };
  }
  std::vector<Edge> edges;
  std::vector<BandEntry> entries(n);
  const size_t bands = static_cast<size_t>(cfg_.bands);
  for (size_t b = 0; b < bands; ++b) {
    for (size_t i = 0; i < n; ++i) entries[i] = {table_.band_keys[by_order[i] * bands + b], i};
    bucket_edges(entries, check, edges);
  }
  MinRootUnionFind uf(n);
  for (const auto& [x, y] : edges) uf.unite(static_cast<uint32_t>(x), static_cast<uint32_t>(y));
  std::vector<uint8_t> in_cluster(n, 0);
  for (const auto& [x, y] : edges) in_cluster[x] = in_cluster[y] = 1;
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
// then the columns. Per document 16 + 8 * bands bytes (+ 4 * num_perm with
// --verify-jaccard). The parameters travel with the bytes so a process with
// other options is caught rather than merged.
bool MinHashDedupStep::serialize(std::string& out) const {
  auto put = [&out](const auto& v) {
    out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(v[0]));
  };
  std::vector<uint64_t> head{table_.size(), static_cast<uint64_t>(cfg_.bands), table_.signatures.size()};
  for (const auto& t : merged_) {
    head[0] += t.size();
    head[2] += t.signatures.size();
  }
  put(head);
  // Columns of this table and the not yet gathered ones, in the same order.
  auto column = [&](auto member) {
    put(table_.*member);
    for (const auto& t : merged_) put(t.*member);
  };
  column(&SignatureTable::child);
  column(&SignatureTable::position);
  column(&SignatureTable::band_keys);
  column(&SignatureTable::signatures);
  return true;
}

Status MinHashDedupStep::merge_serialized(std::string_view bytes) {
  auto fail = [] { return Status::Data("minhash-dedup: malformed observations from another process"); };
  auto take = [&bytes](auto& v, size_t n) {
    const size_t len = n * sizeof(v[0]);
    if (bytes.size() < len) return false;
    v.resize(n);
    if (len > 0) std::memcpy(v.data(), bytes.data(), len);  // data() may be null when empty
    bytes.remove_prefix(len);
    return true;
  };
  std::vector<uint64_t> head;
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
    for (size_t i = 0; i < n; ++i) {
      words[i * per_doc] = table_.position[i];
      std::memcpy(&words[i * per_doc + 1], &table_.signatures[i * np], np * sizeof(uint32_t));
    }
    DPK_RETURN_IF_ERROR(write_words(work_ + "/signatures/" + shard, words));
  }
  return write_params(work_, cfg_.fingerprint());
}

}  // namespace dpk
