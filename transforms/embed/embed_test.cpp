// Unit tests of dpk-embed's parts that need no model (WordPiece on a tiny
// vocabulary, safetensors parsing, .npy output), and the conformance tests
// against fixtures made by benchmarks/rag/make_reference.py, which need the
// model package (scripts/install-models.sh) and skip, saying so, without it.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>
#include <cstring>
#include <fstream>

#include "../../tests/unit/test_util.h"
#include "bert_config.h"
#include "bert_cpu_kernels.h"
#include "bert_weights.h"
#include "dpk/byte_stream.h"
#include "encoder_backend.h"
#include "model_locator.h"
#include "safetensors_file.h"
#include "text_embedder.h"
#include "vector_file.h"
#include "wordpiece_tokenizer.h"

namespace dpk {
namespace {

using testing_util::ScratchDir;
using testing_util::write_file;

// A model folder with a vocabulary of a few words.
std::string tiny_vocab_dir(const ScratchDir& dir) {
  const char* vocab[] = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "un", "##aff", "##able", "hello", "world",
                         ",",     "!",     "$",     "cafe",  "##s",    "a",  "日",    "本",     "##x"};
  std::string v;
  for (const char* t : vocab) v += std::string(t) + "\n";
  write_file(dir.file("vocab.txt"), v);
  return dir.path().string();
}

std::vector<int32_t> encode(WordPieceTokenizer& t, std::string_view text, size_t max_len = 0) {
  std::vector<int32_t> ids;
  t.encode(text, max_len, ids);
  return ids;
}

TEST(WordPiece, GreedyLongestMatchWithContinuationPieces) {
  ScratchDir dir;
  auto t = WordPieceTokenizer::load(tiny_vocab_dir(dir));
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(encode(*t, "unaffable"), (std::vector<int32_t>{2, 5, 6, 7, 3}));
  // Lowercasing, accent stripping, punctuation split (ASCII symbols count).
  EXPECT_EQ(encode(*t, "Hello, WORLD! Café$"), (std::vector<int32_t>{2, 8, 10, 9, 11, 13, 12, 3}));
  // A word with no full cover is one [UNK]; so is a word over 100 characters.
  EXPECT_EQ(encode(*t, "unaffablez hello"), (std::vector<int32_t>{2, 1, 8, 3}));
  EXPECT_EQ(encode(*t, "a" + std::string(100, 'x') + " a"), (std::vector<int32_t>{2, 1, 15, 3}));
  // CJK ideographs are words by themselves; literal special tokens match.
  EXPECT_EQ(encode(*t, "日本[SEP]hello"), (std::vector<int32_t>{2, 16, 17, 3, 8, 3}));
  // Control characters vanish; truncation keeps [CLS] ... [SEP].
  EXPECT_EQ(encode(*t, "hel\x01lo world world", 4), (std::vector<int32_t>{2, 8, 9, 3}));
}

TEST(WordPiece, WordSpansPointIntoTheOriginalText) {
  ScratchDir dir;
  auto t = WordPieceTokenizer::load(tiny_vocab_dir(dir));
  ASSERT_TRUE(t.ok());
  const std::string text = "  Café, unaffable";
  std::vector<WordSpan> w;
  t->words(text, w);
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(text.substr(w[0].begin, w[0].end - w[0].begin), "Café");
  EXPECT_EQ(text.substr(w[1].begin, w[1].end - w[1].begin), ",");
  EXPECT_EQ(w[2].pieces, 3u);
  EXPECT_EQ(t->count(text), 5u);
}

TEST(Safetensors, ReadsHeaderAndTensorsAndRejectsBadOffsets) {
  ScratchDir dir;
  auto make = [&](const std::string& header, const std::string& data) {
    std::string f(8, '\0');
    for (int i = 0; i < 8; ++i) f[i] = static_cast<char>((header.size() >> (8 * i)) & 0xFF);
    write_file(dir.file("m.safetensors"), f + header + data);
    return SafetensorsFile::open(dir.file("m.safetensors"));
  };
  float vals[3] = {1.5f, -2.0f, 0.25f};
  std::string data(reinterpret_cast<const char*>(vals), sizeof vals);
  auto f = make(R"({"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}})", data);
  ASSERT_TRUE(f.ok()) << f.status().message();
  const TensorView* w = (*f)->find("w");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->shape, std::vector<int64_t>{3});
  float back[3];
  std::memcpy(back, w->data, 12);
  EXPECT_EQ(back[2], 0.25f);
  EXPECT_FALSE(make(R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,16]}})", data).ok());
  EXPECT_FALSE(make(R"({"w":)", data).ok());
}

