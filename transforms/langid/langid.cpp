// langid — language identification: annotates each document with its
// language and a score, and with --langs / --min-score drops the others.
#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "cld2_identifier.h"
#include "dpk/json_text.h"
#include "dpk/transform.h"
#include "fasttext_identifier.h"
#include "model_locator.h"

namespace dpk {
namespace {

// Drop reasons (static: counted after the step returns).
constexpr std::string_view kDropLanguage = "lang";
constexpr std::string_view kDropScore = "lang:min_score";

struct LangIdConfig {
  std::vector<std::string> keep;
  double min_score = 0;
  int top_k = 0;  // 0: no lang_scores field
  size_t max_chars = 0;
};

// A float32 score in its shortest round-trip form ("0.9876", not
// "0.98760002851486206"), as the models compute in float32.
void append_score(std::string& out, float score) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, score);
  out.append(buf, r.ptr);
}

class LangIdTransform final : public DocumentTransform {
 public:
  LangIdTransform(std::unique_ptr<LanguageIdentifier> identifier, const LangIdConfig& config)
      : identifier_(std::move(identifier)), config_(config) {}

  void apply(Document& doc) override {
    const std::string_view text = prefix_of_code_points(doc.text(), config_.max_chars);
    identifier_->identify(text, std::max(1, config_.top_k), guesses_);
    const std::string_view label = guesses_.empty() ? std::string_view("un") : guesses_[0].label;
    const float score = guesses_.empty() ? 0.0f : guesses_[0].score;
    doc.set_string("lang", label);
    scratch_.clear();
    append_score(scratch_, score);
    doc.set_raw("lang_score", scratch_);
    if (config_.top_k > 0) {
      scratch_.assign("{");
      for (size_t i = 0; i < guesses_.size(); ++i) {
        if (i > 0) scratch_.push_back(',');
        append_json_string(scratch_, guesses_[i].label);
        scratch_.push_back(':');
        append_score(scratch_, guesses_[i].score);
      }
      scratch_.push_back('}');
      doc.set_raw("lang_scores", scratch_);
    }
    if (!config_.keep.empty() &&
        std::find(config_.keep.begin(), config_.keep.end(), label) == config_.keep.end()) {
      doc.drop(kDropLanguage);
    } else if (score < config_.min_score) {
      doc.drop(kDropScore);
    }
  }

 private:
  std::unique_ptr<LanguageIdentifier> identifier_;
  LangIdConfig config_;
  std::vector<LanguageGuess> guesses_;
  std::string scratch_;
};

StatusOr<ConfiguredStep> configure(const OptionValues& v, const StepContext&) {
  LangIdConfig config;
  config.keep = v.get_list("langs");
  config.min_score = v.get_double("min-score");
  const int64_t top_k = v.get_int("top-k");
  const int64_t max_chars = v.get_int("prefix-chars");
  if (top_k < 0 || top_k > 1000) return Status::Usage("--top-k must be between 0 and 1000");
  if (max_chars < 0) return Status::Usage("--prefix-chars must be 0 (no limit) or more");
  if (config.min_score < 0 || config.min_score > 1) return Status::Usage("--min-score must be between 0 and 1");
  config.top_k = static_cast<int>(top_k);
  config.max_chars = static_cast<size_t>(max_chars);

  std::string filter;
  if (!config.keep.empty()) {
    filter = ", keeping";
    for (const auto& l : config.keep) filter += " " + l;
  }
  if (config.min_score > 0) {
    filter += ", min score ";
    append_json_number(filter, config.min_score);
  }

  ConfiguredStep c;
  if (v.get_string("backend") == "cld2") {
    if (!v.get_string("model").empty()) return Status::Usage("--model is for --backend fasttext; cld2 has its tables built in");
    c.make = [config]() { return std::make_unique<LangIdTransform>(make_cld2_identifier(), config); };
    c.explain = "CLD2" + filter;
    return c;
  }
  std::string path = v.get_string("model");
  if (path.empty()) {
    std::vector<std::string> tried;
    std::optional<std::string> found = locate_fasttext_model(tried);
    if (!found) {
      std::string where;
      for (const auto& t : tried) where += "\n  " + t;
      return Status::Usage(
          "--backend fasttext needs a model: give --model FILE, set DPK_LANGID_MODEL, or run "
          "scripts/install-models.sh (installs lid.176.ftz into the repository's .venv/). Looked in:" +
          where);
    }
    path = *found;
  }
  auto model = FastTextModel::load(path);
  if (!model.ok()) {
    const char* env = std::getenv("DPK_LANGID_MODEL");
    if (v.get_string("model").empty() && env != nullptr && path == env) {
      return Status(model.status().code(), model.status().message() + " (from $DPK_LANGID_MODEL)");
    }
    return model.status();
  }
  std::shared_ptr<const FastTextModel> shared = *model;
  c.make = [config, shared]() {
    return std::make_unique<LangIdTransform>(make_fasttext_identifier(shared), config);
  };
  c.explain = "fastText " + path + filter;
  c.model_files = {path};
  return c;
}

}  // namespace

