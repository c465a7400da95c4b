#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "dpk/byte_stream.h"
#include "dpk/document_parser.h"
#include "lsh_clusters.h"
#include "minhash_config.h"
#include "minhash_signature.h"
#include "shingler.h"
#include "../../tests/unit/test_util.h"

namespace dpk {
namespace {

std::vector<std::string> words_of(Shingler& s, std::string_view text) {
  std::vector<std::string> out;
  s.shingle(text, [](std::string_view) {});
  for (auto w : s.last_words()) out.emplace_back(w);
  return out;
}

TEST(MinHashShingler, NormalizesAndSegments) {
  Shingler s(ShingleKind::kWord, 5);
  EXPECT_EQ(words_of(s, "Hello,  World! Don't  stop—naïve 3.14 Café"),
            (std::vector<std::string>{"hello", "world", "don", "t", "stop", "naïve", "3", "14", "café"}));
  EXPECT_EQ(s.normalized(), "hello world don t stop naïve 3 14 café");
  // ICU's dictionaries split scripts written without spaces.
  EXPECT_EQ(words_of(s, "東京都に住んでいます"),
            (std::vector<std::string>{"東京", "都", "に", "住", "んで", "い", "ます"}));
  EXPECT_EQ(words_of(s, "co\u00ADoperate"), (std::vector<std::string>{"cooperate"}));  // soft hyphen removed
  EXPECT_TRUE(words_of(s, " ,.;!? ").empty());
}

TEST(MinHashShingler, ShortTextsGiveOneShingle) {
  Shingler s(ShingleKind::kWord, 5);
  std::vector<std::string> got;
  s.shingle("one two three", [&](std::string_view sh) { got.emplace_back(sh); });
  EXPECT_EQ(got, (std::vector<std::string>{"one two three"}));
  got.clear();
  s.shingle("a b c d e f", [&](std::string_view sh) { got.emplace_back(sh); });
  EXPECT_EQ(got, (std::vector<std::string>{"a b c d e", "b c d e f"}));
  Shingler c(ShingleKind::kChar, 3);
  got.clear();
  c.shingle("Ab, é", [&](std::string_view sh) { got.emplace_back(sh); });
  EXPECT_EQ(got, (std::vector<std::string>{"ab ", "b é"}));
}

// All shingles of `text`, each followed by '|'.
std::string shingles_of(Shingler& s, std::string_view text) {
  std::string out;
  s.shingle(text, [&](std::string_view sh) {
    out.append(sh);
    out.push_back('|');
  });
  return out;
}

// The fast paths (ASCII blocks, scalar ASCII steps, code point tables, runs
// that skip ICU) must give what the general path gives: ICU's properties
// per code point and ICU's word breaks over the whole text.
struct ThreePaths {
  explicit ThreePaths(ShingleKind kind, int ngram = 5) : fast(kind, ngram), scalar(kind, ngram), general(kind, ngram) {
    scalar.set_ascii_blocks(false);
    general.set_general_path(true);
  }
  void expect_same(std::string_view text) {
    const std::string want = shingles_of(general, text);
    ASSERT_EQ(shingles_of(fast, text), want) << text;
    ASSERT_EQ(shingles_of(scalar, text), want) << text;
  }
  Shingler fast, scalar, general;
};

// Runs `check` on the text of every `every`-th JSONL line of a testdata file.
template <typename Check>
void for_each_text(const std::string& name, size_t every, Check&& check) {
  const std::vector<std::string> lines = testing_util::testdata_lines(name);
  ASSERT_FALSE(lines.empty()) << name;
  DocumentParser parser;
  Schema schema;
  Document doc;
  std::string err;
  for (size_t n = 0; n < lines.size(); n += every) {
    std::string line = lines[n];
    line.append(DocumentParser::kPadding, ' ');
    ASSERT_TRUE(parser.parse(std::string_view(line.data(), line.size() - DocumentParser::kPadding), line.size(),
                             schema, doc, err)) << err;
    check(doc.text());
  }
}

TEST(MinHashShingler, FastPathsAgreeWithGeneralPathOnManyLanguages) {
  ThreePaths words(ShingleKind::kWord);
  // Every other sentence keeps the test short.
  for_each_text("langid/sentences.jsonl.zst", 2, [&](std::string_view t) { words.expect_same(t); });
}

TEST(MinHashShingler, FastPathsAgreeWithGeneralPathOnWebPages) {
  ThreePaths words(ShingleKind::kWord), chars(ShingleKind::kChar);
  for_each_text("web/pages.jsonl.zst", 1, [&](std::string_view t) {
    words.expect_same(t);
    chars.expect_same(t);
  });
}

// ASCII punctuation, digits, apostrophes, URLs and e-mail addresses: every
// ASCII byte but [A-Za-z0-9] separates words.
TEST(MinHashShingler, AsciiWordsAreIcuWords) {
  Shingler s(ShingleKind::kWord, 5);
  EXPECT_EQ(words_of(s, "See https://www.Example.com/a_b?x=1&y=2#top or mail Jane.Doe+tag@mail.example.org."),
            (std::vector<std::string>{"see", "https", "www", "example", "com", "a", "b", "x", "1", "y", "2", "top", "or",
                                      "mail", "jane", "doe", "tag", "mail", "example", "org"}));
  EXPECT_EQ(words_of(s, "It's 3.14, isn't it? 1,000,000 (approx.) -- 50% off: $9.99!"),
            (std::vector<std::string>{"it", "s", "3", "14", "isn", "t", "it", "1", "000", "000", "approx", "50", "off",
                                      "9", "99"}));
  ThreePaths words(ShingleKind::kWord), chars(ShingleKind::kChar, 3);
  const char* texts[] = {
      "",
      " ",
      "a",
      "\t\n\r\v\f",
      "don't won\u2019t rock'n'roll O'Neil ''quoted'' 'single'",
      "3.14 1,000 10:30 2024-01-02 v1.2.3 0x1F 1e-9 +1 -2 #3 4th 5%",
      "http://a.b/c?d=e&f=g#h https://x.y:8080/p/q.html ftp://h/f.tar.gz www.site.org/path_to/file",
      "first.last@example.com a+b@c.d user_name@sub.domain.co.uk <me@x.io> mailto:you@y.net",
      "snake_case camelCase kebab-case SCREAMING_CASE dot.case path/to\\file C++ C# F# .NET",
      "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ all the punctuation, then words after it",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "  leading and trailing separators across a 32 byte block boundary here ...        ",
      "x y z x y z x y z x y z x y z x y z x y z x y z x y z x y z x y z x y z x y z x y z",
      "ASCII then caf\u00e9 then ASCII again, long enough to fill several thirty-two byte blocks",
  };
  for (const char* t : texts) {
    words.expect_same(t);
    chars.expect_same(t);
  }
}

// Random mixes of ASCII, other scripts, combining marks, format characters
// and invalid UTF-8, at every alignment against the 32-byte blocks.
TEST(MinHashShingler, FastPathsAgreeWithGeneralPathOnRandomMixes) {
  const std::vector<std::string> pieces = {
      "a", "Z", "7", " ", "  ", "\n", ".", "'", "-", "_", "@", "/", "http://x.org/a?b=1", "user@mail.com",
      "don't", "3.14", "abcdefghijklmnopqrstuvwxyz0123456789", "\u00e9", "\u00c9", "\u00df", "\u0130", "\u03a3",
      "\u044f", "\u042f", "\u4e2d", "\u65e5\u672c", "\u0e44\u0e17\u0e22", "\ud55c", "\u0301", "\u00ad", "\u200b",
      "\ufeff", "\u2014", "\xff", "\xc3", "\xe2\x82", "\U0001F600", "\U00010400", "\uff21", "\u1e00", "\u0645",
      "\u0915\u094d", "\u023a\u023a\u023a"};  // the last grows from 2 to 3 bytes lowercased
  std::mt19937 rng(7);
  ThreePaths words(ShingleKind::kWord, 3), chars(ShingleKind::kChar, 3);
  for (int it = 0; it < 20000; ++it) {
    std::string t;
    const bool ascii_only = it % 2 == 0;
    for (int j = static_cast<int>(rng() % 60); j > 0; --j) {
      size_t k = rng() % pieces.size();
      while (ascii_only && static_cast<unsigned char>(pieces[k][0]) >= 0x80) k = rng() % pieces.size();
      t += pieces[k];
    }
    words.expect_same(t);
    chars.expect_same(t);
  }
}

TEST(MinHashDatasketch, PermutationsMatchNumpyRandomState) {
  // datasketch.MinHash(num_perm=3, seed=1, scheme="legacy").permutations
  std::vector<uint64_t> a, b;
  datasketch_permutations(1, 3, a, b);
  EXPECT_EQ(a, (std::vector<uint64_t>{775169054918279404ull, 2109959069025162ull, 401325382989534145ull}));
  EXPECT_EQ(b, (std::vector<uint64_t>{1758426461858698312ull, 965365488286768773ull, 1703346441743126657ull}));
}

TEST(MinHashDatasketch, Sha1Hash32) {
  // struct.unpack("<I", hashlib.sha1(b"hello world").digest()[:4])[0]
  EXPECT_EQ(datasketch_sha1_hash32("hello world"), 896314922u);
}

// Signatures of real documents, exactly as datasketch computed them
// (tests/minhash/signatures.jsonl from benchmarks/minhash/make_reference.py).
TEST(MinHashDatasketch, SignaturesIdenticalToDatasketch) {
  auto text = read_whole_input(std::string(DPK_SOURCE_DIR) + "/tests/minhash/signatures.jsonl");
  ASSERT_TRUE(text.ok());
  MinHashConfig cfg;
  cfg.scheme = HashScheme::kDatasketch;
  MinHasher hasher(cfg);
  DocumentParser parser;
  Schema schema;
  Document doc;
  std::string err, hex, line;
  std::vector<uint32_t> sig(112);
  std::string_view rest = *text;
  int checked = 0;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    line.assign(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    const size_t len = line.size();
    line.append(DocumentParser::kPadding, ' ');
    ASSERT_TRUE(parser.parse(std::string_view(line.data(), len), line.size(), schema, doc, err)) << err;
    ASSERT_TRUE(doc.get_string("sig", hex));
    hasher.signature(doc.text(), sig.data());
    std::string mine;
    char buf[9];
    for (uint32_t v : sig) {
      std::snprintf(buf, sizeof buf, "%08x", v);
      mine += buf;
    }
    EXPECT_EQ(mine, hex) << "document " << doc.id();
    ++checked;
  }
  EXPECT_GE(checked, 20);
}

TEST(MinHashXxh3, EstimatesJaccard) {
  MinHashConfig cfg;
  cfg.num_perm = 1024;
  MinHasher hasher(cfg);
  // Two sets of 1000 hashed tokens sharing 600: Jaccard 600/1400.
  std::mt19937_64 rng(5);
  std::vector<uint64_t> x(1000), y(1000);
  for (auto& v : x) v = rng();
  for (size_t i = 0; i < 600; ++i) y[i] = x[i];
  for (size_t i = 600; i < 1000; ++i) y[i] = rng();
  std::vector<uint32_t> sx(1024), sy(1024);
  hasher.signature_of_hashes(x.data(), x.size(), sx.data());
  hasher.signature_of_hashes(y.data(), y.size(), sy.data());
  const double j = 600.0 / 1400.0;
  EXPECT_NEAR(estimated_jaccard(sx.data(), sy.data(), 1024), j, 4 * std::sqrt(j * (1 - j) / 1024));
}

TEST(MinHashConfig, OptimalParamsMatchDatasketch) {
  // datasketch.lsh._optimal_param(t, n, 0.5, 0.5)
  EXPECT_EQ(optimal_lsh_params(0.8, 112), (std::pair<int, int>{9, 12}));
  EXPECT_EQ(optimal_lsh_params(0.5, 112), (std::pair<int, int>{22, 5}));
  EXPECT_EQ(optimal_lsh_params(0.7, 128), (std::pair<int, int>{14, 9}));
  EXPECT_EQ(optimal_lsh_params(0.9, 128), (std::pair<int, int>{5, 25}));
}

TEST(MinHashClusters, SmallestItemIsRoot) {
  std::vector<Edge> edges = {{50, 20}, {20, 70}, {90, 80}};
  auto c = cluster_items(edges);
  std::vector<Edge> want = {{20, 20}, {50, 20}, {70, 20}, {80, 80}, {90, 80}};
  EXPECT_EQ(c, want);
  std::vector<BandEntry> entries = {{7, 3}, {7, 1}, {9, 2}, {7, 5}, {9, 4}, {1, 6}};
  std::vector<Edge> out;
  bucket_edges(entries, nullptr, out);
  EXPECT_EQ(out, (std::vector<Edge>{{1, 3}, {1, 5}, {2, 4}}));
  out.clear();
  bucket_edges(entries, [](uint64_t a, uint64_t b) { return a + b == 8; }, out);
  EXPECT_EQ(out, (std::vector<Edge>{{3, 5}}));
}

}  // namespace
}  // namespace dpk