TEST(VectorFile, WritesANpyMatrixAndIds) {
  ScratchDir dir;
  const std::string path = dir.file("v.npy");
  {
    auto f = VectorFile::create(path, 2);
    ASSERT_TRUE(f.ok());
    float a[4] = {1, 2, 3, 4};
    (*f)->append({"x", "y\"z"}, a);
    (*f)->append({"w"}, a + 2);
    ASSERT_TRUE((*f)->commit().ok());
  }
  const std::string npy = testing_util::read_file(path);
  ASSERT_EQ(npy.size(), 128u + 6 * 4);
  EXPECT_EQ(npy.substr(0, 6), "\x93NUMPY");
  EXPECT_NE(npy.find("'shape': (3, 2)"), std::string::npos);
  EXPECT_EQ(npy[127], '\n');
  float last;
  std::memcpy(&last, npy.data() + 128 + 5 * 4, 4);
  EXPECT_EQ(last, 4.0f);
  EXPECT_EQ(testing_util::read_file(path + ".ids.jsonl"), "{\"id\":\"x\"}\n{\"id\":\"y\\\"z\"}\n{\"id\":\"w\"}\n");
}

// A run that fails (or is killed) before commit() leaves no .npy under the
// final name, so no header can claim rows that are not there; only the
// temporaries were ever written, and they are removed.
TEST(VectorFile, NothingUnderTheFinalNameUntilCommit) {
  ScratchDir dir;
  const std::string path = dir.file("v.npy");
  {
    auto f = VectorFile::create(path, 2);
    ASSERT_TRUE(f.ok());
    float a[2] = {1, 2};
    (*f)->append({"x"}, a);
    EXPECT_FALSE(std::filesystem::exists(path)) << "written under its final name before commit";
    EXPECT_FALSE(std::filesystem::exists(VectorFile::ids_path(path)));
  }
  EXPECT_FALSE(std::filesystem::exists(path)) << "an uncommitted vectors file appeared";
  EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "temporaries left behind";
}

// --- CPU kernels against plain double-precision arithmetic ---

