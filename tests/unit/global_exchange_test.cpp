// Spread-out runs: a global step's observations, split over "processes"
// (instances) and exchanged with serialize()/merge_serialized(), give every
// process the decisions of one instance that saw all documents.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dpk/document_parser.h"
#include "dpk/transform.h"

namespace dpk {
namespace {

struct Corpus {
  std::vector<std::string> lines;
  std::vector<Document> docs;
};

// Documents over 4 files with exact and near copies across files.
Corpus make_corpus() {
  Corpus c;
  const std::vector<std::string> texts = {
      "the quick brown fox jumps over the lazy dog near the river bank today",
      "a completely different sentence about databases and their many indexes",
      "the quick brown fox jumps over the lazy dog near the river bank today",   // exact copy
      "the quick brown fox jumps over the lazy dog near the river bank today!",  // near copy
      "yet another unrelated text on gardening tomatoes in the early spring",
      "a completely different sentence about databases and their many indexes",  // exact copy
      "short",
      "yet another unrelated text on gardening tomatoes in the early spring season",
  };
  DocumentParser parser;
  std::string error;
  static const Schema kSchema;  // documents keep a pointer to it: it must outlive them
  for (size_t i = 0; i < 40; ++i) {
    c.lines.push_back("{\"id\":\"d" + std::to_string(i) + "\",\"text\":\"" + texts[(i * 7) % texts.size()] + "\"}");
  }
  c.docs.resize(c.lines.size());
  for (size_t i = 0; i < c.lines.size(); ++i) {
    c.lines[i].append(64, ' ');  // the parser may read past the line's end
    EXPECT_TRUE(parser.parse(std::string_view(c.lines[i].data(), c.lines[i].size() - 64), c.lines[i].size(),
                             kSchema, c.docs[i], error))
        << error;
    c.docs[i].file_index = static_cast<uint32_t>(i % 4);
    c.docs[i].source = static_cast<uint32_t>(i % 4);
    c.docs[i].line = i / 4 + 1;
    c.docs[i].ordinal = i;
  }
  return c;
}

std::unique_ptr<GlobalTransform> make_step(const std::string& name, OptionValues v) {
  const TransformSpec* spec = find_transform(name);
  EXPECT_NE(spec, nullptr);
  EXPECT_TRUE(validate_options(spec->options, v, "").ok());
  auto step = spec->configure(v, StepContext());
  EXPECT_TRUE(step.ok()) << step.status().message();
  auto t = step->make();
  auto* g = dynamic_cast<GlobalTransform*>(t.get());
  EXPECT_NE(g, nullptr);
  t.release();
  return std::unique_ptr<GlobalTransform>(g);
}

// What each document becomes: "" kept, else the drop reason or set fields.
// (A fresh parse: a Document is not copied, its fields point into its line.)
std::vector<std::string> decisions(const GlobalTransform& g) {
  Corpus c = make_corpus();
  std::vector<std::string> out;
  for (Document& d : c.docs) {
    g.decide(d);
    std::string text;
    if (d.dropped()) {
      text = d.drop_reason();
    } else {
      d.serialize(text);
    }
    out.push_back(text);
  }
  return out;
}

void check_exchange(const std::string& name, OptionValues v, int ranks) {
  const Corpus c = make_corpus();
  auto whole = make_step(name, v);
  for (const auto& d : c.docs) whole->observe(d);
  ASSERT_TRUE(whole->finish().ok());
  const auto want = decisions(*whole);

  // Rank r observes the files with index % ranks == r (as the runtime shards them).
  std::vector<std::unique_ptr<GlobalTransform>> rank;
  std::vector<std::string> bytes(static_cast<size_t>(ranks));
  for (int r = 0; r < ranks; ++r) {
    rank.push_back(make_step(name, v));
    for (const auto& d : c.docs) {
      if (static_cast<int>(d.file_index % ranks) == r) rank.back()->observe(d);
    }
    ASSERT_TRUE(rank.back()->serialize(bytes[static_cast<size_t>(r)]));
  }
  for (int r = 0; r < ranks; ++r) {
    for (int o = 0; o < ranks; ++o) {
      if (o == r) continue;
      ASSERT_TRUE(rank[static_cast<size_t>(r)]->merge_serialized(bytes[static_cast<size_t>(o)]).ok());
    }
    ASSERT_TRUE(rank[static_cast<size_t>(r)]->finish().ok());
    EXPECT_EQ(decisions(*rank[static_cast<size_t>(r)]), want) << name << " rank " << r << " of " << ranks;
  }
  size_t dropped = 0;
  for (const auto& w : want) dropped += (w == "exact_dup" || w == "minhash_dup") ? 1 : 0;
  if (!v.has("annotate")) {
    EXPECT_GT(dropped, 0u) << name << ": the corpus must hold copies";
  }
}

TEST(GlobalExchange, ExactDedupEqualsOneProcess) {
  for (int ranks : {2, 3}) check_exchange("exact-dedup", OptionValues(), ranks);
  OptionValues annotate;
  annotate.set("annotate", "true");
  check_exchange("exact-dedup", annotate, 2);
}

TEST(GlobalExchange, MinHashDedupEqualsOneProcess) {
  OptionValues v;
  v.set("threshold", "0.5");
  for (int ranks : {2, 3}) check_exchange("minhash-dedup", v, ranks);
  v.set("verify-jaccard", "true");
  check_exchange("minhash-dedup", v, 2);
  OptionValues annotate;
  annotate.set("annotate", "true");
  check_exchange("minhash-dedup", annotate, 3);
}

TEST(GlobalExchange, MalformedBytesAreAnError) {
  auto e = make_step("exact-dedup", OptionValues());
  EXPECT_FALSE(e->merge_serialized("0abc").ok());
  auto m = make_step("minhash-dedup", OptionValues());
  EXPECT_FALSE(m->merge_serialized("xyz").ok());
}

}  // namespace
}  // namespace dpk
