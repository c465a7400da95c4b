#include "fasttext_identifier.h"

#include <fasttext/fasttext.h>

#include "fasttext_features.h"
#include "fasttext_predictor.h"

#include <cmath>
#include <filesystem>

namespace dpk {
namespace {

constexpr std::string_view kLabelPrefix = "__label__";

class FastTextIdentifier final : public LanguageIdentifier {
 public:
  explicit FastTextIdentifier(std::shared_ptr<const FastTextModel> model)
      : model_(std::move(model)), state_(model_->predictor().state()) {}

  void identify(std::string_view text, int k, std::vector<LanguageGuess>& out) override {
    out.clear();
    // What the Python binding is given: newlines replaced by spaces (it
    // refuses them), then the one newline it appends itself.
    line_.assign(text);
    for (char& c : line_) {
      if (c == '\n') c = ' ';
    }
    line_.push_back('\n');
    model_->features().rows(line_, words_, word_hashes_, scratch_, &word_rows_);
    predictions_.clear();
    model_->predictor().predict(words_, k, state_, predictions_);
    for (const auto& [log_prob, label] : predictions_) {
      out.push_back({model_->label(label), std::exp(log_prob)});
    }
  }

 private:
  std::shared_ptr<const FastTextModel> model_;
  std::string line_, scratch_;
  std::vector<int32_t> words_, word_hashes_;
  FastTextWordRows word_rows_;
  FastTextPredictor::State state_;
  fasttext::Predictions predictions_;
};

}  // namespace

FastTextModel::~FastTextModel() = default;

StatusOr<std::shared_ptr<const FastTextModel>> FastTextModel::load(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::Usage("fastText model not found: " + path);
  }
  auto m = std::make_shared<FastTextModel>();
  m->path_ = path;
  m->model_ = std::make_unique<fasttext::FastText>();
  try {
    m->model_->loadModel(path);
  } catch (const std::exception& e) {
    return Status::Usage("cannot load fastText model " + path + ": " + e.what());
  }
  if (m->model_->getArgs().model != fasttext::model_name::sup) {
    return Status::Usage("fastText model " + path + " is not a supervised (classification) model");
  }
  m->features_ = std::make_unique<FastTextFeatures>(*m->model_);
  m->predictor_ = std::make_unique<FastTextPredictor>(*m->model_);
  auto dict = m->model_->getDictionary();
  for (int32_t i = 0; i < dict->nlabels(); ++i) {
    std::string label = dict->getLabel(i);
    if (label.compare(0, kLabelPrefix.size(), kLabelPrefix) == 0) label.erase(0, kLabelPrefix.size());
    m->labels_.push_back(std::move(label));
  }
  return std::shared_ptr<const FastTextModel>(std::move(m));
}

std::unique_ptr<LanguageIdentifier> make_fasttext_identifier(std::shared_ptr<const FastTextModel> model) {
  return std::make_unique<FastTextIdentifier>(std::move(model));
}

}  // namespace dpk
