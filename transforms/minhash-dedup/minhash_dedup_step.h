// minhash_dedup_step.h — the global step of MinHash deduplication.
//
// observe() computes each document's signature and keeps, per document, its
// order key, its position and its band keys (and the full signature with
// --verify-jaccard). Then either
//  - in one process: finish() buckets, verifies and clusters, and decide()
//    drops every clustered document but the first (reason "minhash_dup"), or
//    with --annotate marks all of them with dup_cluster; or
//  - as the `signatures` stage: finish() writes the band keys partitioned by
//    band (and the signatures) under WORK/ for the `buckets` stage.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chunked_column.h"
#include "dpk/transform.h"
#include "minhash_config.h"
#include "minhash_signature.h"

namespace dpk {

// What the step keeps for the documents it observed; memory per document is
// 12 + 8 * bands bytes, plus 4 * num_perm with --verify-jaccard (chunked
// columns: no growth slack). Input order is (position, child): the same in
// every process of a spread-out run.
struct SignatureTable {
  ChunkedColumn<uint32_t> child;      // the child number of a split document (0 otherwise)
  ChunkedColumn<uint64_t> position;   // make_position(global file, line)
  ChunkedColumn<uint64_t> band_keys;  // bands per document
  ChunkedColumn<uint32_t> signatures; // num_perm per document (verify only)
  size_t size() const { return position.size(); }
  size_t bytes() const;
};

class MinHashDedupStep final : public GlobalTransform {
 public:
  enum class Mode { kInProcess, kSignatureStage };
  MinHashDedupStep(const MinHashConfig& cfg, Mode mode, std::string work, int shard_index, int shard_count);

  void observe(const Document& doc) override;
  void merge_from(GlobalTransform& other) override;
  Status finish() override;
  bool needs_second_pass() const override { return mode_ == Mode::kInProcess; }
  bool runs_per_shard() const override { return mode_ == Mode::kSignatureStage; }
  void decide(Document& doc) const override;
  bool serialize(std::string& out) const override;
  Status merge_serialized(std::string_view bytes) override;

  const SignatureTable& table() const { return table_; }

 private:
  void gather();  // the merged tables into table_, sized exactly
  Status write_stage_files() const;
  void cluster_in_process();

  MinHashConfig cfg_;
  Mode mode_;
  std::string work_;
  int shard_index_;  // names this shard's stage files
  MinHasher hasher_;
  std::vector<uint32_t> sig_;  // scratch
  SignatureTable table_;
  std::vector<SignatureTable> merged_;  // other workers' tables, until finish()
  // Decision (in process): clustered documents by (position, child), sorted.
  std::vector<std::pair<uint64_t, uint64_t>> clustered_order_;
  std::vector<uint64_t> cluster_label_;  // position of the cluster's kept document
  std::vector<uint8_t> is_duplicate_;
};

}  // namespace dpk