namespace dpk {
namespace {

TEST(MinHashXxh3, KernelsAgree) {
  // Permutation counts that take every block size of the vector kernels
  // (56, 32, 8 and the scalar tail), and key counts down to none.
  for (size_t perms : {112u, 128u, 200u, 13u, 8u}) {
    for (size_t keys : {1000u, 1u, 0u}) {
      std::mt19937_64 rng(9 + perms);
      std::vector<uint64_t> a(perms), b(perms);
      for (auto& v : a) v = rng();
      for (auto& v : b) v = rng();
      std::vector<uint32_t> x(keys);
      for (auto& v : x) v = static_cast<uint32_t>(rng());
      std::vector<uint32_t> want(perms), got(perms);
      multiply_shift_min(MinHashKernel::kScalar, a.data(), b.data(), perms, x.data(), x.size(), want.data());
      if (keys == 0) {
        EXPECT_EQ(want, std::vector<uint32_t>(perms, 0xFFFFFFFFu));
      }
      for (auto k : {MinHashKernel::kAvx2, MinHashKernel::kAvx512}) {
        if (static_cast<int>(k) > static_cast<int>(best_minhash_kernel())) continue;  // not on this CPU
        multiply_shift_min(k, a.data(), b.data(), perms, x.data(), x.size(), got.data());
        EXPECT_EQ(got, want) << "kernel " << static_cast<int>(k) << ", " << perms << " permutations, " << keys
                             << " keys";
      }
    }
  }
}

}  // namespace
}  // namespace dpk

