// Unit tests of dpk-embed's parts that need no model (WordPiece on a tiny
// vocabulary, safetensors parsing, .npy output), and the conformance tests
// against fixtures made by benchmarks/rag/make_reference.py, which need the
// model package (scripts/install-models.sh) and skip, saying so, without it.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>
#include <fstream>

#include "../../tests/unit/test_util.h"
#include "bert_config.h"
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

TEST(EmbedConformance, CudaEmbeddingsMatchSentenceTransformers) {
  if (!cuda_built()) GTEST_SKIP() << "built without CUDA";
  if (cuda_device_count() <= 0) GTEST_SKIP() << "no CUDA device";
  DPK_REQUIRE_MODEL(dir);
  auto cfg = read_bert_config(dir);
  ASSERT_TRUE(cfg.ok());
  auto w = BertWeights::load(*cfg);
  ASSERT_TRUE(w.ok());
  auto g = make_cuda_encoder(*w);
  ASSERT_TRUE(g.ok()) << g.status().message();
  expect_embeddings_match(g.value().release(), dir);
}

}  // namespace
}  // namespace dpk