const TransformSpec& dpk_transform_langid() {
  static const TransformSpec spec{
      "langid",
      TransformKind::kAnnotator,
      "Identify each document's language; optionally keep only some languages.",
      "Adds `lang` (a language label) and `lang_score` (its score, 0 to 1) to every document, and "
      "with --top-k K a `lang_scores` object of the K best labels and their scores.\n\n"
      "--backend cld2 (the default) uses CLD2 with its full tables built in: no model file, labels "
      "are ISO 639-1 codes where one exists (\"en\", \"zh-Hant\"), the score is the share of the "
      "text in that language, and 0 when CLD2 calls its answer unreliable. --backend fasttext uses "
      "a fastText language-ID model (lid.176.bin or .ftz, GlotLID); labels are the model's labels "
      "without \"__label__\" and scores are its probabilities, the same as the Python fasttext "
      "package's model.predict on the text with newlines replaced by spaces. The model is --model "
      "FILE, else $DPK_LANGID_MODEL, else the lid.176.ftz that scripts/install-models.sh installs "
      "into the repository's .venv/.\n\n"
      "With --langs, documents whose language is not listed are dropped (reason \"lang\"); with "
      "--min-score, documents whose score is below it are dropped (reason \"lang:min_score\"). "
      "Dropped documents carry their annotations to --keep-dropped.",
      {
          {"backend", OptionType::kChoice, "cld2", "Language identifier to use.", "cld2|fasttext"},
          {"model", OptionType::kString, "", "fastText model file (--backend fasttext).", {}, 0, "FILE"},
          renamed("keep", {"langs", OptionType::kList, "", "Keep only documents in these languages (labels as the backend gives them, e.g. en,de or eng_Latn).", {}, 0, "LANGS"}),
          {"min-score", OptionType::kDouble, "0", "Drop documents whose lang_score is below this.", {}, 0, "X", 0, 1},
          {"top-k", OptionType::kInt, "0", "Also write lang_scores with the K best labels (cld2 gives at most 3).", {}, 0, "K", 0},
          renamed("max-chars", {"prefix-chars", OptionType::kInt, "10000",
           "Only the first N characters (code points) of the text go to the identifier; 0 = all. "
           "Bounds the time per document; language rarely changes past the start.", {}, 0, "N", 0}),
      },
      {{"lang", "language label of the best guess (\"un\" when there is none)"},
       {"lang_score", "score of that guess, 0 to 1"},
       {"lang_scores", "with --top-k: {label: score} for the K best guesses, best first"}},
      {"dpk-langid --langs en,de --min-score 0.5 -o out/ corpus.jsonl.zst",
       "dpk-langid --backend fasttext --top-k 3 < docs.jsonl > tagged.jsonl"},
      "-",
      configure,
  };
  return spec;
}

}  // namespace dpk