namespace dpk {
namespace {

// With the default xxh3 scheme, the estimated Jaccard of each reference pair
// (tests/minhash/pairs.tsv: datasketch's estimate and the exact value) must
// be within the statistical error of a 112-value MinHash.
TEST(MinHashXxh3, PairJaccardWithinErrorOfDatasketch) {
  const std::string dir = std::string(DPK_SOURCE_DIR) + "/tests/minhash/";
  auto set = read_whole_input(dir + "conformance-set.jsonl.zst");
  auto pairs = read_whole_input(dir + "pairs.tsv");
  ASSERT_TRUE(set.ok() && pairs.ok());
  std::map<std::string, std::string> text_by_id;
  DocumentParser parser;
  Schema schema;
  Document doc;
  std::string err, line;
  std::string_view rest = *set;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    line.assign(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    const size_t len = line.size();
    line.append(DocumentParser::kPadding, ' ');
    ASSERT_TRUE(parser.parse(std::string_view(line.data(), len), line.size(), schema, doc, err)) << err;
    text_by_id[std::string(doc.id())] = std::string(doc.text());
  }
  MinHashConfig cfg;
  MinHasher hasher(cfg);
  std::vector<uint32_t> sa(112), sb(112);
  std::istringstream in(*pairs);
  std::string ida, idb;
  double ds, exact, sum_abs = 0;
  int n = 0;
  while (in >> ida >> idb >> ds >> exact) {
    ASSERT_TRUE(text_by_id.count(ida) && text_by_id.count(idb));
    hasher.signature(text_by_id[ida], sa.data());
    hasher.signature(text_by_id[idb], sb.data());
    const double mine = estimated_jaccard(sa.data(), sb.data(), 112);
    const double sd = std::sqrt(std::max(exact * (1 - exact), 0.01) / 112);
    EXPECT_LE(std::fabs(mine - exact), 4.5 * sd + 1.0 / 112) << ida << " " << idb << " exact " << exact;
    EXPECT_LE(std::fabs(mine - ds), 4.5 * std::sqrt(2.0) * sd + 1.0 / 112) << ida << " " << idb << " datasketch " << ds;
    sum_abs += std::fabs(mine - exact);
    ++n;
  }
  EXPECT_GE(n, 250);
  // Unbiased on average: the mean error stays near sqrt(2/pi) * sd.
  EXPECT_LT(sum_abs / n, 0.05);
}

}  // namespace
}  // namespace dpk
