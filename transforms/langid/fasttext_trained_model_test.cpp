// The fastText backend on models trained here, so the tests run without an
// installed model and cover what lid.176.ftz does not: an unquantized model,
// softmax loss, word bigrams, GlotLID-style labels ("deu_Latn"), and a
// quantized model with pruned n-gram buckets.
#include <gtest/gtest.h>

#include <fasttext/fasttext.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <unistd.h>
#include <string>

#include "dpk/document_parser.h"
#include "dpk/json_text.h"
#include "dpk/transform.h"
#include "fasttext_features.h"
#include "fasttext_identifier.h"
#include "fasttext_predictor.h"
#include "../../tests/unit/test_util.h"

namespace dpk {
namespace {

namespace fs = std::filesystem;

struct TrainedModels {
  std::string bin, ftz;
  std::vector<std::string> texts;  // training and held-out sentences
};

// Trains once: 6 languages x 120 labelled sentences. The models are kept in
// the test temp folder (named by this training's version), so the other test
// processes load them instead of training again; written under a temporary
// name and renamed, so parallel test processes never see half a file.
const TrainedModels& models() {
  static const TrainedModels m = [] {
    TrainedModels t;
    const fs::path dir = fs::path(testing::TempDir()) / "dpk_langid_fasttext_v1";
    fs::create_directories(dir);
    const std::map<std::string, std::string> labels = {{"de", "deu_Latn"}, {"en", "eng_Latn"}, {"fr", "fra_Latn"},
                                                       {"ru", "rus_Cyrl"}, {"pl", "pol_Latn"}, {"el", "ell_Grek"}};
    const std::vector<std::string> lines = testing_util::testdata_lines("langid/sentences.jsonl.zst");
    if (lines.empty()) return t;
    const std::string unique = std::to_string(::getpid());
    const fs::path train_path = dir / ("train.txt" + unique);
    std::ofstream train(train_path);
    std::map<std::string, int> taken;
    DocumentParser parser;
    Schema schema;
    std::string lang, error;
    for (const std::string& line : lines) {
      std::string buf = line + std::string(DocumentParser::kPadding, ' ');
      Document d;
      if (!parser.parse(std::string_view(buf.data(), line.size()), buf.size(), schema, d, error)) continue;
      if (!d.get_string("lang", lang) || labels.count(lang) == 0 || taken[lang]++ >= 150) continue;
      std::string text(d.text());
      for (char& c : text) c = c == '\n' ? ' ' : c;
      if (taken[lang] <= 120) train << "__label__" << labels.at(lang) << ' ' << text << '\n';
      t.texts.push_back(text);
    }
    train.close();
    t.bin = (dir / "tiny.bin").string();
    t.ftz = (dir / "tiny.ftz").string();
    if (fs::exists(t.bin) && fs::exists(t.ftz)) {
      fs::remove(train_path);
      return t;
    }
    fasttext::Args a;
    a.input = train_path.string();
    a.model = fasttext::model_name::sup;
    a.loss = fasttext::loss_name::softmax;
    a.minCount = 1;
    a.minn = 2;
    a.maxn = 4;
    a.bucket = 50000;
    a.dim = 8;
    a.epoch = 25;
    a.lr = 0.5;
    a.wordNgrams = 2;
    a.thread = 1;
    a.verbose = 0;
    a.seed = 7;
    fasttext::FastText ft;
    ft.train(a);
    ft.saveModel(t.bin + unique);
    fasttext::Args q = a;
    q.cutoff = 3000;  // keep 3,000 rows: the n-gram buckets get pruned
    q.dsub = 2;
    q.qnorm = true;
    q.retrain = false;
    ft.quantize(q);
    ft.saveModel(t.ftz + unique);
    fs::rename(t.bin + unique, t.bin);
    fs::rename(t.ftz + unique, t.ftz);
    fs::remove(train_path);
    return t;
  }();
  return m;
}

void expect_rows_equal_getline(const std::string& path) {
  auto model = FastTextModel::load(path);
  ASSERT_TRUE(model.ok()) << model.status().message();
  const auto& texts = models().texts;
  ASSERT_GT(texts.size(), 500u);
  std::vector<int32_t> ours, hashes, theirs;
  std::string scratch;
  for (std::string t : texts) {
    t.push_back('\n');
    (*model)->features().rows(t, ours, hashes, scratch);
    fasttext_getline_rows((*model)->model(), t, theirs);
    ASSERT_EQ(ours, theirs) << t;
  }
  // Tokens that are not in the training data at all, labels, odd spacing.
  for (std::string t : {"zzqx unseenword \xce\xb1\xce\xb2\xce\xb3\xce\xb4\n", "__label__eng_Latn Hallo\n", "\n",
                        "  \t a \v b \f c \r d\n"}) {
    (*model)->features().rows(t, ours, hashes, scratch);
    fasttext_getline_rows((*model)->model(), t, theirs);
    ASSERT_EQ(ours, theirs) << t;
  }
}

TEST(LangIdFastTextTrained, RowsEqualGetLineOnUnquantizedModel) {
  if (models().bin.empty()) FAIL() << "test data missing: testdata/langid/sentences.jsonl.zst";
  expect_rows_equal_getline(models().bin);
}

TEST(LangIdFastTextTrained, RowsEqualGetLineOnQuantizedPrunedModel) {
  if (models().ftz.empty()) FAIL() << "test data missing: testdata/langid/sentences.jsonl.zst";
  expect_rows_equal_getline(models().ftz);
}

TEST(LangIdFastTextTrained, LabelsAndScoresEqualPredictLine) {
  if (models().bin.empty()) FAIL() << "test data missing: testdata/langid/sentences.jsonl.zst";
  for (const std::string& path : {models().bin, models().ftz}) {
    auto model = FastTextModel::load(path);
    ASSERT_TRUE(model.ok()) << model.status().message();
    auto id = make_fasttext_identifier(*model);
    std::vector<LanguageGuess> g;
    std::vector<std::pair<fasttext::real, std::string>> ref;
    for (const std::string& t : models().texts) {
      id->identify(t, 3, g);
      std::istringstream in(t + "\n");
      (*model)->model().predictLine(in, ref, 3, 0.0f);
      ASSERT_EQ(g.size(), ref.size()) << t;
      for (size_t i = 0; i < g.size(); ++i) {
        EXPECT_EQ("__label__" + std::string(g[i].label), ref[i].second) << t;
        EXPECT_NEAR(g[i].score, ref[i].first, 1e-6) << t;
      }
    }
  }
}

// The word cache gives the rows computing them gives: each text twice, so
// the second pass reads every out-of-vocabulary word from the cache.
TEST(LangIdFastTextTrained, CachedWordRowsEqualComputedRows) {
  if (models().ftz.empty()) FAIL() << "test data missing: testdata/langid/sentences.jsonl.zst";
  auto model = FastTextModel::load(models().ftz);
  ASSERT_TRUE(model.ok()) << model.status().message();
  FastTextWordRows cache;
  std::vector<int32_t> cached, computed, hashes;
  std::string scratch;
  for (int pass = 0; pass < 2; ++pass) {
    for (std::string t : models().texts) {
      t.push_back('\n');
      (*model)->features().rows(t, cached, hashes, scratch, &cache);
      (*model)->features().rows(t, computed, hashes, scratch);
      ASSERT_EQ(cached, computed) << t;
    }
  }
}

// FastTextPredictor's log-probabilities are libfasttext's, to the bit, on
// the dense and on the quantized model, for every label (k = -1) and top 2.
TEST(LangIdFastTextTrained, PredictorEqualsLibfasttextPredictExactly) {
  if (models().bin.empty()) FAIL() << "test data missing: testdata/langid/sentences.jsonl.zst";
  for (const std::string& path : {models().bin, models().ftz}) {
    auto model = FastTextModel::load(path);
    ASSERT_TRUE(model.ok()) << model.status().message();
    const FastTextPredictor& p = (*model)->predictor();
    FastTextPredictor::State state = p.state();
    std::vector<int32_t> rows, hashes;
    std::string scratch;
    fasttext::Predictions ours, theirs;
    for (std::string t : models().texts) {
      t.push_back('\n');
      (*model)->features().rows(t, rows, hashes, scratch);
      for (int32_t k : {-1, 2}) {
        ours.clear();
        theirs.clear();
        p.predict(rows, k, state, ours);
        (*model)->model().predict(k, rows, theirs, 0.0f);
        ASSERT_EQ(ours, theirs) << path << ": " << t;
      }
    }
  }
}

TEST(LangIdFastTextTrained, GlotLidStyleLabelsThroughTheTransform) {
  if (models().bin.empty()) FAIL() << "test data missing: testdata/langid/sentences.jsonl.zst";
  const TransformSpec* spec = find_transform("langid");
  OptionValues v;
  v.set("backend", "fasttext");
  v.set("model", models().bin);
  v.set("langs", "deu_Latn");
  ASSERT_TRUE(validate_options(spec->options, v, "").ok());
  auto step = spec->configure(v, StepContext{});
  ASSERT_TRUE(step.ok()) << step.status().message();
  auto t = step->make();
  DocumentParser parser;
  Schema schema;
  int kept = 0, dropped = 0;
  // A German and an English training sentence (the set is in language
  // order: de, el, en, ... with 150 sentences each).
  std::vector<std::string> lines;
  for (size_t i : {size_t{0}, size_t{300}}) {
    std::string line = "{\"text\":";
    append_json_string(line, models().texts.at(i));
    lines.push_back(line + "}");
  }
  for (const std::string& line : lines) {
    std::string buf = line + std::string(DocumentParser::kPadding, ' ');
    Document d;
    std::string error, lang;
    ASSERT_TRUE(parser.parse(std::string_view(buf.data(), line.size()), buf.size(), schema, d, error));
    static_cast<DocumentTransform&>(*t).apply(d);
    ASSERT_TRUE(d.get_string("lang", lang));
    EXPECT_EQ(lang, kept + dropped == 0 ? "deu_Latn" : "eng_Latn");
    (d.dropped() ? dropped : kept)++;
    if (d.dropped()) {
      EXPECT_EQ(d.drop_reason(), "lang");
    }
  }
  EXPECT_EQ(kept, 1);
  EXPECT_EQ(dropped, 1);
}

TEST(LangIdFastTextTrained, NonClassifierModelIsRefused) {
  const fs::path p = fs::path(testing::TempDir()) / "dpk_langid_not_a_model.bin";
  std::ofstream(p) << "this is not a fastText model";
  auto model = FastTextModel::load(p.string());
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), StatusCode::kUsage);
}

}  // namespace
}  // namespace dpk
