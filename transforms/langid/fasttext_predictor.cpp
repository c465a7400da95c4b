#include "fasttext_predictor.h"

#include <fasttext/densematrix.h>
#include <fasttext/loss.h>
#include <fasttext/model.h>

#include <stdexcept>

namespace dpk {
namespace {

// The model and its matrices are protected members of libfasttext's
// classes; pointers to members taken through derived classes read them.
struct FastTextAccess : fasttext::FastText {
  static const std::shared_ptr<fasttext::Model>& model(const fasttext::FastText& f) {
    return f.*(&FastTextAccess::model_);
  }
};
struct ModelAccess : fasttext::Model {
  static const std::shared_ptr<fasttext::Matrix>& input(const fasttext::Model& m) { return m.*(&ModelAccess::wi_); }
  static const std::shared_ptr<fasttext::Matrix>& output(const fasttext::Model& m) { return m.*(&ModelAccess::wo_); }
  static const std::shared_ptr<fasttext::Loss>& loss(const fasttext::Model& m) { return m.*(&ModelAccess::loss_); }
};

// hidden += row, element by element (the compiler vectorizes it; each
// element sees the same single float addition as libfasttext's loop).
template <int32_t kDim>
inline void add_row(float* __restrict hidden, const float* __restrict row, int32_t dim) {
  const int32_t n = kDim > 0 ? kDim : dim;
  for (int32_t j = 0; j < n; ++j) hidden[j] += row[j];
}

template <int32_t kDim>
void sum_rows(const float* rows, const std::vector<int32_t>& ids, float* hidden, int32_t dim) {
  for (int32_t id : ids) add_row<kDim>(hidden, rows + static_cast<int64_t>(id) * dim, dim);
}

}  // namespace

FastTextPredictor::FastTextPredictor(const fasttext::FastText& model) {
  model_ = FastTextAccess::model(model);
  if (!model_) throw std::invalid_argument("fastText model not loaded");
  const fasttext::Matrix& wi = *ModelAccess::input(*model_);
  dim_ = static_cast<int32_t>(wi.size(1));
  nlabels_ = model.getDictionary()->nlabels();
  output_rows_ = ModelAccess::output(*model_)->size(0);
  loss_ = ModelAccess::loss(*model_).get();
  if (const auto* dense = dynamic_cast<const fasttext::DenseMatrix*>(&wi)) {
    rows_ = dense->data();
    return;
  }
  // Row i decoded: addRowToVector on zeros leaves exactly the terms it adds.
  const int64_t n = wi.size(0);
  decoded_.resize(static_cast<size_t>(n) * static_cast<size_t>(dim_));
  fasttext::Vector v(dim_);
  for (int64_t i = 0; i < n; ++i) {
    v.zero();
    wi.addRowToVector(v, static_cast<int32_t>(i));
    std::copy(v.data(), v.data() + dim_, decoded_.begin() + i * dim_);
  }
  rows_ = decoded_.data();
}

void FastTextPredictor::predict(const std::vector<int32_t>& rows, int32_t k, State& state,
                                fasttext::Predictions& out) const {
  if (rows.empty()) return;  // FastText::predict
  // Model::predict.
  if (k == fasttext::Model::kUnlimitedPredictions) {
    k = static_cast<int32_t>(output_rows_);
  } else if (k <= 0) {
    throw std::invalid_argument("k needs to be 1 or higher!");
  }
  out.reserve(static_cast<size_t>(k) + 1);
  // Model::computeHidden.
  fasttext::Vector& hidden = state.hidden;
  hidden.zero();
  float* h = hidden.data();
  if (dim_ == 16) {
    sum_rows<16>(rows_, rows, h, dim_);
  } else {
    sum_rows<0>(rows_, rows, h, dim_);
  }
  hidden.mul(1.0 / static_cast<double>(rows.size()));
  loss_->predict(k, /*threshold=*/0.0f, out, state);
}

}  // namespace dpk