float bf16_to_float(uint16_t b) {
  const uint32_t u = static_cast<uint32_t>(b) << 16;
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

TEST(BertCpuKernels, Bf16RoundsToNearestEven) {
  const float in[] = {1.0f, -2.5f, 1.00390625f /* halfway: 1 + 2^-8 */, 1.01171875f /* halfway, odd below */,
                      3.14159265f, 0.0f};
  uint16_t out[6];
  to_bf16(in, 6, out);
  EXPECT_EQ(bf16_to_float(out[0]), 1.0f);
  EXPECT_EQ(bf16_to_float(out[1]), -2.5f);
  EXPECT_EQ(bf16_to_float(out[2]), 1.0f);          // ties go to the even mantissa
  EXPECT_EQ(bf16_to_float(out[3]), 1.015625f);     // 1 + 3*2^-8 rounds up to 1 + 4*2^-8
  EXPECT_NEAR(bf16_to_float(out[4]), 3.140625f, 1e-7);
  EXPECT_EQ(out[5], 0u);
}

TEST(BertCpuKernels, LayerNormWithResidualMatchesDoublePrecision) {
  const int h = 37;
  const size_t rows = 3;
  std::vector<float> x(rows * h), add(rows * h), g(h), b(h);
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = std::sin(0.37 * static_cast<double>(i)) * 3 + 1;
    add[i] = std::cos(0.11 * static_cast<double>(i));
  }
  for (int i = 0; i < h; ++i) {
    g[i] = 0.5f + 0.01f * i;
    b[i] = -0.2f + 0.03f * i;
  }
  std::vector<float> y = x;
  std::vector<uint16_t> y16(rows * h);
  add_layer_norm(y.data(), add.data(), rows, h, g.data(), b.data(), 1e-12f, y16.data());
  for (size_t r = 0; r < rows; ++r) {
    double mean = 0, var = 0;
    for (int i = 0; i < h; ++i) mean += static_cast<double>(x[r * h + i]) + add[r * h + i];
    mean /= h;
    for (int i = 0; i < h; ++i) var += std::pow(static_cast<double>(x[r * h + i]) + add[r * h + i] - mean, 2);
    var /= h;
    for (int i = 0; i < h; ++i) {
      const double want = (static_cast<double>(x[r * h + i]) + add[r * h + i] - mean) / std::sqrt(var) * g[i] + b[i];
      EXPECT_NEAR(y[r * h + i], want, 1e-5);
      EXPECT_NEAR(bf16_to_float(y16[r * h + i]), want, std::abs(want) / 256 + 1e-6);
    }
  }
}

TEST(BertCpuKernels, AttentionMatchesDoublePrecisionPerSequence) {
  // Two packed sequences (3 and 5 tokens), hidden 8, 2 heads: each sequence
  // attends only to itself.
  const int hidden = 8, heads = 2, d = hidden / heads;
  const uint32_t offsets[] = {10, 13, 18};  // relative to offsets[0]
  const size_t rows = 8;
  std::vector<float> qkv(rows * 3 * hidden), ctx(rows * hidden, -1.0f);
  for (size_t i = 0; i < qkv.size(); ++i) qkv[i] = static_cast<float>(std::sin(1.3 * static_cast<double>(i)));
  SelfAttention att;
  att.run(qkv.data(), offsets, 2, hidden, heads, ctx.data(), 2);
  for (size_t s = 0; s < 2; ++s) {
    const size_t first = offsets[s] - offsets[0], len = offsets[s + 1] - offsets[s];
    for (int head = 0; head < heads; ++head) {
      for (size_t r = 0; r < len; ++r) {
        std::vector<double> p(len);
        double mx = -1e300, sum = 0;
        for (size_t j = 0; j < len; ++j) {
          double dot = 0;
          for (int c = 0; c < d; ++c) {
            dot += static_cast<double>(qkv[(first + r) * 3 * hidden + head * d + c]) *
                   qkv[(first + j) * 3 * hidden + hidden + head * d + c];
          }
          p[j] = dot / std::sqrt(static_cast<double>(d));
          mx = std::max(mx, p[j]);
        }
        for (auto& v : p) sum += v = std::exp(v - mx);
        for (int c = 0; c < d; ++c) {
          double want = 0;
          for (size_t j = 0; j < len; ++j) want += p[j] / sum * qkv[(first + j) * 3 * hidden + 2 * hidden + head * d + c];
          EXPECT_NEAR(ctx[(first + r) * hidden + head * d + c], want, 1e-5) << "seq " << s << " row " << r;
        }
      }
    }
  }
}

// --- conformance against the Hugging Face / sentence-transformers fixtures ---

std::string fixture(const char* name) { return std::string(DPK_SOURCE_DIR) + "/tests/rag/" + name; }

// The installed model folder, or "" (the caller skips).
std::string model_or_empty() {
  auto dir = locate_embedding_model("");
  return dir.ok() ? *dir : std::string();
}

