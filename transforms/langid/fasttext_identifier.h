// fasttext_identifier.h — the fastText backend of dpk-langid: lid.176
// (.bin or the quantized .ftz) and other supervised fastText language-ID
// models such as GlotLID, read with libfasttext.
//
// It gives the same labels and scores as the Python `fasttext` package's
// `model.predict(text.replace("\n", " "), k)`: newlines become spaces, one
// newline is appended (so the end-of-sentence token counts, as it does
// there), and "__label__" is taken off each label. Scores are the model's
// probabilities (float32); labels under fastText's 1e-5 floor are left out.
//
//   auto model = dpk::FastTextModel::load("lid.176.ftz");
//   if (!model.ok()) return model.status();
//   auto id = dpk::make_fasttext_identifier(*model);
#pragma once

#include <memory>
#include <string>

#include "dpk/status.h"
#include "language_identifier.h"

namespace fasttext {
class FastText;
}

namespace dpk {

class FastTextFeatures;
class FastTextPredictor;

// A loaded model, shared read-only by every worker's identifier.
class FastTextModel {
 public:
  static StatusOr<std::shared_ptr<const FastTextModel>> load(const std::string& path);
  ~FastTextModel();
  const fasttext::FastText& model() const { return *model_; }
  // Label i without its "__label__" prefix.
  std::string_view label(int32_t i) const { return labels_[static_cast<size_t>(i)]; }
  int32_t label_count() const { return static_cast<int32_t>(labels_.size()); }
  const std::string& path() const { return path_; }
  const FastTextFeatures& features() const { return *features_; }
  const FastTextPredictor& predictor() const { return *predictor_; }

 private:
  std::unique_ptr<fasttext::FastText> model_;
  std::unique_ptr<FastTextFeatures> features_;
  std::unique_ptr<FastTextPredictor> predictor_;
  std::vector<std::string> labels_;
  std::string path_;
};

std::unique_ptr<LanguageIdentifier> make_fasttext_identifier(std::shared_ptr<const FastTextModel> model);

}  // namespace dpk
