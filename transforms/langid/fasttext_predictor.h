// fasttext_predictor.h — a fastText model's prediction from a line's input
// rows, as fasttext::FastText::predict computes it, bit for bit, faster.
//
// libfasttext averages the input rows of a line (Model::computeHidden), one
// virtual call per row; for a quantized (.ftz) model each call decodes the
// row from its product-quantizer codes again (ProductQuantizer::addcode).
// Here the rows are decoded once at load into one float array (a dense
// .bin model's own array is used in place), so averaging is a plain sum of
// float vectors. The sum runs in libfasttext's order with the same float
// operations (decoding gives alpha * centroid, the very value addcode adds),
// so the hidden vector, and thus every label and score, is identical; the
// model's own loss then turns it into labels (Loss::predict).
//
//   FastTextPredictor p(model);                // once per model
//   FastTextPredictor::State st = p.state();   // once per thread
//   p.predict(rows, k, st, predictions);       // as ft.predict(k, rows, predictions, 0)
#pragma once

#include <fasttext/fasttext.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace dpk {

class FastTextPredictor {
 public:
  explicit FastTextPredictor(const fasttext::FastText& model);

  using State = fasttext::Model::State;
  State state() const { return State(dim_, nlabels_, 0); }

  // Top `k` labels of the line whose input rows are `rows` (k = -1: all),
  // by falling probability, as log-probabilities; none when `rows` is empty.
  void predict(const std::vector<int32_t>& rows, int32_t k, State& state, fasttext::Predictions& out) const;

 private:
  std::vector<float> decoded_;  // quantized models: every input row, decoded
  const float* rows_ = nullptr;
  int32_t dim_ = 0;
  int32_t nlabels_ = 0;
  int64_t output_rows_ = 0;
  std::shared_ptr<fasttext::Model> model_;  // keeps the loss and matrices alive
  const fasttext::Loss* loss_ = nullptr;
};

}  // namespace dpk