#define DPK_REQUIRE_MODEL(dir)                                                                       \
  const std::string dir = model_or_empty();                                                          \
  if (dir.empty()) {                                                                                 \
    GTEST_SKIP() << "embedding model not installed: run scripts/install-models.sh (or set DPK_EMBED_MODEL)"; \
  }

struct Reference {
  std::vector<std::string> texts;
  std::vector<std::vector<double>> values;  // ids or embedding
};

Reference read_reference(const char* name, const char* key) {
  Reference r;
  auto whole = read_whole_input(fixture(name));
  EXPECT_TRUE(whole.ok()) << "fixture missing: " << fixture(name);
  if (!whole.ok()) return r;
  simdjson::dom::parser parser;
  simdjson::dom::document_stream docs;
  EXPECT_FALSE(parser.parse_many(*whole).get(docs));
  for (auto d : docs) {
    std::string_view text;
    simdjson::dom::array arr;
    if (d["text"].get(text) || d[key].get(arr)) {
      ADD_FAILURE() << "bad fixture record in " << name;
      continue;
    }
    r.texts.emplace_back(text);
    auto& v = r.values.emplace_back();
    for (auto x : arr) v.push_back(x.is_int64() ? static_cast<double>(int64_t(x)) : double(x));
  }
  return r;
}

TEST(EmbedConformance, TokenizerIdsMatchHuggingFace) {
  DPK_REQUIRE_MODEL(dir);
  auto tok = WordPieceTokenizer::load(dir);
  ASSERT_TRUE(tok.ok()) << tok.status().message();
  auto cfg = read_bert_config(dir);
  ASSERT_TRUE(cfg.ok());
  Reference ref = read_reference("tokenizer_reference.jsonl.zst", "ids");
  ASSERT_GE(ref.texts.size(), 2000u);
  size_t bad = 0;
  std::vector<int32_t> ids;
  for (size_t i = 0; i < ref.texts.size(); ++i) {
    tok->encode(ref.texts[i], static_cast<size_t>(cfg->max_seq_length), ids);
    std::vector<double> got(ids.begin(), ids.end());
    if (got != ref.values[i] && ++bad <= 5) ADD_FAILURE() << "token ids differ for: " << ref.texts[i];
  }
  EXPECT_EQ(bad, 0u) << "of " << ref.texts.size();
}

void expect_embeddings_match(EncoderBackend* backend_raw, const std::string& dir) {
  auto cfg = read_bert_config(dir);
  ASSERT_TRUE(cfg.ok()) << cfg.status().message();
  auto w = BertWeights::load(*cfg);
  ASSERT_TRUE(w.ok()) << w.status().message();
  auto tok = WordPieceTokenizer::load(dir);
  ASSERT_TRUE(tok.ok());
  std::unique_ptr<EncoderBackend> backend(backend_raw);
  if (!backend) backend = make_cpu_encoder(*w);
  const std::string name = backend->name();
  TextEmbedder e(std::move(tok.value()), std::move(backend), *cfg, 32);
  Reference ref = read_reference("embedding_reference.jsonl.zst", "embedding");
  ASSERT_GE(ref.texts.size(), 500u);
  std::vector<std::string_view> texts(ref.texts.begin(), ref.texts.end());
  std::vector<float> out;
  e.embed(texts, out);
  const size_t h = e.dim();
  double worst = 1;
  size_t worst_i = 0;
  for (size_t i = 0; i < texts.size(); ++i) {
    ASSERT_EQ(ref.values[i].size(), h);
    double dot = 0, a = 0, b = 0;
    for (size_t k = 0; k < h; ++k) {
      dot += out[i * h + k] * ref.values[i][k];
      a += static_cast<double>(out[i * h + k]) * out[i * h + k];
      b += ref.values[i][k] * ref.values[i][k];
    }
    const double cos = dot / std::sqrt(a * b);
    if (!(cos >= worst)) {
      worst = cos;
      worst_i = i;
    }
  }
  EXPECT_GE(worst, 0.999) << name << ": worst text: " << ref.texts[worst_i].substr(0, 200);
  std::printf("%s: %zu texts, lowest cosine similarity to sentence-transformers %.6f\n", name.c_str(), texts.size(), worst);
}

