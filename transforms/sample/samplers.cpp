#include "samplers.h"

#include <cmath>

namespace dpk::sample {

FractionSampler::FractionSampler(uint64_t seed, double fraction)
    : seed_(seed), keep_all_(fraction >= 1.0), bound_(0) {
  if (!keep_all_ && fraction > 0) {
    // F * 2^64 is exact in a double and below 2^64 for F < 1. For an integer
    // priority p, p < x holds exactly when p < ceil(x).
    bound_ = static_cast<uint64_t>(std::ceil(std::ldexp(fraction, 64)));
  }
}

bool FractionSampler::keeps(const Document& doc) const {
  return keep_all_ || sample_priority(seed_, doc.ordinal, doc.child) < bound_;
}

void FractionSampler::decide(Document& doc) const {
  if (!keeps(doc)) doc.drop(kDropReason);
}

void CountSampler::merge_from(GlobalTransform& other) {
  // Every instance of a step comes from the same factory.
  heap_.merge_from(static_cast<CountSampler&>(other).heap_);
}

Status CountSampler::finish() {
  finished_ = true;
  keep_all_ = !heap_.full();
  if (heap_.size() > 0) threshold_ = heap_.largest();
  return Status::Ok();
}

void CountSampler::decide(Document& doc) const {
  if (keep_all_) return;
  // K == 0 leaves the heap empty and full: everything is dropped.
  if (heap_.size() == 0 || threshold_ < sample_key(seed_, doc)) doc.drop(kDropReason);
}

}  // namespace dpk::sample
