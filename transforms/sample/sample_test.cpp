#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bottom_k.h"
#include "dpk/document_parser.h"
#include "dpk/transform.h"
#include "priority.h"

namespace dpk {
namespace {

// `n` parsed documents with ordinals 0..n-1, as the runtime numbers them.
class Corpus {
 public:
  explicit Corpus(size_t n) {
    static DocumentParser parser;
    const std::string line = R"({"id":"x","text":"some text"})";
    buf_ = line + std::string(DocumentParser::kPadding, ' ');
    docs_.resize(n);
    std::string err;
    for (size_t i = 0; i < n; ++i) {
      EXPECT_TRUE(parser.parse(std::string_view(buf_.data(), line.size()), buf_.size(), schema_, docs_[i], err));
      docs_[i].ordinal = i;
    }
  }
  std::vector<Document>& docs() { return docs_; }

 private:
  Schema schema_;
  std::string buf_;
  std::vector<Document> docs_;
};

StatusOr<ConfiguredStep> configure_sample(const std::vector<std::pair<std::string, std::string>>& opts) {
  const TransformSpec& spec = *find_transform("sample");
  OptionValues v;
  for (const auto& [k, val] : opts) v.add(k, val);
  DPK_RETURN_IF_ERROR(validate_options(spec.options, v, ""));
  return spec.configure(v, StepContext{});
}

// Runs the step the way the runtime does: one instance per worker observes
// its part (`cuts` split the corpus), the parts merge into a master, which
// finishes and decides every document. Returns the kept ordinals.
std::set<uint64_t> run_sample(const std::vector<std::pair<std::string, std::string>>& opts, Corpus& corpus,
                              const std::vector<size_t>& cuts = {}) {
  auto c = configure_sample(opts);
  EXPECT_TRUE(c.ok()) << c.status().message();
  if (!c.ok()) return {};
  auto master_t = c.value().make();
  auto* master = dynamic_cast<GlobalTransform*>(master_t.get());
  EXPECT_NE(master, nullptr);
  if (master == nullptr) return {};
  auto& docs = corpus.docs();
  std::vector<size_t> bounds = cuts;
  bounds.insert(bounds.begin(), 0);
  bounds.push_back(docs.size());
  for (size_t p = 0; p + 1 < bounds.size(); ++p) {
    auto worker_t = c.value().make();
    auto* worker = dynamic_cast<GlobalTransform*>(worker_t.get());
    for (size_t i = bounds[p]; i < bounds[p + 1]; ++i) worker->observe(docs[i]);
    master->merge_from(*worker);
  }
  EXPECT_TRUE(master->finish().ok());
  std::set<uint64_t> kept;
  if (!master->needs_second_pass()) {
    for (const auto& d : docs) kept.insert(d.ordinal);
    return kept;
  }
  for (auto d : docs) {  // a copy: decide() marks it
    master->decide(d);
    if (!d.dropped()) {
      kept.insert(d.ordinal);
    } else {
      EXPECT_EQ(d.drop_reason(), "sample");
    }
  }
  return kept;
}

TEST(SampleFraction, KeepsAboutTheFraction) {
  Corpus corpus(20000);
  const auto kept = run_sample({{"fraction", "0.3"}}, corpus);
  // Binomial(20000, 0.3): sd ~ 65; 5 sd either side.
  EXPECT_NEAR(static_cast<double>(kept.size()), 6000.0, 325.0);
  EXPECT_TRUE(run_sample({{"fraction", "0"}}, corpus).empty());
  EXPECT_EQ(run_sample({{"fraction", "1"}}, corpus).size(), 20000u);
  EXPECT_NEAR(static_cast<double>(run_sample({{"fraction", "0.01"}}, corpus).size()), 200.0, 75.0);
}

TEST(SampleFraction, SameSeedSameSetOtherSeedOtherSet) {
  Corpus corpus(5000);
  const auto a = run_sample({{"fraction", "0.5"}, {"seed", "7"}}, corpus);
  const auto b = run_sample({{"fraction", "0.5"}, {"seed", "7"}}, corpus, {1234, 4000});
  const auto c = run_sample({{"fraction", "0.5"}, {"seed", "8"}}, corpus);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  // Independent halves overlap in about a quarter, not in all or none.
  std::vector<uint64_t> both;
  std::set_intersection(a.begin(), a.end(), c.begin(), c.end(), std::back_inserter(both));
  EXPECT_NEAR(static_cast<double>(both.size()), 1250.0, 200.0);
  // The default seed is 42.
  EXPECT_EQ(run_sample({{"fraction", "0.5"}}, corpus), run_sample({{"fraction", "0.5"}, {"seed", "42"}}, corpus));
}

TEST(SampleFraction, DecisionIsTheDocumentedHashRule) {
  Corpus corpus(2000);
  const auto kept = run_sample({{"fraction", "0.25"}, {"seed", "99"}}, corpus);
  for (uint64_t i = 0; i < 2000; ++i) {
    const double u = std::ldexp(static_cast<double>(sample::sample_priority(99, i, 0)), -64);
    EXPECT_EQ(kept.count(i) == 1, u < 0.25) << i;
  }
}

TEST(SampleCount, KeepsExactlyKForAnySplit) {
  Corpus corpus(3000);
  const std::vector<std::vector<size_t>> splits = {{}, {1}, {1000, 2000}, {7, 8, 9, 2999}, {1500}};
  std::set<uint64_t> first;
  for (const auto& cuts : splits) {
    const auto kept = run_sample({{"count", "100"}, {"seed", "3"}}, corpus, cuts);
    EXPECT_EQ(kept.size(), 100u);
    if (first.empty()) first = kept;
    EXPECT_EQ(kept, first) << "the sample depends on how the input was split";
  }
  // It is the bottom-k: the 100 smallest priorities.
  std::vector<std::pair<uint64_t, uint64_t>> prio;
  for (uint64_t i = 0; i < 3000; ++i) prio.emplace_back(sample::sample_priority(3, i, 0), i);
  std::sort(prio.begin(), prio.end());
  std::set<uint64_t> expected;
  for (size_t i = 0; i < 100; ++i) expected.insert(prio[i].second);
  EXPECT_EQ(first, expected);
  EXPECT_NE(run_sample({{"count", "100"}, {"seed", "4"}}, corpus), first);
}

TEST(SampleCount, FewerDocumentsThanKKeepsAllAndZeroKeepsNone) {
  Corpus corpus(30);
  EXPECT_EQ(run_sample({{"count", "50"}}, corpus, {10, 20}).size(), 30u);
  EXPECT_EQ(run_sample({{"count", "30"}}, corpus, {10}).size(), 30u);
  EXPECT_EQ(run_sample({{"count", "29"}}, corpus, {10}).size(), 29u);
  EXPECT_TRUE(run_sample({{"count", "0"}}, corpus, {10}).empty());
}

TEST(SampleCount, ChildrenOfOneParentAreDistinctDocuments) {
  Corpus corpus(40);
  for (size_t i = 0; i < 40; ++i) {
    corpus.docs()[i].ordinal = i / 4;  // ten parents of four chunks each
    corpus.docs()[i].child = static_cast<uint32_t>(i % 4);
  }
  auto c = configure_sample({{"count", "13"}});
  ASSERT_TRUE(c.ok());
  auto t = c.value().make();
  auto* g = dynamic_cast<GlobalTransform*>(t.get());
  for (const auto& d : corpus.docs()) g->observe(d);
  ASSERT_TRUE(g->finish().ok());
  size_t kept = 0;
  for (auto d : corpus.docs()) {
    g->decide(d);
    kept += d.dropped() ? 0 : 1;
  }
  EXPECT_EQ(kept, 13u);
}

TEST(SampleBottomK, HoldsTheKSmallest) {
  sample::BottomK h(3);
  for (uint64_t p : {9, 4, 7, 1, 8, 2}) h.offer({p, p, 0});
  EXPECT_EQ(h.size(), 3u);
  EXPECT_EQ(h.largest().priority, 4u);
  sample::BottomK other(3);
  other.offer({3, 3, 0});
  other.offer({0, 0, 0});
  h.merge_from(other);
  EXPECT_EQ(h.largest().priority, 2u);
  EXPECT_EQ(other.size(), 0u);
}

TEST(SampleOptions, ExactlyOneModeAndValidRanges) {
  auto code = [](const std::vector<std::pair<std::string, std::string>>& o) {
    auto c = configure_sample(o);
    return c.ok() ? StatusCode::kOk : c.status().code();
  };
  EXPECT_EQ(code({}), StatusCode::kUsage);
  EXPECT_EQ(code({{"fraction", "0.5"}, {"count", "3"}}), StatusCode::kUsage);
  EXPECT_EQ(code({{"fraction", "1.5"}}), StatusCode::kUsage);
  EXPECT_EQ(code({{"fraction", "-0.1"}}), StatusCode::kUsage);
  EXPECT_EQ(code({{"fraction", "nan"}}), StatusCode::kUsage);
  EXPECT_EQ(code({{"count", "-1"}}), StatusCode::kUsage);
  EXPECT_EQ(code({{"count", "many"}}), StatusCode::kUsage);
  EXPECT_EQ(code({{"count", "10"}, {"seed", "5"}}), StatusCode::kOk);
  EXPECT_EQ(code({{"fraction", "0.1"}}), StatusCode::kOk);
}

}  // namespace
}  // namespace dpk