TEST(EmbedConformance, CpuEmbeddingsMatchSentenceTransformers) {
  DPK_REQUIRE_MODEL(dir);
  expect_embeddings_match(nullptr, dir);
}

TEST(EmbedConformance, CpuBf16EmbeddingsMatchSentenceTransformers) {
  if (!cpu_bf16_supported()) GTEST_SKIP() << "this CPU has no AVX512-BF16";
  DPK_REQUIRE_MODEL(dir);
  auto cfg = read_bert_config(dir);
  ASSERT_TRUE(cfg.ok());
  auto w = BertWeights::load(*cfg);
  ASSERT_TRUE(w.ok());
  expect_embeddings_match(make_cpu_encoder(*w, CpuPrecision::kBf16).release(), dir);
}

// A text's vector must not depend on the batch around it (packing, row
// padding of the bf16 path, attention confined to each sequence).
TEST(EmbedConformance, CpuVectorsDoNotDependOnTheBatch) {
  DPK_REQUIRE_MODEL(dir);
  auto cfg = read_bert_config(dir);
  ASSERT_TRUE(cfg.ok());
  auto w = BertWeights::load(*cfg);
  ASSERT_TRUE(w.ok());
  std::vector<CpuPrecision> precisions = {CpuPrecision::kFp32};
  if (cpu_bf16_supported()) precisions.push_back(CpuPrecision::kBf16);
  const std::vector<std::string_view> texts = {
      "A short one.", "The quick brown fox jumps over the lazy dog, twice, and then sleeps in the afternoon sun.",
      "Retrieval augmented generation needs chunks of text and their embeddings.", "x"};
  for (CpuPrecision p : precisions) {
    auto tok = WordPieceTokenizer::load(dir);
    ASSERT_TRUE(tok.ok());
    TextEmbedder all(*tok, make_cpu_encoder(*w, p), *cfg, 32);
    TextEmbedder one(*tok, make_cpu_encoder(*w, p), *cfg, 1);
    std::vector<float> together, alone;
    all.embed(texts, together);
    const size_t h = all.dim();
    for (size_t i = 0; i < texts.size(); ++i) {
      one.embed({texts[i]}, alone);
      double dot = 0, a = 0, b = 0;
      for (size_t k = 0; k < h; ++k) {
        dot += static_cast<double>(together[i * h + k]) * alone[k];
        a += static_cast<double>(together[i * h + k]) * together[i * h + k];
        b += static_cast<double>(alone[k]) * alone[k];
      }
      EXPECT_GT(dot / std::sqrt(a * b), 0.99999) << "text " << i << (p == CpuPrecision::kBf16 ? " bf16" : " fp32");
    }
  }
}

TEST(EmbedConformance, CudaEmbeddingsMatchSentenceTransformers) {
  if (!cuda_built()) GTEST_SKIP() << "built without CUDA";
  if (cuda_device_count() <= 0) GTEST_SKIP() << "no CUDA device";
  DPK_REQUIRE_MODEL(dir);
  auto cfg = read_bert_config(dir);
  ASSERT_TRUE(cfg.ok());
  auto w = BertWeights::load(*cfg);
  ASSERT_TRUE(w.ok());
  for (GpuPrecision p : {GpuPrecision::kFp32, GpuPrecision::kFp16, GpuPrecision::kBf16}) {
    auto g = make_cuda_encoder(*w, p);
    if (!g.ok() && p == GpuPrecision::kBf16) continue;  // a GPU older than compute capability 8
    ASSERT_TRUE(g.ok()) << g.status().message();
    SCOPED_TRACE(g.value()->name());
    expect_embeddings_match(g.value().release(), dir);
  }
}

}  // namespace
}  // namespace dpk
