// samplers.h — the two modes of `sample`, as global transforms.
#pragma once

#include <cstdint>

#include "bottom_k.h"
#include "dpk/transform.h"

namespace dpk::sample {

inline constexpr std::string_view kDropReason = "sample";

// --fraction F: keeps a document iff priority / 2^64 < F, each one on its
// own, so about F*N are kept. It needs no first pass, but runs as a
// second-pass global: the runtime picks a step's pass plan from the spec's
// kind (kGlobal) and casts the instance to GlobalTransform, so a streaming
// DocumentTransform cannot be returned for this mode. Once the runtime plans
// passes from the instance (dynamic_cast), this can become a streaming filter.
class FractionSampler final : public GlobalTransform {
 public:
  FractionSampler(uint64_t seed, double fraction);
  void observe(const Document&) override {}
  void merge_from(GlobalTransform&) override {}
  Status finish() override { return Status::Ok(); }
  bool needs_second_pass() const override { return true; }
  void decide(Document& doc) const override;
  bool keeps(const Document& doc) const;

 private:
  uint64_t seed_;
  bool keep_all_;
  uint64_t bound_;  // keep iff priority < bound_ (unless keep_all_)
};

// --count K: keeps the K documents of smallest priority (bottom-k).
class CountSampler final : public GlobalTransform {
 public:
  CountSampler(uint64_t seed, uint64_t k) : seed_(seed), heap_(k) {}
  void observe(const Document& doc) override { heap_.offer(sample_key(seed_, doc)); }
  void merge_from(GlobalTransform& other) override;
  Status finish() override;
  bool needs_second_pass() const override { return true; }
  void decide(Document& doc) const override;

 private:
  uint64_t seed_;
  BottomK heap_;
  bool finished_ = false;
  bool keep_all_ = false;  // fewer than K documents were seen
  SampleKey threshold_;    // the K-th smallest key: keep keys <= it
};

}  // namespace dpk::sample
